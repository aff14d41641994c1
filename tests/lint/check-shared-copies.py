#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The project's copies of files from ../shared/api are identical to the originals (skipped when
../shared is not beside the checkout)."""
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
shared = root.parent / "shared" / "api"
copies = {
    "src/sandbox/catalogue.json": "catalogue.json",
}

if not shared.is_dir():
    print(f"{shared} not found: nothing to compare")
    sys.exit(77)

problems = []
for ours, theirs in copies.items():
    if (root / ours).read_bytes() != (shared / theirs).read_bytes():
        problems.append(f"{ours} differs from ../shared/api/{theirs}: copy it again")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
