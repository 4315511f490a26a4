#!/usr/bin/python3
"""The alert thresholds in Preferences say their unit in agreement with
the number beside it: "1 minute", "5 minutes", "1 second" (a fixed
"minutes" read "1 minutes" before), both on the row and in the spin
button's accessible name a screen reader announces.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ascendui import (  # noqa: E402
    App, DataHome, Tap, check, essential, find, find_child, key_combo, name, now_ms, poll,
    pointer_to, role, run_cases, skip_all, text_of,
)

COOLDOWN = "Quiet time between alerts of one kind"
COUNTDOWN = "“Are you OK?” countdown after a critical alert"


class Units:
    def __init__(self):
        self.home = DataHome()
        self.app = None
        self.prefs = None

    def cases(self):
        return [
            ("Preferences open with the alert thresholds, units in the plural for the defaults", self.open),
            ("a cool-down of 1 reads “minute”, 2 reads “minutes”", self.cooldown),
            ("a countdown of 5 reads “seconds”", self.countdown),
        ]

    def unit(self, title):
        """The unit in the spin button's accessible name, "TITLE (UNIT)"
        (GTK may append the row's title after it)."""
        spoken = name(self.spin(title))
        check(spoken.startswith(title + " (") and ")" in spoken, "the spin button is named %r" % spoken)
        return spoken[len(title) + 2:spoken.index(")", len(title))]

    def spin(self, title):
        return poll(lambda: find(self.prefs, lambda a: role(a) == "spin button"
                                 and name(a).startswith(title + " (")),
                    what="the %r spin button" % title)

    @essential
    def open(self):
        self.home.create_schema()
        t = now_ms()
        con = self.home.connect()
        with con:
            con.execute("INSERT INTO users (name, email, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                        " VALUES ('Sakura', NULL, 'local', 'admin', ?, ?, ?)", (t, t, t))
        con.close()
        self.app = App(self.home.path)
        self.app.wait_registered()
        win = self.app.window()
        pointer_to(win)
        key_combo(["Control"], "comma")
        self.prefs = poll(lambda: find_child(self.app.app, lambda f: role(f) == "frame"
                                             and name(f) == "Preferences"), 10, what="the Preferences window")
        check(self.unit(COOLDOWN) == "minutes", "cool-down reads %r" % self.unit(COOLDOWN))

    def set_and_read(self, title, value):
        spin = self.spin(title)
        spin.queryValue().currentValue = value
        poll(lambda: spin.queryValue().currentValue == value, what="%r to take %d" % (title, value))
        return self.unit(title)

    def cooldown(self):
        one = self.set_and_read(COOLDOWN, 1)
        check(one == "minute", "at 1: %r" % one)
        # The row's subtitle follows too (the other minute rows keep "minutes").
        poll(lambda: find(self.prefs, lambda a: role(a) == "label" and text_of(a) == "minute"),
             what="a row subtitle reading “minute”")
        two = self.set_and_read(COOLDOWN, 2)
        check(two == "minutes", "at 2: %r" % two)

    def countdown(self):
        five = self.set_and_read(COUNTDOWN, 5)
        check(five == "seconds", "at 5: %r" % five)

    def close(self):
        if self.app is not None:
            self.app.quit()
        self.home.cleanup()


def main():
    units = Units()
    tap = Tap([n for n, _ in units.cases()])
    try:
        run_cases(tap, units.cases())
    finally:
        units.close()
    return tap.finish()


if __name__ == "__main__":
    if not os.environ.get("DISPLAY"):
        skip_all("no display")
    sys.exit(main())
