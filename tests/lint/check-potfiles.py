#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every file with translatable strings is in po/POTFILES.in, which is sorted and names only real files."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = [line.strip() for line in (root / "po" / "POTFILES.in").read_text().splitlines()
          if line.strip() and not line.startswith("#")]
problems = []

if listed != sorted(listed):
    problems.append("po/POTFILES.in is not sorted")
for name in listed:
    if not (root / name).is_file():
        problems.append(f"po/POTFILES.in names {name}, which does not exist")

marks = {
    ".c": re.compile(r'\b(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\('),
    ".ui": re.compile(r'translatable="yes"'),
}
for path in sorted((root / "src").rglob("*")):
    pattern = marks.get(path.suffix)
    if pattern is None or not path.is_file():
        continue
    rel = path.relative_to(root).as_posix()
    if pattern.search(path.read_text(encoding="utf-8")) and rel not in listed:
        problems.append(f"{rel} has translatable strings but is not in po/POTFILES.in")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
