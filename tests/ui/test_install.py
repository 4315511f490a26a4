#!/usr/bin/python3
"""Installs the build with `meson install --destdir` into a temporary folder
and checks what a desktop gets: the launcher, the icons (scalable and
symbolic), the AppStream metadata, the GSettings schema and the Japanese
catalogue, each where desktop environments look for it; then runs the
INSTALLED programs: anime-ascend draws its window (--screenshot) with
XDG_DATA_DIRS and GSETTINGS_SCHEMA_DIR pointing into the prefix, and
ascendctl --help lists its commands.

meson skips gnome.post_install() under DESTDIR (a package's triggers do that
work), so the schema is compiled in place here, as the trigger would.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import collections
import configparser
import gettext
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ascendui import DataHome, Tap, check, essential, png_size, read_png, run_cases  # noqa: E402

APP_ID = "io.github.animeascend.AnimeAscend"


def env_path(name):
    value = os.environ.get(name)
    check(value, "%s is not set (meson sets it)" % name)
    return value


class Install:
    def __init__(self):
        self.dest = tempfile.mkdtemp(prefix="ascend-install-")
        self.home = DataHome()
        self.prefix = None

    def under_prefix(self, *parts):
        # DESTDIR + an absolute prefix, as meson install --destdir lays it out.
        return os.path.join(self.dest, self.prefix.lstrip("/"), *parts)

    def datadir(self, *parts):
        return self.under_prefix(env_path("ASCEND_DATADIR"), *parts)

    def cases(self):
        return [
            ("meson install --destdir installs the programs", self.install),
            ("the launcher is valid and runs the installed program with the app's icon", self.desktop_file),
            ("the icon: scalable and symbolic SVGs in the hicolor theme", self.icons),
            ("the AppStream metadata validates and launches the desktop file", self.metainfo),
            ("the GSettings schema is installed and compiles where GLib looks", self.schema),
            ("the Japanese catalogue is installed and translates the app", self.catalogue),
            ("the installed anime-ascend draws its window (--screenshot)", self.screenshot),
            ("the installed ascendctl --help lists its commands", self.ascendctl_help),
        ]

    @essential
    def install(self):
        self.prefix = env_path("ASCEND_PREFIX")
        proc = subprocess.run([env_path("MESON"), "install", "-C", env_path("ASCEND_BUILD_ROOT"),
                               "--destdir", self.dest, "--no-rebuild", "--quiet"],
                              capture_output=True, text=True, timeout=300)
        check(proc.returncode == 0, "meson install failed:\n%s%s" % (proc.stdout, proc.stderr))
        bindir = self.under_prefix(env_path("ASCEND_BINDIR"))
        for program in ("anime-ascend", "ascendctl"):
            path = os.path.join(bindir, program)
            check(os.path.isfile(path) and os.access(path, os.X_OK), "%s is not an installed program" % path)
        print("# installed into %s" % self.under_prefix(), flush=True)

    def desktop_file(self):
        path = self.datadir("applications", APP_ID + ".desktop")
        check(os.path.isfile(path), "no launcher at %s" % path)
        proc = subprocess.run(["desktop-file-validate", path], capture_output=True, text=True)
        check(proc.returncode == 0, "desktop-file-validate: %s%s" % (proc.stdout, proc.stderr))
        entry = configparser.RawConfigParser(strict=False, interpolation=None)
        entry.optionxform = str
        entry.read(path, encoding="utf-8")
        section = entry["Desktop Entry"]
        exec_program = section["Exec"].split()[0]
        check(exec_program == "anime-ascend", "Exec runs %r" % exec_program)
        check(os.path.isfile(self.under_prefix(env_path("ASCEND_BINDIR"), exec_program)),
              "Exec=%s is not in the installed bindir" % exec_program)
        check(section["Icon"] == APP_ID, "Icon=%s" % section["Icon"])
        check("Name[ja]" in section, "the launcher has no Japanese name")

    def icons(self):
        for sub, name in (("scalable", APP_ID + ".svg"), ("symbolic", APP_ID + "-symbolic.svg")):
            path = self.datadir("icons", "hicolor", sub, "apps", name)
            check(os.path.isfile(path), "no %s icon at %s" % (sub, path))
            root = ET.parse(path).getroot()
            check(root.tag.endswith("svg"), "%s is not an SVG" % path)

    def metainfo(self):
        path = self.datadir("metainfo", APP_ID + ".metainfo.xml")
        check(os.path.isfile(path), "no metainfo at %s" % path)
        proc = subprocess.run(["appstreamcli", "validate", "--no-net", path], capture_output=True, text=True)
        check(proc.returncode == 0, "appstreamcli validate: %s%s" % (proc.stdout, proc.stderr))
        root = ET.parse(path).getroot()
        check(root.findtext("id") == APP_ID, "metainfo id %r" % root.findtext("id"))
        check(root.findtext("launchable") == APP_ID + ".desktop", "launchable %r" % root.findtext("launchable"))
        check(os.path.isfile(self.datadir("applications", root.findtext("launchable"))),
              "the launchable desktop file is not installed")

    def schema(self):
        schemas = self.datadir("glib-2.0", "schemas")
        check(os.path.isfile(os.path.join(schemas, APP_ID + ".gschema.xml")), "no schema in %s" % schemas)
        proc = subprocess.run(["glib-compile-schemas", "--strict", schemas], capture_output=True, text=True)
        check(proc.returncode == 0, "glib-compile-schemas: %s%s" % (proc.stdout, proc.stderr))
        check(os.path.isfile(os.path.join(schemas, "gschemas.compiled")), "no gschemas.compiled")

    def catalogue(self):
        localedir = self.under_prefix(env_path("ASCEND_LOCALEDIR"))
        path = os.path.join(localedir, "ja", "LC_MESSAGES", "anime-ascend.mo")
        check(os.path.isfile(path), "no Japanese catalogue at %s" % path)
        ja = gettext.translation("anime-ascend", localedir=localedir, languages=["ja"])
        for english in ("Preferences", "Level up by looking after yourself", "Dashboard"):
            translated = ja.gettext(english)
            check(translated != english, "%r is not translated in the installed catalogue" % english)
        one = ja.ngettext("%u day", "%u days", 1)
        many = ja.ngettext("%u day", "%u days", 5)
        check(one == many and "%u" in one, "Japanese has one plural form: %r, %r" % (one, many))

    def installed_env(self):
        env = dict(os.environ)
        env["XDG_DATA_HOME"] = self.home.path
        env["XDG_DATA_DIRS"] = self.datadir() + ":" + env.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
        env["GSETTINGS_SCHEMA_DIR"] = self.datadir("glib-2.0", "schemas")
        env.setdefault("GSK_RENDERER", "cairo")
        env.pop("NO_AT_BRIDGE", None)
        return env

    def screenshot(self):
        path = os.path.join(self.dest, "installed.png")
        program = self.under_prefix(env_path("ASCEND_BINDIR"), "anime-ascend")
        proc = subprocess.run([program, "--screenshot", path, "--size", "800x600", "--style", "light"],
                              env=self.installed_env(), capture_output=True, text=True, timeout=60)
        check(proc.returncode == 0, "exit status %d:\n%s%s" % (proc.returncode, proc.stdout, proc.stderr))
        check(os.path.isfile(path), "no PNG written")
        check(png_size(path) == (800, 600), "the PNG is %dx%d" % png_size(path))
        width, height, channels, rows = read_png(path)
        colours = collections.Counter()
        for row in rows[::8]:
            colours.update(zip(row[0::channels * 8], row[1::channels * 8], row[2::channels * 8]))
        top = colours.most_common(1)[0][1] / float(sum(colours.values()))
        print("# %d colours sampled, the most common covers %.0f%%" % (len(colours), 100 * top), flush=True)
        check(len(colours) > 50 and top < 0.95, "a nearly blank window")

    def ascendctl_help(self):
        program = self.under_prefix(env_path("ASCEND_BINDIR"), "ascendctl")
        proc = subprocess.run([program, "--help"], env=self.installed_env(), capture_output=True, text=True,
                              timeout=30)
        check(proc.returncode == 0, "exit status %d: %s" % (proc.returncode, proc.stderr))
        for command in ("init", "export", "import", "check"):
            check(command in proc.stdout, "--help does not list %s:\n%s" % (command, proc.stdout))

    def close(self):
        shutil.rmtree(self.dest, ignore_errors=True)
        self.home.cleanup()


def main():
    install = Install()
    tap = Tap([n for n, _ in install.cases()])
    try:
        run_cases(tap, install.cases())
    finally:
        install.close()
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
