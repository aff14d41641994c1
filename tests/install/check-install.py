#!/usr/bin/env python3
# check-install.py — `meson install` gives a working Dossier: the files, the schema, the Spanish
# catalogue, `--version`, a headless launch that maps the window, and D-Bus activation.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.py MESON BUILDDIR PREFIX BINDIR DATADIR LOCALEDIR VERSION
# Output: TAP. Installs with DESTDIR into a temporary folder, runs the installed binaries with
# the installed schema (compiled here, as meson's post-install step would), and removes
# everything it started. Needs a display (xvfb-run) and xdotool for the launch checks; without
# them those checks are skipped.
import configparser
import gettext
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

APP_ID = "io.github.dossier_app.Dossier"
OBJECT_PATH = "/io/github/dossier_app/Dossier"

meson, builddir, prefix, bindir, datadir, localedir, version = sys.argv[1:8]

results = []
started = []  # processes this script started, ended by pid at exit
activated = []  # pids of the processes the bus started for us


def report(ok, name, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}")
    for line in str(detail).splitlines():
        print(f"# {line}")
    sys.stdout.flush()


def skip(name, why):
    results.append(True)
    print(f"ok {len(results)} - {name} # SKIP {why}")
    sys.stdout.flush()


def poll(predicate, timeout, step=0.1):
    """Calls predicate until it returns something true or timeout seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(step)


def under(dest, path):
    """The installed location of an absolute path of the prefix, inside DESTDIR."""
    return pathlib.Path(str(dest) + str(pathlib.PurePosixPath(prefix) / path))


def end(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def gdbus(env, *args, timeout=15):
    return subprocess.run(["gdbus", "call", "--session", *args], env=env, capture_output=True,
                          text=True, timeout=timeout)


def name_has_owner(env):
    result = gdbus(env, "--dest", "org.freedesktop.DBus", "--object-path",
                   "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner",
                   APP_ID)
    return result.returncode == 0 and "true" in result.stdout


def _command_line(env, wid):
    """The command line of the process that owns X window wid, or ""."""
    try:
        pid = subprocess.run(["xdotool", "getwindowpid", wid], env=env, capture_output=True,
                             text=True, timeout=10).stdout.strip()
        cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        return cmdline.decode().strip()
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return ""


def find_window(env, timeout, exe):
    """The X id of a visible window titled exactly Dossier whose process runs exe, or None.
    Other tests may show Dossier windows on the same display meanwhile: those are skipped."""
    found = []

    def look():
        try:
            result = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Dossier$"],
                                    env=env, capture_output=True, text=True, timeout=10)
        except subprocess.TimeoutExpired:
            return False
        for wid in result.stdout.split():
            if _command_line(env, wid).split(" ")[0] == str(exe):
                found.append(wid)
                return True
        return False

    return found[0] if poll(look, timeout, 0.2) else None


def quit_app(env):
    """Activates app.quit over D-Bus, the action Ctrl+Q triggers."""
    return gdbus(env, "--dest", APP_ID, "--object-path", OBJECT_PATH, "--method",
                 "org.gtk.Actions.Activate", "quit", "[]", "{}")


def main():
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="dossier-install.",
                                        dir=os.environ.get("DOSSIER_TEST_TMPDIR")))
    dest = tmp / "dest"
    try:
        run_checks(tmp, dest)
    finally:
        for pid in activated:
            try:
                # Only while it is still our installed binary (a pid may be reused).
                if str(dest).encode() in pathlib.Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for proc in started:
            end(proc)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


def run_checks(tmp, dest):
    install = subprocess.run([meson, "install", "-C", builddir, "--no-rebuild", "--quiet",
                              "--destdir", str(dest)], capture_output=True, text=True,
                             timeout=60)
    report(install.returncode == 0, "meson install --destdir",
           install.stdout[-2000:] + install.stderr[-2000:])
    if install.returncode != 0:
        return

    bin_dir = under(dest, bindir)
    data_dir = under(dest, datadir)
    locale_dir = under(dest, localedir)
    expected = [
        bin_dir / "dossier",
        bin_dir / "dossier-sandbox",
        data_dir / "applications" / f"{APP_ID}.desktop",
        data_dir / "metainfo" / f"{APP_ID}.metainfo.xml",
        data_dir / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        data_dir / "icons" / "hicolor" / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg",
        data_dir / "glib-2.0" / "schemas" / f"{APP_ID}.gschema.xml",
        data_dir / "dbus-1" / "services" / f"{APP_ID}.service",
        locale_dir / "es" / "LC_MESSAGES" / "dossier.mo",
    ]
    missing = [str(p.relative_to(dest)) for p in expected if not p.is_file()]
    report(not missing, "every file is installed", "missing: " + ", ".join(missing))
    for exe in expected[:2]:
        report(exe.is_file() and os.access(exe, os.X_OK), f"{exe.name} is executable")

    desktop = configparser.ConfigParser(interpolation=None, strict=False)
    desktop.optionxform = str
    desktop.read(data_dir / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"] if desktop.has_section("Desktop Entry") else {}
    report(entry.get("Exec") == "dossier" and entry.get("Icon") == APP_ID
           and entry.get("DBusActivatable") == "true" and "Comment[es]" in entry,
           "the desktop file: Exec, Icon, DBusActivatable=true, Spanish merged in",
           {k: entry.get(k) for k in ("Exec", "Icon", "DBusActivatable", "Comment[es]")})

    service = configparser.ConfigParser(interpolation=None)
    service.optionxform = str
    service.read(data_dir / "dbus-1" / "services" / f"{APP_ID}.service", encoding="utf-8")
    section = service["D-BUS Service"] if service.has_section("D-BUS Service") else {}
    want_exec = f"{pathlib.PurePosixPath(prefix) / bindir / 'dossier'} --gapplication-service"
    report(section.get("Name") == APP_ID and section.get("Exec") == want_exec,
           "the D-Bus service file: Name and Exec",
           f"Name={section.get('Name')} Exec={section.get('Exec')} (want {want_exec})")

    metainfo = (data_dir / "metainfo" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    report(f"<id>{APP_ID}</id>" in metainfo and 'xml:lang="es"' in metainfo,
           "the metainfo names the app and carries the Spanish translation")

    schemas = data_dir / "glib-2.0" / "schemas"
    compiled = subprocess.run(["glib-compile-schemas", "--strict", str(schemas)],
                              capture_output=True, text=True, timeout=30)
    report(compiled.returncode == 0 and (schemas / "gschemas.compiled").is_file(),
           "the installed schema compiles (meson's post-install step)", compiled.stderr)

    # The catalogue sits where the binary looks for it: LOCALEDIR, compiled into the binary,
    # is the prefix's localedir, and the installed .mo translates the app's strings.
    want_localedir = str(pathlib.PurePosixPath(prefix) / localedir)
    binary = (bin_dir / "dossier").read_bytes()
    report(want_localedir.encode() + b"\0" in binary,
           f"the binary looks for translations in {want_localedir}")
    try:
        spanish = gettext.translation("dossier", localedir=str(locale_dir), languages=["es"])
        text = spanish.gettext("Show the version and exit")
    except OSError as error:
        text = str(error)
    report(text == "Muestra la versión y sale", "the installed catalogue is Spanish", text)

    env = dict(os.environ)
    env["GSETTINGS_SCHEMA_DIR"] = str(schemas)
    env["XDG_DATA_DIRS"] = f"{data_dir}:/usr/local/share:/usr/share"
    env["GSETTINGS_BACKEND"] = "memory"
    env.setdefault("GDK_BACKEND", "x11")
    env.setdefault("GSK_RENDERER", "cairo")
    env.setdefault("GTK_A11Y", "none")
    env.pop("G_DEBUG", None)  # the app, not a test: warnings are reported, not fatal

    ver = subprocess.run([str(bin_dir / "dossier"), "--version"], env=env,
                         capture_output=True, text=True, timeout=30)
    report(ver.returncode == 0 and ver.stdout == f"dossier {version}\n",
           "dossier --version", ver.stdout + ver.stderr)
    ver = subprocess.run([str(bin_dir / "dossier-sandbox"), "--version"], env=env,
                         capture_output=True, text=True, timeout=30)
    report(ver.returncode == 0 and version in ver.stdout, "dossier-sandbox --version",
           ver.stdout + ver.stderr)

    launch_checks(tmp, env, bin_dir, want_exec)


def launch_checks(tmp, env, bin_dir, installed_exec):
    names = ["the installed app maps its window", "Ctrl+Q's action quits it cleanly",
             "no warnings or criticals (the installed icon loads, the schema is found)",
             "D-Bus activation starts dossier --gapplication-service and opens the window",
             "the activated service quits and leaves the bus"]
    why = None
    if not os.environ.get("DISPLAY"):
        why = "no display (run under xvfb-run)"
    elif not shutil.which("xdotool") or not shutil.which("dbus-daemon"):
        why = "xdotool or dbus-daemon missing"
    if why:
        for name in names:
            skip(name, why)
        return

    # A private session bus, so no other Dossier answers for our name. Its only activation
    # directory holds the installed service file with Exec pointed into DESTDIR: no keyring or
    # other session service is started (and left behind) by this test.
    services = tmp / "services"
    services.mkdir()
    installed = next(pathlib.Path(str(tmp / "dest")).rglob(f"dbus-1/services/{APP_ID}.service"))
    text = installed.read_text(encoding="utf-8")
    exe_in_dest = str(bin_dir / "dossier")
    # The bus runs without DISPLAY, like the session bus of `build-aux/dev test`; Dossier gets
    # the display through env(1), which execs it, so its command line stays the service's.
    (services / f"{APP_ID}.service").write_text(
        text.replace(f"Exec={installed_exec}",
                     f"Exec=/usr/bin/env DISPLAY={env['DISPLAY']} {exe_in_dest} "
                     "--gapplication-service"),
        encoding="utf-8")
    config = tmp / "session.conf"
    config.write_text(f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmp}</listen>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
""", encoding="utf-8")
    bus_env = {k: v for k, v in env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    daemon = subprocess.Popen(["dbus-daemon", "--config-file", str(config), "--nofork",
                               "--print-address=1"], env=bus_env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    started.append(daemon)
    address = daemon.stdout.readline().strip()
    if not address:
        for name in names:
            report(False, name, "the private dbus-daemon did not start")
        return
    env["DBUS_SESSION_BUS_ADDRESS"] = address

    # 1. A plain launch.
    log = tmp / "app.log"
    with open(log, "w", encoding="utf-8") as out:
        app = subprocess.Popen([exe_in_dest], env=env, stdout=out, stderr=subprocess.STDOUT)
    started.append(app)
    wid = find_window(env, 30, exe_in_dest)
    report(wid is not None and app.poll() is None, names[0], f"window {wid}")
    quit_app(env)
    try:
        status = app.wait(timeout=15)
    except subprocess.TimeoutExpired:
        status = None
    output = log.read_text(encoding="utf-8", errors="replace")
    report(status == 0, names[1], f"exit status {status}\n{output[-2000:]}")
    noisy = [line for line in output.splitlines()
             if "-WARNING" in line or "-CRITICAL" in line or "Failed to load icon" in line]
    report(status is not None and not noisy, names[2], "\n".join(noisy))
    end(app)

    # 2. D-Bus activation, the way a notification or the shell starts Dossier.
    if not poll(lambda: not name_has_owner(env), 10):
        report(False, names[3], "the name is still owned by the first instance")
        report(False, names[4])
        return
    activate = gdbus(env, "--dest", APP_ID, "--object-path", OBJECT_PATH, "--method",
                     "org.freedesktop.Application.Activate", "{}", timeout=30)
    wid = find_window(env, 30, exe_in_dest) if activate.returncode == 0 else None
    cmdline = ""
    if wid is not None:
        pid = subprocess.run(["xdotool", "getwindowpid", wid], env=env, capture_output=True,
                             text=True, timeout=10).stdout.strip()
        try:
            activated.append(int(pid))
            cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            cmdline = cmdline.decode().strip()
        except (OSError, ValueError):
            cmdline = ""
    report(wid is not None and cmdline == f"{exe_in_dest} --gapplication-service", names[3],
           f"{activate.stdout}{activate.stderr}window {wid}, command line {cmdline!r}")
    quit_app(env)
    gone = poll(lambda: not name_has_owner(env), 15)
    if gone and activated:
        gone = poll(lambda: not pathlib.Path(f"/proc/{activated[0]}").exists()
                    or "Z" in _state(activated[0]), 10)
    report(gone, names[4])


def _state(pid):
    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


if __name__ == "__main__":
    sys.exit(main())
