#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/es.po translates every string of the current sources: extract a fresh template with the
same keywords as meson's glib preset, then compare; no fuzzy or untranslated entries either."""
import pathlib
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1])
po = root / "po" / "es.po"
keywords = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3",
            "g_dpgettext2:2c,3", "ngettext:1,2"]

with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / "dossier.pot"
    cmd = ["xgettext", "--from-code=UTF-8", "--add-comments", "--files-from",
           str(root / "po" / "POTFILES.in"), "--directory", str(root), "--output", str(pot)]
    cmd += [f"--keyword={k}" for k in keywords]
    subprocess.run(cmd, check=True)
    compare = subprocess.run(["msgcmp", "--use-untranslated", str(po), str(pot)],
                             capture_output=True, text=True)
    stats = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
                           capture_output=True, text=True)

problems = []
if compare.returncode != 0:
    problems.append("po/es.po lacks strings of the sources (update it from the template):\n"
                    + compare.stderr)
if "untranslated" in stats.stderr or "fuzzy" in stats.stderr:
    problems.append("po/es.po is incomplete: " + stats.stderr.strip())
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
