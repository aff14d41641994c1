#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest: valid JSON, our app id, a GNOME runtime of version 50 or newer, exactly
the finish-args of DESIGN.md (no filesystem access), the app built last with meson from the local
tree and without its tests (-Dtests=false), every other module's sources pinned (sha256 or commit);
and, where flatpak-builder is installed, `flatpak-builder --show-manifest` parses it."""
import json
import pathlib
import shutil
import subprocess
import sys

root = pathlib.Path(sys.argv[1])
path = root / "flatpak" / "io.github.dossier_app.Dossier.json"
problems = []

try:
    manifest = json.loads(path.read_text(encoding="utf-8"))
except (OSError, ValueError) as error:
    print(f"{path}: {error}")
    sys.exit(1)

if manifest.get("id", manifest.get("app-id")) != "io.github.dossier_app.Dossier":
    problems.append("the app id is not io.github.dossier_app.Dossier")
if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
    problems.append("runtime and sdk must be org.gnome.Platform and org.gnome.Sdk")
try:
    if float(str(manifest.get("runtime-version"))) < 50:
        problems.append("runtime-version must be 50 or newer")
except ValueError:
    problems.append(f"runtime-version {manifest.get('runtime-version')!r} is not a GNOME release")
if manifest.get("command") != "dossier":
    problems.append("command must be dossier")

expected = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
            "--device=dri"}
args = set(manifest.get("finish-args", []))
if any(a.startswith("--filesystem") for a in args):
    problems.append("finish-args must not grant filesystem access")
if args != expected:
    problems.append(f"finish-args must be exactly {sorted(expected)}, not {sorted(args)}")

modules = manifest.get("modules", [])
app = modules[-1] if modules and isinstance(modules[-1], dict) else {}
if app.get("name") != "dossier" or app.get("buildsystem") != "meson":
    problems.append("the last module must be dossier, built with meson")
sources = app.get("sources", [])
if not any(s.get("type") == "dir" and s.get("path") == ".." for s in sources):
    problems.append("dossier must be built from the local tree (a dir source with path ..)")
if "-Dtests=false" not in app.get("config-opts", []):
    problems.append("dossier must be configured with -Dtests=false (the Flatpak builds no tests)")

# Every other module's sources are pinned: an archive or file with its sha256, a git
# checkout at a commit. (Modules may also be given as file names; those are read too.)
def module_sources(module):
    if isinstance(module, str):
        try:
            module = json.loads((path.parent / module).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            problems.append(f"module file {module}: {error}")
            return
    for source in module.get("sources", []):
        yield module.get("name", "?"), source
    for child in module.get("modules", []):
        yield from module_sources(child)

for module in modules[:-1]:
    for name, source in module_sources(module):
        kind = source.get("type")
        if kind in ("archive", "file") and not source.get("sha256"):
            problems.append(f"module {name}: {kind} source {source.get('url')} has no sha256")
        elif kind == "git" and not source.get("commit"):
            problems.append(f"module {name}: git source {source.get('url')} is not pinned to a commit")
        elif kind == "dir":
            problems.append(f"module {name}: only dossier may build from a local dir")

if shutil.which("flatpak-builder"):
    result = subprocess.run(["flatpak-builder", "--show-manifest", str(path)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        problems.append("flatpak-builder --show-manifest failed: " + result.stderr.strip())

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
