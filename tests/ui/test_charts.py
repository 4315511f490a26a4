#!/usr/bin/python3
"""The health charts driven through AT-SPI as a user (or a screen reader)
would: readings seeded in the store, Health > Trends opened, the range
switched with the keyboard (Alt+D, Alt+W, Ctrl+Left, Ctrl+Home, Alt+Y), and
each chart's accessible description checked against the numbers the seeded
readings must give ("Heart rate today: average 77, lowest 58, highest 96");
the readout moved with End and Left on a focused chart; the empty state of
a range without readings; the journal's mood chart still read out.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import datetime
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ascendui import (  # noqa: E402
    App, Scenario, by_role_name, check, essential, find, key_combo, mouse_click, name, now_ms,
    pointer_to, poll, role, run_scenarios, shows,
)

HOUR = 3600 * 1000
DAY = 24 * HOUR
KEYSYMS = {"Left": 0xFF51, "Right": 0xFF53, "Home": 0xFF50, "End": 0xFF57}


def press(modifiers, key):
    """key_combo for the keys ascendui does not name (arrows, Home, End)."""
    from gi.repository import Atspi
    mask = 0
    for m in modifiers:
        mask |= {"Alt": 1 << 3, "Control": 1 << 2, "Shift": 1 << 0}[m]
    if mask:
        Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        Atspi.generate_keyboard_event(KEYSYMS[key], None, Atspi.KeySynthType.SYM)
    finally:
        if mask:
            Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def local_ms(dt):
    return int(dt.timestamp() * 1000)


def description(acc):
    try:
        return acc.description or ""
    except Exception:  # noqa: BLE001
        return ""


def chart(win, title):
    """A chart (an image) whose accessible description starts with title."""
    return find(win, lambda a: role(a) == "image" and description(a).startswith(title + " "))


class Charts(Scenario):
    def __init__(self):
        super().__init__()
        self.last_week_in_year = True

    def cases(self):
        return [
            ("seed readings, open Health > Trends", self.open_trends),
            ("Alt+W: this week's heart rate, HRV and stress described with their numbers", self.this_week),
            ("Alt+D: today's heart rate: average 77, lowest 58, highest 96", self.today),
            ("a clicked chart takes the keyboard: End reads the newest point, Left the one before", self.readout),
            ("Alt+W, Ctrl+Left: last week: average 75, lowest 50, highest 100", self.last_week),
            ("Ctrl+Home: back to this week", self.back_to_today),
            ("Alt+Y: the year's lowest and highest cover every reading", self.year),
            ("two years back: the empty state says what to do", self.empty_range),
            ("the journal's mood chart reads its week", self.journal_mood),
        ]

    @essential
    def open_trends(self):
        now = datetime.datetime.now()
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        # Today's two readings are 40 and 5 minutes old: both must be today.
        if (now - midnight).total_seconds() < 45 * 60:
            time.sleep((midnight + datetime.timedelta(minutes=45) - now).total_seconds())
            now = datetime.datetime.now()
            midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        t = now_ms()
        monday = midnight - datetime.timedelta(days=midnight.weekday())
        last_monday = monday - datetime.timedelta(days=7)
        self.last_week_in_year = last_monday.year == now.year and (last_monday + datetime.timedelta(days=2)).year == now.year
        self.readings = [
            # today: 58 then 96
            (t - 40 * 60 * 1000, 58, 40.0, 3),
            (t - 5 * 60 * 1000, 96, 30.0, 8),
            # last week: Monday noon 50, Wednesday noon 100
            (local_ms(last_monday + datetime.timedelta(hours=12)), 50, 60.0, 2),
            (local_ms(last_monday + datetime.timedelta(days=2, hours=12)), 100, 20.0, 9),
        ]
        self.home.create_schema()
        con = self.home.connect()
        with con:
            uid = con.execute("INSERT INTO users (name, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                              " VALUES ('Sakura', 'local', 'admin', ?, ?, ?)", (t - 400 * DAY, t, t)).lastrowid
            for created, hr, hrv, stress in self.readings:
                con.execute("INSERT INTO healthReadings (userId, heartRate, hrv, stressLevel, arrhythmiaDetected,"
                            " readingType, createdAt) VALUES (?, ?, ?, ?, 0, 'automatic', ?)",
                            (uid, hr, hrv, stress, created))
            con.execute("INSERT INTO healthAlerts (userId, alertType, severity, message, heartRate, stressLevel,"
                        " acknowledged, createdAt) VALUES (?, 'high_heart_rate', 'high', 'Fast', 96, 8, 0, ?)",
                        (uid, t - 5 * 60 * 1000))
            con.execute("INSERT INTO moodLogs (userId, mood, moodScore, createdAt) VALUES (?, 'Happy', 8, ?)",
                        (uid, t - 60 * 1000))
        con.close()
        no_bus = "unix:path=" + os.path.join(self.home.path, "no-system-bus")
        self.app = App(self.home.path, args=["--section", "health"],
                       extra_env={"DBUS_SYSTEM_BUS_ADDRESS": no_bus})
        self.app.wait_registered()
        self.win = self.app.window()
        pointer_to(self.win)
        tab = poll(lambda: find(self.win, by_role_name("page tab", "Trends")), what="the Trends page tab")
        tab.queryAction().doAction(0)
        poll(lambda: chart(self.win, "Heart rate") is not None and shows(self.win, chart(self.win, "Heart rate")),
             what="the heart-rate chart on screen")

    def expect(self, title, text):
        poll(lambda: description(chart(self.win, title)) == text,
             what="%r (is %r)" % (text, description(chart(self.win, title))))

    def this_week(self):
        key_combo(["Alt"], "w")
        self.expect("Heart rate", "Heart rate this week: average 77, lowest 58, highest 96")
        self.expect("HRV", "HRV this week: average 35, lowest 30, highest 40")
        self.expect("Stress", "Stress this week: average 5.5, lowest 3.0, highest 8.0")

    def today(self):
        key_combo(["Alt"], "d")
        self.expect("Heart rate", "Heart rate today: average 77, lowest 58, highest 96")

    def readout(self):
        # A click focuses the chart (GTK 4.8 refuses AT-SPI's grabFocus).
        mouse_click(chart(self.win, "Heart rate"))
        press([], "End")
        poll(lambda: name(chart(self.win, "Heart rate")).endswith(": 96 bpm"),
             what="the readout of the newest point (name is %r)" % name(chart(self.win, "Heart rate")))
        press([], "Left")
        poll(lambda: name(chart(self.win, "Heart rate")).endswith(": 58 bpm"),
             what="the readout of the point before (name is %r)" % name(chart(self.win, "Heart rate")))
        check(name(chart(self.win, "Heart rate")).startswith("Heart rate, "),
              "the readout names its chart: %r" % name(chart(self.win, "Heart rate")))

    def last_week(self):
        key_combo(["Alt"], "w")
        self.expect("Heart rate", "Heart rate this week: average 77, lowest 58, highest 96")
        press(["Control"], "Left")
        self.expect("Heart rate", "Heart rate last week: average 75, lowest 50, highest 100")
        self.expect("Stress", "Stress last week: average 5.5, lowest 2.0, highest 9.0")

    def back_to_today(self):
        press(["Control"], "Home")
        self.expect("Heart rate", "Heart rate this week: average 77, lowest 58, highest 96")

    def year(self):
        key_combo(["Alt"], "y")
        low, high = (50, 100) if self.last_week_in_year else (58, 96)
        poll(lambda: description(chart(self.win, "Heart rate")).startswith("Heart rate this year: average ")
             and description(chart(self.win, "Heart rate")).endswith(", lowest %d, highest %d" % (low, high)),
             what="the year's heart rate (is %r)" % description(chart(self.win, "Heart rate")))

    def empty_range(self):
        press(["Control"], "Left")
        press(["Control"], "Left")
        self.expect("Heart rate", "Heart rate in %d: nothing recorded" % (datetime.datetime.now().year - 2))
        empty = poll(lambda: find(self.win, by_role_name("label", "No readings in this range")),
                     what="the empty state's title")
        poll(lambda: shows(self.win, empty), what="the empty state on screen")
        check(find(self.win, lambda a: role(a) == "push button" and name(a) == "Open Monitor") is not None,
              "no button to the Monitor page in the empty state")
        for label in ("Day", "Week", "Month", "Year", "Today", "Previous year", "Next year"):
            check(find(self.win, lambda a: role(a) in ("push button", "toggle button") and name(a) == label)
                  is not None, "no button named %r (names must not carry mnemonic underscores)" % label)

    def journal_mood(self):
        key_combo(["Control"], "4")
        mood = poll(lambda: find(self.win, lambda a: role(a) == "image" and name(a).startswith("Mood this week")),
                    what="the journal's mood chart")
        poll(lambda: "8.0 of 10 on average, 1 day logged" in name(mood), what="the mood chart to count today")


def main():
    return run_scenarios([Charts()])


if __name__ == "__main__":
    sys.exit(main())
