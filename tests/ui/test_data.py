#!/usr/bin/python3
"""Preferences → Your Data, driven through AT-SPI as a user would:

- Export JSON writes the whole data to the chosen file (a format 2 export
  holding the profile). The file chooser is the portal's under Flatpak and
  cannot be driven reliably under Xvfb, so the test sets ASCEND_TEST_FILE,
  which the page uses instead of asking (only when it is set).
- Backups: the daily backup made at start-up is listed as checked.
- Danger Zone: a wrong profile name is refused inline (Delete stays
  disabled, nothing deleted); the right one deletes the profile and all it
  owns and the window goes back to onboarding.

Screenshots of the page (light, and 360 px wide) are left in the build
folder as data-page-*.png when ImageMagick's import is there.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ascendui  # noqa: E402
from ascendui import (  # noqa: E402
    App, Scenario, by_role_name, check, click, essential, find, find_child, key_combo, name, now_ms,
    pointer_to, poll, pyatspi, role, run_scenarios, set_text, text_of,
)

DAY = 86400000
TOPLEVEL_ROLES = ("frame", "dialog", "filler")


def sensitive(acc):
    return acc.getState().contains(pyatspi.STATE_SENSITIVE)


def label_with(root, text):
    return find(root, lambda a: role(a) == "label" and text_of(a) == text)


def button(root, label):
    """A push button by its accessible label. GTK 4.8 appends the title of
    the row it activates to the name ("Export JSON Export Everything as
    JSON"), so match the start."""
    return find(root, lambda a: role(a) == "push button" and (name(a) == label
                                                               or name(a).startswith(label + " ")))


class YourData(Scenario):
    def __init__(self):
        super().__init__()
        self.export_path = os.path.join(self.home.path, "export.json")
        self.prefs = None

    def cases(self):
        return [
            ("Preferences has a Your Data page", self.open_page),
            ("Export JSON writes a format 2 export of the profile to the chosen file", self.export_json),
            ("the daily backup made at start-up is listed as checked", self.backups),
            ("Restore… asks first, then brings the backup back and reloads the window", self.restore),
            ("Danger Zone: a wrong name is refused inline and nothing is deleted", self.wrong_name),
            ("Danger Zone: the right name deletes everything and shows onboarding", self.right_name),
        ]

    @essential
    def open_page(self):
        self.home.create_schema()
        t = now_ms()
        con = self.home.connect()
        try:
            uid = con.execute(
                "INSERT INTO users (name, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                " VALUES ('Sakura', 'local', 'admin', ?, ?, ?)", (t - 30 * DAY, t - 30 * DAY, t)).lastrowid
            con.execute("INSERT INTO moodLogs (userId, mood, moodScore, createdAt) VALUES (?, 'calm', 7, ?)",
                        (uid, t - DAY))
            con.commit()
        finally:
            con.close()
        self.app = App(self.home.path, extra_env={"ASCEND_TEST_FILE": self.export_path})
        self.app.wait_registered()
        self.win = self.app.window()
        pointer_to(self.win)
        key_combo(["Control"], "comma")
        self.prefs = poll(lambda: find_child(self.app.app, lambda f: role(f) == "frame"
                                             and name(f) == "Preferences"), 10, what="the Preferences window")
        tab = poll(lambda: find(self.prefs, lambda a: role(a) == "page tab" and name(a) == "Your Data"),
                   what="the Your Data page tab")
        click(tab)
        poll(lambda: button(self.prefs, "Export JSON"), what="the Export JSON button")
        self.screenshot("data-page-light.png")

    def screenshot(self, file_name):
        out = os.environ.get("ASCEND_UI_OUTPUT")
        tool = shutil.which("import")
        if not out or not tool:
            return
        time.sleep(0.5)
        subprocess.run([tool, "-window", "root", os.path.join(out, file_name)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=20)

    def export_json(self):
        export = button(self.prefs, "Export JSON")
        click(export)
        poll(lambda: os.path.exists(self.export_path), what="the export file")
        with open(self.export_path, encoding="utf-8") as f:
            data = json.load(f)
        check(data.get("formatVersion") == 2, "formatVersion is %r" % data.get("formatVersion"))
        check([u["name"] for u in data["users"]] == ["Sakura"], "users %r" % data["users"])
        check(len(data["moodLogs"]) == 1, "moodLogs %r" % data["moodLogs"])
        check("habitLogDays" in data.get("extraTables", {}), "no extraTables.habitLogDays")
        check(os.stat(self.export_path).st_mode & 0o777 == 0o600,
              "the export is readable by others: %o" % (os.stat(self.export_path).st_mode & 0o777))
        poll(lambda: label_with(self.prefs, "Exported to export.json"), what="the 'Exported to' toast")
        poll(lambda: sensitive(export), what="Export JSON to be enabled again")

    def backups(self):
        row = poll(lambda: find(self.prefs, lambda a: role(a) == "push button"
                                and name(a).startswith("Restore the backup of ")),
                   what="a backup row with its Restore button")
        check(sensitive(row), "the start-up backup cannot be restored")
        files = os.listdir(os.path.join(self.home.path, "anime-ascend", "backups"))
        check(any(f.startswith("anime-ascend-20") and f.endswith(".db") for f in files),
              "no daily backup file in %r" % files)

    def open_prefs_page(self):
        self.win = poll(lambda: find_child(self.app.app, lambda f: role(f) == "frame" and name(f) == "Anime Ascend"),
                        what="the main window")
        pointer_to(self.win)
        key_combo(["Control"], "comma")
        self.prefs = poll(lambda: find_child(self.app.app, lambda f: role(f) == "frame"
                                             and name(f) == "Preferences"), 10, what="the Preferences window")
        click(poll(lambda: find(self.prefs, lambda a: role(a) == "page tab" and name(a) == "Your Data"),
                   what="the Your Data page tab"))
        poll(lambda: button(self.prefs, "Delete Profile"), what="the Delete Profile button")

    def restore(self):
        # A mood logged after the start-up backup: the restore takes it away.
        con = self.home.connect()
        try:
            con.execute("INSERT INTO moodLogs (userId, mood, moodScore, createdAt)"
                        " SELECT id, 'happy', 9, ? FROM users", (now_ms(),))
            con.commit()
        finally:
            con.close()
        check(self.home.query("SELECT count(*) AS n FROM moodLogs") == [{"n": 2}], "the new mood was not written")
        click(find(self.prefs, lambda a: role(a) == "push button" and name(a).startswith("Restore the backup of ")))
        dialog = poll(lambda: find_child(self.app.app, lambda f: role(f) in TOPLEVEL_ROLES
                                         and label_with(f, "Restore This Backup?") is not None),
                      what="the restore confirmation")
        check(self.home.query("SELECT count(*) AS n FROM moodLogs") == [{"n": 2}], "restored before confirming")
        click(find(dialog, lambda a: role(a) == "push button" and "Restore" in name(a) and "Cancel" not in name(a)))
        poll(lambda: self.home.query("SELECT count(*) AS n FROM moodLogs") == [{"n": 1}],
             what="the backup's single mood log to be back")
        check(self.home.query("SELECT name FROM users") == [{"name": "Sakura"}], "the profile changed")
        backups = os.listdir(os.path.join(self.home.path, "anime-ascend", "backups"))
        check(any(f.startswith("anime-ascend-before-restore-") for f in backups),
              "no copy of the data from before the restore: %r" % backups)
        poll(lambda: find_child(self.app.app, lambda f: role(f) == "frame" and name(f) == "Preferences") is None,
             what="the old windows to be replaced")
        self.open_prefs_page()

    def delete_dialog(self):
        return poll(lambda: find_child(self.app.app, lambda f: role(f) in TOPLEVEL_ROLES
                                       and find(f, by_role_name("text", "Profile name")) is not None),
                    what="the delete dialog")

    def wrong_name(self):
        click(button(self.prefs, "Delete Profile"))
        dialog = self.delete_dialog()
        entry = find(dialog, by_role_name("text", "Profile name"))
        delete = poll(lambda: find(dialog, by_role_name("push button", "_Delete Everything"))
                      or find(dialog, lambda a: role(a) == "push button" and "Delete Everything" in name(a)),
                      what="the Delete Everything button")
        check(not sensitive(delete), "Delete Everything is enabled before anything is typed")
        set_text(entry, "Sakur")
        poll(lambda: label_with(dialog, "This is not the profile name"), what="the inline 'not the name' error")
        check(not sensitive(delete), "Delete Everything is enabled for a wrong name")
        check(entry.description == "This is not the profile name", "entry description %r" % entry.description)
        click(delete)
        time.sleep(0.5)
        check(self.home.query("SELECT name FROM users") == [{"name": "Sakura"}], "the profile was deleted")
        self.dialog = dialog

    def right_name(self):
        dialog = self.dialog
        entry = find(dialog, by_role_name("text", "Profile name"))
        delete = find(dialog, lambda a: role(a) == "push button" and "Delete Everything" in name(a))
        set_text(entry, "Sakura")
        poll(lambda: sensitive(delete), what="Delete Everything to be enabled")
        check(label_with(dialog, "This is not the profile name") is None, "the error stays for the right name")
        click(delete)
        poll(lambda: self.home.query("SELECT count(*) AS n FROM users") == [{"n": 0}],
             what="the profile to be deleted")
        check(self.home.query("SELECT count(*) AS n FROM moodLogs") == [{"n": 0}], "mood logs outlived the profile")
        backups = os.path.join(self.home.path, "anime-ascend", "backups")
        left = [f for f in os.listdir(backups) if f.endswith(".db")] if os.path.isdir(backups) else []
        check(left == [], "backups still hold the deleted profile: %r" % left)
        win = poll(lambda: find_child(self.app.app, lambda f: role(f) == "frame" and name(f) == "Anime Ascend"
                                      and find(f, by_role_name("filler", "Welcome pages")) is not None),
                   what="the onboarding window")
        check(find_child(self.app.app, lambda f: role(f) == "frame" and name(f) == "Preferences") is None,
              "Preferences stayed open over onboarding")
        check(win is not None, "no onboarding")


def main():
    return run_scenarios([YourData()])


if __name__ == "__main__":
    sys.exit(main())
