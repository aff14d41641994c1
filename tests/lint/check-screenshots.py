#!/usr/bin/env python3
# check-screenshots.py — the metainfo's screenshots are files of data/screenshots/
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every <image> of the metainfo's <screenshots> is a URL under the homepage that names a file of
data/screenshots/ (https://github.com/dossier-app/dossier/raw/REF/data/screenshots/NAME.png);
each such file is a PNG at least 620 px wide and no wider than 3840, one default screenshot
at most; and every PNG in data/screenshots/ is referenced."""
import pathlib
import re
import struct
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1])
metainfo = root / "data" / "io.github.dossier_app.Dossier.metainfo.xml.in"
folder = root / "data" / "screenshots"
url_form = re.compile(r"^https://github\.com/dossier-app/dossier/raw/[A-Za-z0-9._-]+/"
                      r"data/screenshots/([a-z0-9-]+\.png)$")
problems = []

component = ET.parse(metainfo).getroot()
shots = component.findall("./screenshots/screenshot")
if sum(1 for s in shots if s.get("type") == "default") > 1:
    problems.append("more than one screenshot has type=\"default\"")

referenced = set()
for shot in shots:
    for image in shot.findall("image"):
        url = (image.text or "").strip()
        match = url_form.match(url)
        if not match:
            problems.append(f"{url!r} is not https://github.com/dossier-app/dossier/raw/REF/"
                            "data/screenshots/NAME.png")
            continue
        name = match.group(1)
        referenced.add(name)
        path = folder / name
        try:
            head = path.read_bytes()[:24]
        except OSError:
            problems.append(f"{url} names data/screenshots/{name}, which does not exist")
            continue
        if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
            problems.append(f"data/screenshots/{name} is not a PNG")
            continue
        width, height = struct.unpack(">II", head[16:24])
        if not 620 <= width <= 3840 or height < 300:
            problems.append(f"data/screenshots/{name} is {width}x{height}: too small or too large")
    if shot.find("caption") is None:
        problems.append("a screenshot has no caption")

for path in sorted(folder.glob("*.png")) if folder.is_dir() else []:
    if path.name not in referenced:
        problems.append(f"data/screenshots/{path.name} is not referenced by the metainfo")

print(f"{len(shots)} screenshots in the metainfo, {len(referenced)} files checked")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
