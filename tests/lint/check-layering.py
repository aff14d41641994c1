#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""DESIGN.md's layers, checked on the sources as well as by the build: contract and core include
no GTK; contract includes nothing of the layers above it; core and sandbox never include each other."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1]) / "src"
include = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
headers = {layer: {p.name for p in (root / layer).glob("*.h")}
           for layer in ("contract", "core", "sandbox", "ui")}
gtk = re.compile(r'^(gtk/|gdk/|gsk/|adwaita\.h)')
forbidden = {
    "contract": ("core", "sandbox", "ui"),
    "core": ("sandbox", "ui"),
    "sandbox": ("core", "ui"),
}

problems = []
for layer, others in forbidden.items():
    for path in sorted((root / layer).glob("*.[ch]")):
        for name in include.findall(path.read_text(encoding="utf-8")):
            base = pathlib.PurePath(name).name
            if gtk.match(name) and not name.startswith("gdk-pixbuf"):
                problems.append(f"{path.relative_to(root)} includes {name} (no GTK in {layer})")
            for other in others:
                if base in headers[other] and base not in headers[layer]:
                    problems.append(f"{path.relative_to(root)} includes {name} from src/{other}")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
