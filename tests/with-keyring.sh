#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs "$@" with a private session bus and an unlocked gnome-keyring (Secret
# Service). The password must not be empty (TESTING.md §5); the keyring file
# lands in the XDG_DATA_HOME that isolate.sh made. The daemon exits with the bus.
exec dbus-run-session -- sh -c 'printf test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 99; exec "$@"' with-keyring "$@"
