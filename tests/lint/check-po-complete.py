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

# A plural entry whose forms are the English text, or in the wrong slot (a form 0 that is
# the English plural): the catalogue would show English, or "1 días", to Spanish readers.
def unquote(lines):
    return "".join(line.strip()[1:-1] for line in lines)

for block in po.read_text(encoding="utf-8").split("\n\n"):
    if "msgid_plural" not in block or block.lstrip().startswith("#~"):
        continue
    fields, current = {}, None
    for line in block.splitlines():
        if line.startswith("#"):
            continue
        if not line.startswith('"'):
            current, _, rest = line.partition(" ")
            fields[current] = [rest]
        elif current:
            fields[current].append(line)
    english = {unquote(fields.get("msgid", [])), unquote(fields.get("msgid_plural", []))}
    forms = [unquote(fields.get(f"msgstr[{i}]", [])) for i in range(2)]
    if any(form in english for form in forms) and english != set(forms):
        problems.append("po/es.po: plural forms left in English for "
                        + repr(unquote(fields.get("msgid", []))) + ": " + repr(forms))

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
