#!/usr/bin/python3
"""The Health section driven through AT-SPI as a user (or a screen reader)
would: the empty states, the manual reading form and its inline errors, SOS
without a sensor, the simulated sensor's live values and Disconnect, Find
Sensors on a machine without BlueZ, and the accessible names of everything a
user can press; checked against what the window says and what the database
holds.

Cases marked "# TODO" in their name are known defects of the Health view
(the reason follows the marker): TAP reports their failure without failing
the test, and meson calls it an unexpected pass (a failure) once the defect
is fixed, so whoever fixes it drops the marker.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import datetime
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ascendui import (  # noqa: E402
    App, Scenario, Tap, by_role_name, check, click, content_title, essential, extents, find,
    find_all, is_on_screen, key_combo, mouse_click, name, now_ms, pointer_to, poll, pyatspi, role,
    run_scenarios, set_text, shows, text_of, toast_shown,
)

DASH = "\u2013"  # what the live values show while nothing is measured
NO_SENSOR = "No sensor connected"
NO_SENSOR_HINT = "Find a Bluetooth heart-rate strap or watch, or try the simulated sensor."
NO_READINGS = "No Readings Today"
HR_ROW = "Heart rate (bpm)"
STRESS_ROW = "Stress from 1 to 10 (optional)"
HR_NOT_NUMBER = "Enter your heart rate as a whole number of beats per minute"
HR_RANGE = "Heart rate must be between 30 and 250 bpm"
STRESS_ERROR = "Stress must be a whole number from 1 to 10, or left empty"
SAVED_TOAST = "Reading saved"
SOS_TOAST = "Emergency reading saved (no sensor connected, so without a heart rate)"
SOS = "SOS: Record an Emergency Reading"
# Toasts queue behind each other (about 5 s each in libadwaita 1.2).
TOAST_TIMEOUT = 25


# ------------------------------------------------------------ window parts

def health_view(win):
    return find(win, by_role_name("filler", "AscendHealthView"))


def button(root, label):
    """A push button by what it says: its accessible name or the text of its
    label (so the lookup does not depend on how GTK builds the name)."""
    def pred(a):
        if role(a) != "push button":
            return False
        if name(a) == label:
            return True
        return any(text_of(c) == label for c in find_all(a, lambda c: role(c) == "label"))
    return find(root, pred)


def sensitive(acc):
    return acc.getState().contains(pyatspi.STATE_SENSITIVE)


def live_card(win):
    return find(win, by_role_name("panel", "Live heart monitor"))


def live(win):
    """What the sensor card shows: heart rate, sensor name, state, the
    SIMULATED badge (or None: GTK 4 drops hidden widgets from the tree), the
    heartbeat image and the caption -> value pairs below them."""
    card = live_card(win)
    check(card is not None, "no panel named 'Live heart monitor'")
    top = card.getChildAtIndex(0)
    image = find(top, lambda a: role(a) == "image" and name(a).startswith("Heart rate "))
    texts = find(top, lambda a: role(a) == "panel" and a.childCount >= 3
                 and all(role(a.getChildAtIndex(i)) == "label" for i in range(a.childCount)))
    check(texts is not None, "no heart rate, name and state labels in the sensor card")
    labels = [texts.getChildAtIndex(i) for i in range(texts.childCount)]
    badge = find(top, lambda a: role(a) == "label" and text_of(a) == "SIMULATED")
    values = {}
    table = find(card, lambda a: role(a) == "table")
    for cell in find_all(table, lambda a: role(a) == "panel" and a.childCount == 2) if table else []:
        values[text_of(cell.getChildAtIndex(0))] = text_of(cell.getChildAtIndex(1))
    return {
        "hr": text_of(labels[0]), "name": text_of(labels[1]), "state": text_of(labels[2]),
        "badge": badge, "image": name(image) if image else None, "values": values,
    }


def entry_row(win, row_name):
    row = find(health_view(win), by_role_name("text", row_name))
    check(row is not None, "no entry row named %r" % row_name)
    return row


def error_label(win):
    """The inline error under the form: the label beside Save Reading."""
    save = button(health_view(win), "Save Reading")
    check(save is not None, "no Save Reading button")
    box = save.parent
    label = find(box, lambda a: role(a) == "label" and a.parent == box)
    check(label is not None, "no error label beside Save Reading")
    return label


def today_stack_pages(win):
    """(empty page, list) of the Today group: both stay in the tree."""
    view = health_view(win)
    empty = find(view, by_role_name("panel", NO_READINGS))
    lst = find(view, by_role_name("list", "Today's readings"))
    return empty, lst


def today_rows(win):
    _, lst = today_stack_pages(win)
    if lst is None:
        return []
    rows = []
    for i in range(lst.childCount):
        row = lst.getChildAtIndex(i)
        if role(row) == "list item":
            rows.append((name(row), [text_of(a) for a in find_all(row, lambda a: role(a) == "label")]))
    return rows


def readings(home):
    return home.query("SELECT * FROM healthReadings ORDER BY id")


def avoid_midnight():
    """Today's list counts local today: do not start a second before midnight."""
    now = datetime.datetime.now()
    midnight = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    left = (midnight - now).total_seconds()
    if left < 120:
        time.sleep(left + 1)


# ------------------------------------------------------------ the scenario

class Health(Scenario):
    def cases(self):
        return [
            ("Ctrl+2 and the sidebar row open Health; the content title follows", self.open_health),
            ("empty state: No sensor connected, heart rate -, no SIMULATED badge, Disconnect insensitive",
             self.empty_sensor),
            ("empty state: Today shows No Readings Today, no reading rows", self.empty_today),
            ("empty state: the No Readings Today title is inside its box at the default window size",
             self.empty_today_visible),
            ("heart rate 'abc' and Save Reading: inline error on the heart rate row, nothing written",
             self.hr_not_number),
            ("heart rate 400 and Enter in the row: range error, nothing written", self.hr_out_of_range),
            ("72 bpm with stress 11: stress error on the stress row only, nothing written", self.stress_bad),
            ("72 bpm with stress 3: manual row written, listed under Today, error cleared, form emptied",
             self.save_valid),
            ("SOS without a sensor: emergency row without heart rate, listed, toast says so", self.sos),
            ("every reading row under Today has a title a screen reader can read", self.today_titles),
            ("Simulate (Rest): live NN bpm in 50-90, SIMULATED badge showing, Connected, contact Good",
             self.simulate),
            ("Disconnect: no sensor again, heart rate -, badge gone, Disconnect insensitive", self.disconnect),
            ("every button and image in the Health view has an accessible name (no GTK type names)",
             self.names),
            ("every button in the Health view is named once, without mnemonic underscores or GTK type names",
             self.names_clean),
            ("Find Sensors without BlueZ: Sensors Nearby shows why, the app keeps running", self.find_sensors),
        ]

    # -- set-up

    @essential
    def open_health(self):
        avoid_midnight()
        self.home.create_schema()
        t = now_ms()
        con = self.home.connect()
        with con:
            con.execute("INSERT INTO users (name, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                        " VALUES ('Sakura', 'local', 'admin', ?, ?, ?)", (t - 86400000, t - 86400000, t))
        con.close()
        # No BlueZ: a system bus that is not there, whatever the machine has.
        no_bus = "unix:path=" + os.path.join(self.home.path, "no-system-bus")
        self.app = App(self.home.path, extra_env={"DBUS_SYSTEM_BUS_ADDRESS": no_bus})
        self.app.wait_registered()
        self.win = self.app.window()
        poll(lambda: content_title(self.win) == "Dashboard", what="the dashboard")
        pointer_to(self.win)
        key_combo(["Control"], "2")
        poll(lambda: content_title(self.win) == "Health",
             what="the content title Health after Ctrl+2 (is %r)" % content_title(self.win))
        poll(lambda: shows(self.win, health_view(self.win)), what="the Health view on screen after Ctrl+2")
        key_combo(["Control"], "1")
        poll(lambda: content_title(self.win) == "Dashboard", what="the dashboard after Ctrl+1")
        row = find(self.win, by_role_name("list item", "Health"))
        check(row is not None, "no sidebar row named Health")
        mouse_click(row)
        poll(lambda: content_title(self.win) == "Health", what="the content title Health after the row click")
        poll(lambda: shows(self.win, health_view(self.win)), what="the Health view on screen after the row click")
        poll(lambda: row.getState().contains(pyatspi.STATE_SELECTED), what="the Health row to be selected")

    # -- empty states

    def empty_sensor(self):
        state = poll(lambda: live(self.win), what="the sensor card")
        check(state["name"] == NO_SENSOR, "sensor name reads %r" % state["name"])
        check(state["state"] == NO_SENSOR_HINT, "sensor state reads %r" % state["state"])
        check(state["hr"] == DASH, "heart rate reads %r" % state["hr"])
        check(state["image"] == "Heart rate " + DASH, "heartbeat image is named %r" % state["image"])
        check(state["badge"] is None, "a SIMULATED badge with no sensor")
        expect = {"HRV (1 min)": DASH, "Stress": DASH, "Rhythm": DASH, "Skin Contact": DASH}
        check(state["values"] == expect, "live values are %r" % state["values"])
        disconnect = button(health_view(self.win), "Disconnect")
        check(disconnect is not None and not sensitive(disconnect), "Disconnect is missing or sensitive")
        for label in ("Find Sensors", "Simulate", SOS, "Save Reading"):
            b = button(health_view(self.win), label)
            check(b is not None and sensitive(b), "%r is missing or insensitive" % label)

    def empty_today(self):
        empty, lst = today_stack_pages(self.win)
        check(empty is not None, "no %r page" % NO_READINGS)
        title = find(empty, lambda a: role(a) == "label" and text_of(a) == NO_READINGS)
        check(title is not None, "the empty page has no %r title" % NO_READINGS)
        poll(lambda: shows(self.win, empty), what="the %r page on screen" % NO_READINGS)
        check(not shows(self.win, lst), "the readings list is on screen with no readings")
        check(today_rows(self.win) == [], "rows listed: %r" % today_rows(self.win))
        check(readings(self.home) == [], "readings in the database: %r" % readings(self.home))

    def empty_today_visible(self):
        empty, _ = today_stack_pages(self.win)
        title = find(empty, lambda a: role(a) == "label" and text_of(a) == NO_READINGS)
        ex, ey, ew, eh = extents(empty)
        tx, ty, tw, th = extents(title)
        check(ey <= ty and ty + th <= ey + eh,
              "the title (y %d-%d) lies outside its page (y %d-%d)" % (ty, ty + th, ey, ey + eh))

    # -- the form

    def _expect_error(self, message, bad_row, good_row):
        label = error_label(self.win)
        poll(lambda: text_of(label) == message,
             what="the inline error %r (reads %r)" % (message, text_of(label)))
        bad = entry_row(self.win, bad_row)
        check(bad.description == message, "%r is described as %r" % (bad_row, bad.description))
        good = entry_row(self.win, good_row)
        check(good.description == "", "%r is described as %r" % (good_row, good.description))
        # The error comes from the same handler that would have saved: once
        # it shows, nothing more is on its way to the database.
        rows = readings(self.home)
        check(rows == [], "written despite the error: %r" % rows)
        check(today_rows(self.win) == [], "listed despite the error: %r" % today_rows(self.win))

    def hr_not_number(self):
        set_text(entry_row(self.win, HR_ROW), "abc")
        set_text(entry_row(self.win, STRESS_ROW), "")
        check(text_of(error_label(self.win)) == "", "an error before saving: %r" % text_of(error_label(self.win)))
        click(button(health_view(self.win), "Save Reading"))
        self._expect_error(HR_NOT_NUMBER, HR_ROW, STRESS_ROW)

    def hr_out_of_range(self):
        row = entry_row(self.win, HR_ROW)
        # Typing clears the error; Enter in the row saves (entry-activated).
        mouse_click(row)
        set_text(row, "400")
        poll(lambda: text_of(error_label(self.win)) == "", what="the error to clear when the text changes")
        key_combo([], "Return")
        self._expect_error(HR_RANGE, HR_ROW, STRESS_ROW)

    def stress_bad(self):
        set_text(entry_row(self.win, HR_ROW), "72")
        set_text(entry_row(self.win, STRESS_ROW), "11")
        click(button(health_view(self.win), "Save Reading"))
        self._expect_error(STRESS_ERROR, STRESS_ROW, HR_ROW)

    def save_valid(self):
        hr, stress = entry_row(self.win, HR_ROW), entry_row(self.win, STRESS_ROW)
        set_text(hr, "72")
        set_text(stress, "3")
        click(button(health_view(self.win), "Save Reading"))
        rows = poll(lambda: readings(self.home), what="the reading in healthReadings")
        check(len(rows) == 1, "%d rows written: %r" % (len(rows), rows))
        r = rows[0]
        want = {"readingType": "manual", "heartRate": 72, "stressLevel": 3, "hrv": None, "arrhythmiaDetected": 0}
        for key, value in want.items():
            check(r[key] == value, "healthReadings.%s is %r, expected %r" % (key, r[key], value))
        check(abs(r["createdAt"] - now_ms()) < 60000, "createdAt %r is not now" % r["createdAt"])
        listed = poll(lambda: today_rows(self.win), what="a row under Today")
        check(len(listed) == 1, "listed: %r" % listed)
        title, texts = listed[0]
        check(title == "72 bpm \u00b7 stress 3", "the row is named %r" % title)
        check(any(t.endswith("\u00b7 typed in") for t in texts), "the row says %r" % texts)
        empty, lst = today_stack_pages(self.win)
        poll(lambda: shows(self.win, lst) and not shows(self.win, empty),
             what="the list instead of %r" % NO_READINGS)
        check(text_of(error_label(self.win)) == "", "error still shown: %r" % text_of(error_label(self.win)))
        check(hr.description == "" and stress.description == "",
              "rows still described as %r, %r" % (hr.description, stress.description))
        check(text_of(hr) == "" and text_of(stress) == "",
              "the form kept %r, %r" % (text_of(hr), text_of(stress)))
        poll(lambda: toast_shown(self.win, SAVED_TOAST), TOAST_TIMEOUT, what="the %r toast" % SAVED_TOAST)

    # -- SOS

    def sos(self):
        before = len(readings(self.home))
        click(button(health_view(self.win), SOS))
        rows = poll(lambda: [r for r in readings(self.home) if r["readingType"] == "emergency"],
                    what="an emergency reading")
        check(len(rows) == 1, "%d emergency rows: %r" % (len(rows), rows))
        check(len(readings(self.home)) == before + 1, "SOS wrote more than one row")
        r = rows[0]
        check(r["heartRate"] is None, "an emergency heart rate with no sensor: %r" % r["heartRate"])
        check(abs(r["createdAt"] - now_ms()) < 60000, "createdAt %r is not now" % r["createdAt"])
        poll(lambda: len(today_rows(self.win)) == 2, what="two rows under Today (are %r)" % today_rows(self.win))
        check(any(any(t.endswith("\u00b7 emergency") for t in texts) for _, texts in today_rows(self.win)),
              "no emergency row under Today: %r" % today_rows(self.win))
        poll(lambda: toast_shown(self.win, SOS_TOAST), TOAST_TIMEOUT, what="the toast %r" % SOS_TOAST)

    def today_titles(self):
        rows = today_rows(self.win)
        check(rows, "no rows under Today")
        untitled = [texts for title, texts in rows if not title.strip()]
        check(not untitled, "rows without a name: %r" % untitled)

    # -- the simulated sensor

    def simulate(self):
        view = health_view(self.win)
        dropdown = find(view, by_role_name("combo box", "Simulation scenario"))
        check(dropdown is not None, "no combo box named 'Simulation scenario'")
        check(find(dropdown, lambda a: role(a) == "label" and text_of(a) == "Rest" and is_on_screen(a, self.win)),
              "the scenario drop-down does not show Rest")
        click(button(view, "Simulate"))

        def measuring():
            s = live(self.win)
            m = re.match(r"^(\d+) bpm$", s["hr"])
            return (s, int(m.group(1))) if m else None
        state, bpm = poll(measuring, 10, what="the live heart rate to read 'NN bpm' (reads %r)"
                          % live(self.win)["hr"])
        check(50 <= bpm <= 90, "resting simulated heart rate %d bpm" % bpm)
        check(state["name"] == "Simulated sensor (rest)", "sensor name reads %r" % state["name"])
        check(state["state"] == "Connected", "sensor state reads %r" % state["state"])
        check(state["image"] == "Heart rate %s" % state["hr"], "heartbeat image is named %r" % state["image"])
        badge = state["badge"]
        check(badge is not None, "no SIMULATED badge in the tree")
        check(badge.getState().contains(pyatspi.STATE_VISIBLE), "the SIMULATED badge is not visible")
        check(shows(self.win, badge), "the SIMULATED badge is not on screen")
        poll(lambda: live(self.win)["values"].get("Skin Contact") == "Good", 5,
             what="Skin Contact to read Good (reads %r)" % live(self.win)["values"])
        check(live(self.win)["values"].get("Rhythm") == "Regular",
              "Rhythm reads %r" % live(self.win)["values"].get("Rhythm"))
        disconnect = button(view, "Disconnect")
        check(sensitive(disconnect), "Disconnect is insensitive while connected")
        # The number keeps moving: it is live.
        poll(lambda: live(self.win)["image"] == "Heart rate %s" % live(self.win)["hr"], 5,
             what="the heartbeat image to follow the label")

    def disconnect(self):
        view = health_view(self.win)
        b = button(view, "Disconnect")
        check(b is not None and sensitive(b), "no sensitive Disconnect button")
        click(b)
        poll(lambda: live(self.win)["name"] == NO_SENSOR, what="the sensor name to read %r" % NO_SENSOR)
        state = live(self.win)
        check(state["state"] == NO_SENSOR_HINT, "sensor state reads %r" % state["state"])
        check(state["hr"] == DASH, "heart rate reads %r after Disconnect" % state["hr"])
        check(state["image"] == "Heart rate " + DASH, "heartbeat image is named %r" % state["image"])
        check(state["badge"] is None or not shows(self.win, state["badge"]), "the SIMULATED badge still shows")
        for caption in ("HRV (1 min)", "Rhythm", "Skin Contact"):
            check(state["values"].get(caption) == DASH, "%s reads %r" % (caption, state["values"].get(caption)))
        poll(lambda: not sensitive(button(view, "Disconnect")), what="Disconnect to become insensitive")
        # Nothing more arrives once disconnected.
        time.sleep(1.5)
        check(live(self.win)["hr"] == DASH, "heart rate came back: %r" % live(self.win)["hr"])

    # -- accessible names

    def _controls(self):
        """Buttons, images, combo boxes, entries, page tabs and list items
        of the Health view, with the parts GTK and libadwaita build inside
        their own widgets left out (a drop-down's toggle, an entry row's
        edit icon, a view switcher tab's icons): those are named, or not,
        by the widget around them."""
        view = health_view(self.win)
        out = []

        def inside_other_widget(a):
            p = a.parent
            while p is not None and p != view:
                if role(p) in ("combo box", "text", "page tab"):
                    return True
                p = p.parent
            return False
        for a in find_all(view, lambda a: role(a) in ("push button", "toggle button", "image", "combo box",
                                                      "text", "list item", "check box", "page tab")):
            if not inside_other_widget(a):
                out.append(a)
        return out

    def names(self):
        found = self._controls()
        view = health_view(self.win)
        for label in ("Find Sensors", "Disconnect", "Simulate", SOS, "Save Reading"):
            b = button(view, label)
            check(b is not None and b in found, "the %r button is not among the controls" % label)
        bad = [(role(a), name(a)) for a in found
               if role(a) != "list item" and (not name(a).strip() or re.match(r"^(Gtk|Adw|Ascend)", name(a)))]
        check(not bad, "unnamed or type-named: %r" % bad)

    def names_clean(self):
        view = health_view(self.win)
        bad = []
        for a in find_all(view, lambda a: role(a) in ("push button", "toggle button")):
            n = name(a)
            labels = [text_of(c) for c in find_all(a, lambda c: role(c) == "label")]
            doubled = any(lbl and n != lbl and n.endswith(" " + lbl) for lbl in labels)
            if "_" in n or doubled or re.match(r"^(Gtk|Adw)", n):
                bad.append(n)
        check(not bad, "button names: %r" % bad)

    # -- Find Sensors

    def find_sensors(self):
        view = health_view(self.win)
        click(button(view, "Find Sensors"))
        heading = poll(lambda: find(view, lambda a: role(a) == "label" and text_of(a) == "Sensors Nearby"),
                       what="the Sensors Nearby heading")
        box = heading.parent.parent
        message = poll(lambda: find(box, lambda a: role(a) == "label" and a.parent == box and text_of(a)
                                    and "Checking" not in text_of(a)),
                       what="a message under Sensors Nearby")
        check("Bluetooth" in text_of(message), "the message reads %r" % text_of(message))
        devices = find(box, by_role_name("list", "Sensors nearby"))
        check(devices is not None and devices.childCount == 0, "devices listed without BlueZ")
        time.sleep(0.5)
        check(self.app.proc.poll() is None, "the app exited: %s" % self.app.output())
        check(live(self.win)["name"] == NO_SENSOR, "the sensor card changed: %r" % live(self.win)["name"])


class TodoTap(Tap):
    """A failed case whose name carries a TAP "# TODO" directive is a known
    defect: reported, but not counted against the exit status."""

    def result(self, ok, name, diag=None):
        super().result(ok, name, diag)
        if not ok and "# TODO" in name:
            self.failed -= 1


def main():
    return run_scenarios([Health()], TodoTap)


if __name__ == "__main__":
    sys.exit(main())
