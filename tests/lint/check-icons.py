#!/usr/bin/env python3
# check-icons.py — the app icons follow the icon guidelines and load through GdkPixbuf
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The full-colour app icon is a 128x128 SVG; the symbolic one a 16x16 SVG of filled paths in
#2e3436 with no strokes, gradients or images; in both the <svg> tag lies within the first 256
bytes, where shared-mime-info (and so GdkPixbuf and GTK) sniffs for it: a longer preamble makes
GTK fail with "Unrecognized image file format"."""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1])
icons = root / "data" / "icons" / "hicolor"
app = icons / "scalable" / "apps" / "io.github.dossier_app.Dossier.svg"
symbolic = icons / "symbolic" / "apps" / "io.github.dossier_app.Dossier-symbolic.svg"
SVG = "{http://www.w3.org/2000/svg}"
problems = []


def load(path, size):
    data = path.read_bytes()
    if data.find(b"<svg") < 0 or data.find(b"<svg") > 256 - len(b"<svg"):
        problems.append(f"{path.name}: <svg must start within the first 256 bytes")
    svg = ET.fromstring(data)
    for attr in ("width", "height"):
        if svg.get(attr) != str(size):
            problems.append(f"{path.name}: {attr} must be {size}")
    if svg.get("viewBox") != f"0 0 {size} {size}":
        problems.append(f"{path.name}: viewBox must be 0 0 {size} {size}")
    return svg


load(app, 128)
sym = load(symbolic, 16)
for element in sym.iter():
    tag = element.tag.replace(SVG, "")
    if tag in ("linearGradient", "radialGradient", "image", "text", "filter"):
        problems.append(f"{symbolic.name}: no <{tag}> in a symbolic icon")
    style = element.get("style", "")
    if element.get("stroke") not in (None, "none") or re.search(r"stroke\s*:\s*(?!none)", style):
        problems.append(f"{symbolic.name}: no strokes in a symbolic icon")
    fill = element.get("fill")
    if tag == "path" and fill not in (None, "#2e3436"):
        problems.append(f"{symbolic.name}: paths are filled #2e3436, not {fill}")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
