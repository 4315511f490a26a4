#!/usr/bin/python3
"""A fall nobody answers: the "Are you OK?" countdown runs out, an
emergency reading is recorded and the emergency contacts are shown.

The app replays a real SisFall fall trial (../shared/data) as its motion
sensor; the fall detector raises a critical fall_detected alert, which
raises the window with the countdown. The countdown is set to 5 seconds
through the real GSettings keyfile backend.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ascendui as ui  # noqa: E402

CASES = [
    "a replayed fall raises the window with “Are You OK?”",
    "the alert is stored as a critical fall_detected",
    "no answer: an emergency reading is recorded",
    "the emergency contacts are shown, primary first, with a Call link",
]


def dialogs(app):
    """Top-level windows other than the main one: AdwMessageDialogs are
    windows of their own, so there is no need to walk the whole (large)
    main window to find them."""
    out = []
    for i in range(app.childCount):
        w = app.getChildAtIndex(i)
        try:
            if w is not None and not (ui.role(w) == "frame" and ui.name(w) == "Anime Ascend"):
                out.append(w)
        except Exception:  # noqa: BLE001
            pass
    return out


def dialog_labels(app):
    return [ui.text_of(a) for w in dialogs(app) for a in ui.find_all(w, lambda x: ui.role(x) == "label")]


def main():
    shared = os.environ.get("ASCEND_SHARED_DATA", "")
    trial = os.path.join(shared, "sisfall-subset", "SA01", "F01_SA01_R01.txt")
    if not os.path.exists(trial):
        ui.skip_all("../shared/data is not there")
    pyatspi = ui.import_pyatspi()
    tap = ui.Tap(CASES)

    home = tempfile.mkdtemp(prefix="ascend-countdown-")
    data_home = os.path.join(home, "data")
    config_home = os.path.join(home, "config")
    db_path = os.path.join(data_home, "anime-ascend", "anime-ascend.db")
    os.makedirs(os.path.dirname(db_path), mode=0o700)
    keyfile_dir = os.path.join(config_home, "glib-2.0", "settings")
    os.makedirs(keyfile_dir)
    with open(os.path.join(keyfile_dir, "keyfile"), "w") as f:
        f.write("[io/github/animeascend/AnimeAscend]\ncountdown-seconds=5\n")
    subprocess.run([os.environ["ASCEND_UI_FIXTURE"], db_path], check=True)
    with sqlite3.connect(db_path) as con:
        con.execute("INSERT INTO users (name, loginMethod, role, createdAt, updatedAt, lastSignedIn) "
                    "VALUES ('Sakura', 'local', 'admin', 1, 1, 1)")
        con.execute("INSERT INTO emergencyContacts (userId, name, phone, relationship, isPrimary, createdAt) "
                    "VALUES (1, 'Kenji', '+81 90 1234 5678', 'brother', 0, 1)")
        con.execute("INSERT INTO emergencyContacts (userId, name, phone, relationship, isPrimary, createdAt) "
                    "VALUES (1, 'Mother', '+81 3 5555 0100', 'mother', 1, 2)")

    app = ui.App(data_home, ["--sensor", "replay:" + trial, "--speed", "4"],
                 {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config_home})
    state = {}

    def countdown_shown():
        app.wait_registered()
        ui.poll(lambda: any("Are You OK" in t for t in dialog_labels(app.app))
                or any("Are You OK" in ui.name(w) for w in dialogs(app.app)),
                30, what="the “Are You OK?” dialog")

    def stored():
        with sqlite3.connect(db_path) as con:
            rows = con.execute("SELECT alertType, severity FROM healthAlerts").fetchall()
        ui.check(("fall_detected", "critical") in rows, "healthAlerts: %r" % rows)

    def emergency():
        def recorded():
            with sqlite3.connect(db_path) as con:
                return con.execute("SELECT count(*) FROM healthReadings WHERE readingType = 'emergency'").fetchone()[0]
        ui.poll(recorded, 20, 0.2, "an emergency reading")

    def contacts():
        ui.poll(lambda: any("Emergency Contacts" in t for t in dialog_labels(app.app)),
                10, 0.2, "the Emergency Contacts dialog")
        labels = dialog_labels(app.app)
        names = [t for t in labels if t in ("Mother", "Kenji")]
        ui.check(names[:2] == ["Mother", "Kenji"], "contacts in order %r" % names)
        links = [a for w in dialogs(app.app) for a in ui.find_all(w, lambda x: ui.name(x).startswith("Call Mother"))]
        ui.check(links, "no “Call Mother” link")

    try:
        ui.run_cases(tap, [
            (CASES[0], ui.essential(countdown_shown)),
            (CASES[1], stored),
            (CASES[2], ui.essential(emergency)),
            (CASES[3], contacts),
        ])
    finally:
        app.quit()
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
