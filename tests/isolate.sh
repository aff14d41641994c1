#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one test in a throwaway home: its own XDG folders, removed afterwards.
set -u
dir=$(mktemp -d "${TMPDIR:-/tmp}/dossier-test.XXXXXX") || exit 99
export HOME="$dir/home"
export XDG_DATA_HOME="$dir/data"
export XDG_CONFIG_HOME="$dir/config"
export XDG_CACHE_HOME="$dir/cache"
export XDG_STATE_HOME="$dir/state"
export XDG_RUNTIME_DIR="$dir/runtime"
export DOSSIER_TEST_TMPDIR="$dir"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME/gtk-4.0" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
printf '[Settings]\ngtk-font-name=Cantarell 11\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
"$@"
status=$?
rm -rf "$dir"
exit $status
