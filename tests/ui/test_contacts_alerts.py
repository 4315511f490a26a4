#!/usr/bin/python3
"""The Health section's Contacts and Alerts pages, driven through AT-SPI as a
user (or a screen reader) would, and checked against the database:

- Contacts: an invalid phone is refused inline with nothing written; a valid
  contact appears and, being the first, is primary; a second one made primary
  leaves exactly one primary in the database; Move Up / Move Down (menu and
  Alt+Up / Alt+Down) change the order on screen and in the database; Delete
  then Undo puts the same contact (same id) back in its place.
- Alerts: the seeded history shows newest first; the type and status filters
  narrow it; Acknowledge sets acknowledged = 1 for that alert only and the
  dashboard's "N new alerts" card follows; Acknowledge All clears them all.
- Every control of both pages has an accessible name, and at 360 px wide
  every row's buttons stay inside the window.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ascendui  # noqa: E402
from ascendui import (  # noqa: E402
    App, Scenario, by_role_name, check, click, controls_without_names, essential, extents, find,
    find_all, find_child, is_on_screen, key_combo, mouse_click, name, now_ms, pointer_to, poll,
    pyatspi, role, run_scenarios, set_text, text_of, write_keyfile_settings,
)

ascendui.KEYSYMS.update({"Up": 0xFF52, "Down": 0xFF54, "Home": 0xFF50})

PHONE_ERROR = "A phone number can only have digits, spaces and + - ( )"
EMPTY_TEXT = "Add someone who should be called if something happens."
DAY = 86400000
# GTK 4.8 shows an AdwWindow dialog as a "filler" child of the application.
TOPLEVEL_ROLES = ("frame", "dialog", "filler")


# ------------------------------------------------------------ window parts

def health_view(win):
    return find(win, by_role_name("filler", "AscendHealthView"))


def sensitive(acc):
    return acc.getState().contains(pyatspi.STATE_SENSITIVE)


def on_screen_button(root, label, win):
    """A push button on screen by what it says: its accessible name or the
    text of its label (libadwaita's toast button is named "_Undo Undo" by
    GTK 4.8)."""
    def says(a):
        if name(a) == label:
            return True
        children = [a.getChildAtIndex(i) for i in range(a.childCount)]
        return any(role(c) == "label" and text_of(c) == label for c in children)
    return find(root, lambda a: role(a) == "push button" and says(a) and is_on_screen(a, win))


def show_page(win, title):
    """Clicks the page tab of the Health section's own switcher."""
    tab = poll(lambda: find(health_view(win), by_role_name("page tab", title)),
               what="the %r page tab" % title)
    click(tab)
    poll(lambda: tab.getState().contains(pyatspi.STATE_SELECTED), what="the %r tab to be selected" % title)


def ancestors(acc, stop):
    out = []
    p = acc.parent
    while p is not None and p != stop:
        out.append(p)
        p = p.parent
    return out


def label_on_screen(root, text, win):
    return find(root, lambda a: role(a) == "label" and text_of(a) == text and is_on_screen(a, win))


def text_entry(root, entry_name):
    entry = find(root, by_role_name("text", entry_name))
    check(entry is not None, "no entry named %r" % entry_name)
    return entry


def add_profile(con, t):
    return con.execute(
        "INSERT INTO users (name, email, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
        " VALUES ('Sakura', 'sakura@example.com', 'local', 'admin', ?, ?, ?)",
        (t - 30 * DAY, t - 30 * DAY, t)).lastrowid


# --------------------------------------------------------------- contacts

CONTACT_ORDER_SQL = (
    "SELECT c.id, c.name, c.phone, c.relationship, c.isPrimary FROM emergencyContacts c"
    " LEFT JOIN contactPositions p ON p.contactId = c.id"
    " ORDER BY c.isPrimary DESC, p.position IS NULL, p.position, c.createdAt, c.id")


class Contacts(Scenario):
    def __init__(self):
        super().__init__()
        self.deleted = None

    def cases(self):
        return [
            ("Contacts page: empty state tells the user what to do, no contact in the database", self.empty),
            ("Add Contact with an invalid phone: inline error on the Phone row, dialog stays, nothing written",
             self.invalid_phone),
            ("valid contact saved: row appears with the Primary badge, database row isPrimary = 1", self.first),
            ("second contact added, then made primary from its menu: exactly one primary in the database",
             self.make_primary),
            ("Move Up / Move Down from the menu change the order on screen and in the database", self.move_menu),
            ("Alt+Up / Alt+Down on the focused contact move it too", self.move_keys),
            ("Delete, then Undo in the toast: the same contact (same id) is back in its place", self.delete_undo),
            ("every control of the Contacts page has an accessible name", self.names),
        ]

    # -- helpers

    def db(self):
        return self.home.query(CONTACT_ORDER_SQL)

    def db_names(self):
        return [r["name"] for r in self.db()]

    def contact_list(self):
        return find(health_view(self.win), by_role_name("list", "Emergency contacts"))

    def rows(self):
        lst = self.contact_list()
        if lst is None:
            return []
        return [lst.getChildAtIndex(i) for i in range(lst.childCount)
                if role(lst.getChildAtIndex(i)) == "list item"]

    def row_names(self):
        return [name(r) for r in self.rows()]

    def row(self, person):
        return find(self.contact_list(), by_role_name("list item", person))

    def primary_badge(self, person):
        row = self.row(person)
        return row is not None and find(row, lambda a: role(a) == "label" and text_of(a) == "Primary") is not None

    def menu(self, person, item):
        """Opens the contact's menu and clicks one of its items."""
        toggle = poll(lambda: find(health_view(self.win), lambda a: role(a) == "push button"
                                   and name(a) == "Actions for " + person and a.queryAction().nActions > 0),
                      what="the menu button of %s" % person)
        click(toggle)
        button = poll(lambda: on_screen_button(toggle.parent, item, self.win),
                      what="%r in the menu of %s" % (item, person))
        check(sensitive(button), "%r is insensitive in the menu of %s" % (item, person))
        click(button)

    def dialog(self, title):
        return poll(lambda: find_child(self.app.app, lambda f: role(f) in TOPLEVEL_ROLES and name(f) == title),
                    what="the %r window" % title)

    def add(self, person, phone, relationship=""):
        add = poll(lambda: on_screen_button(health_view(self.win), "Add Contact", self.win),
                   what="an Add Contact button on screen")
        click(add)
        dlg = self.dialog("Add Contact")
        set_text(text_entry(dlg, "Name"), person)
        set_text(text_entry(dlg, "Phone"), phone)
        set_text(text_entry(dlg, "Relationship (optional)"), relationship)
        click(poll(lambda: on_screen_button(dlg, "Save", dlg), what="the Save button"))
        return dlg

    def wait_order(self, expected, what):
        poll(lambda: self.row_names() == expected, what="rows %r after %s (are %r)"
             % (expected, what, self.row_names()))
        poll(lambda: self.db_names() == expected, what="database order %r after %s (is %r)"
             % (expected, what, self.db_names()))

    # -- cases

    @essential
    def empty(self):
        self.home.create_schema()
        con = self.home.connect()
        with con:
            add_profile(con, now_ms())
        con.close()
        self.app = App(self.home.path, args=["--section", "health"])
        self.app.wait_registered()
        self.win = self.app.window()
        poll(lambda: health_view(self.win), what="the Health view")
        show_page(self.win, "Contacts")
        poll(lambda: label_on_screen(health_view(self.win), EMPTY_TEXT, self.win), what="the empty state text")
        check(self.db() == [], "contacts in a new profile: %r" % self.db())

    @essential
    def invalid_phone(self):
        dlg = self.add("Mika Tanaka", "090-1234-abcd", "Sister")
        poll(lambda: label_on_screen(dlg, PHONE_ERROR, dlg), what="the inline phone error")
        phone = text_entry(dlg, "Phone")
        poll(lambda: phone.description == PHONE_ERROR, what="the Phone row's description to carry the error")
        check(text_entry(dlg, "Name").description == "", "the Name row is marked too: %r"
              % text_entry(dlg, "Name").description)
        # Give a wrongly written row time to land before saying it did not.
        time.sleep(0.3)
        check(self.db() == [], "a contact was written: %r" % self.db())
        check(find_child(self.app.app, lambda f: role(f) in TOPLEVEL_ROLES and name(f) == "Add Contact") is not None,
              "the dialog closed on an invalid phone")
        # Typing in the field takes its error away.
        set_text(phone, "+81 90 1234 5678")
        poll(lambda: label_on_screen(dlg, PHONE_ERROR, dlg) is None, what="the phone error to go")

    @essential
    def first(self):
        dlg = find_child(self.app.app, lambda f: role(f) in TOPLEVEL_ROLES and name(f) == "Add Contact")
        check(dlg is not None, "the Add Contact window is gone")
        click(on_screen_button(dlg, "Save", dlg))
        poll(lambda: find_child(self.app.app, lambda f: role(f) in TOPLEVEL_ROLES and name(f) == "Add Contact") is None,
             what="the dialog to close")
        poll(lambda: self.row_names() == ["Mika Tanaka"], what="the Mika Tanaka row (rows: %r)" % self.row_names())
        poll(lambda: self.primary_badge("Mika Tanaka"), what="the Primary badge on Mika Tanaka")
        row = self.row("Mika Tanaka")
        subtitle = [text_of(a).replace("\xa0", " ") for a in find_all(row, lambda a: role(a) == "label")]
        check("Sister · +81 90 1234 5678" in subtitle, "the row reads %r" % subtitle)
        link = find(row, lambda a: role(a) == "link")
        check(link is not None and name(link) == "Call Mika Tanaka at +81 90 1234 5678",
              "the call link is %r" % (name(link) if link else None))
        rows = self.db()
        check(len(rows) == 1, "%d contacts" % len(rows))
        check(rows[0]["isPrimary"] == 1, "the first contact is not primary: %r" % rows[0])
        check(rows[0]["phone"] == "+81 90 1234 5678" and rows[0]["relationship"] == "Sister",
              "stored as %r" % rows[0])

    @essential
    def make_primary(self):
        self.add("Ren Sato", "03-1234-5678", "Doctor")
        self.wait_order(["Mika Tanaka", "Ren Sato"], "adding Ren Sato")
        check(not self.primary_badge("Ren Sato"), "a second contact got the Primary badge")
        self.menu("Ren Sato", "Make Primary")
        self.wait_order(["Ren Sato", "Mika Tanaka"], "Make Primary")
        poll(lambda: self.primary_badge("Ren Sato") and not self.primary_badge("Mika Tanaka"),
             what="the Primary badge to move to Ren Sato")
        primaries = self.home.query("SELECT name FROM emergencyContacts WHERE isPrimary = 1")
        check(primaries == [{"name": "Ren Sato"}], "primaries in the database: %r" % primaries)

    def move_menu(self):
        self.add("Hana", "090 8765 4321")
        self.wait_order(["Ren Sato", "Mika Tanaka", "Hana"], "adding Hana")
        self.menu("Hana", "Move Up")
        self.wait_order(["Ren Sato", "Hana", "Mika Tanaka"], "Move Up")
        self.menu("Hana", "Move Down")
        self.wait_order(["Ren Sato", "Mika Tanaka", "Hana"], "Move Down")
        # Nobody passes the primary: Move Up is off for the first after it.
        toggle = find(health_view(self.win), lambda a: role(a) == "push button"
                      and name(a) == "Actions for Mika Tanaka" and a.queryAction().nActions > 0)
        click(toggle)
        up = poll(lambda: on_screen_button(toggle.parent, "Move Up", self.win), what="Move Up for Mika")
        check(not sensitive(up), "Move Up is offered to the contact right under the primary")
        pointer_to(self.win)
        key_combo([], "Escape")
        poll(lambda: on_screen_button(toggle.parent, "Move Up", self.win) is None, what="the menu to close")

    def move_keys(self):
        # Move Up from the menu leaves the focus on Hana's menu button.
        self.menu("Hana", "Move Up")
        self.wait_order(["Ren Sato", "Hana", "Mika Tanaka"], "Move Up")
        pointer_to(self.win)
        key_combo(["Alt"], "Down")
        self.wait_order(["Ren Sato", "Mika Tanaka", "Hana"], "Alt+Down")
        key_combo(["Alt"], "Up")
        self.wait_order(["Ren Sato", "Hana", "Mika Tanaka"], "Alt+Up")

    def delete_undo(self):
        before = self.db()
        mika = [r for r in before if r["name"] == "Mika Tanaka"][0]
        self.menu("Mika Tanaka", "Delete")
        self.wait_order(["Ren Sato", "Hana"], "Delete")
        undo = poll(lambda: on_screen_button(self.win, "Undo", self.win), what="the Undo button of the toast")
        # The toast's title sits beside its Undo button: look there, not in
        # the whole window (a full walk on a loaded machine can outlast the
        # toast).
        poll(lambda: label_on_screen(undo.parent, "Mika Tanaka deleted", self.win)
             or label_on_screen(self.win, "Mika Tanaka deleted", self.win), what="the deleted toast")
        click(undo)
        self.wait_order(["Ren Sato", "Hana", "Mika Tanaka"], "Undo")
        after = self.db()
        check(after == before, "database after Undo %r, before Delete %r" % (after, before))
        check([r for r in after if r["name"] == "Mika Tanaka"][0]["id"] == mika["id"], "Mika came back with a new id")
        check(not self.primary_badge("Mika Tanaka") and self.primary_badge("Ren Sato"), "primary changed by Undo")

    def names(self):
        view = health_view(self.win)
        page = find(view, by_role_name("filler", "Contacts page"))
        check(page is not None, "no Contacts page panel")
        bad = controls_without_names(page)
        check(not bad, "unnamed or badly named controls: %r" % bad)
        for row in self.rows():
            check(name(row), "a contact row has no name")


# ------------------------------------------------------------------ alerts

ALERTS = [
    # type, severity, message, heart rate, stress, acknowledged, age (ms)
    ("fall_detected", "critical", "A hard fall, then no movement for 30 seconds", None, None, 0, 60000),
    ("arrhythmia", "high", "Irregular rhythm for 12 minutes", 96, 5, 0, 3600000),
    ("high_heart_rate", "medium", "Heart rate above 120 bpm at rest for 10 minutes", 124, 6, 1, DAY),
    ("high_stress", "low", "Stress 8 of 10 for 20 minutes", 88, 8, 1, 3 * DAY),
]


def fill_alerts(home):
    home.create_schema()
    t = now_ms()
    con = home.connect()
    with con:
        uid = add_profile(con, t)
        for alert_type, severity, message, hr, stress, ack, age in ALERTS:
            con.execute("INSERT INTO healthAlerts (userId, alertType, severity, message, heartRate, stressLevel,"
                        " acknowledged, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (uid, alert_type, severity, message, hr, stress, ack, t - age))
    con.close()


COMBO_ITEMS = {
    "Type": ["All", "Fall", "Irregular rhythm", "High stress", "Low heart rate", "High heart rate"],
    "Severity": ["All", "Low", "Medium", "High", "Critical"],
    "Status": ["All", "Not acknowledged", "Acknowledged"],
}


class Alerts(Scenario):
    def cases(self):
        return [
            ("Alerts page lists the seeded alerts newest first, with severity, values and time", self.history),
            ("the Type filter (Fall) narrows the list to the fall, All brings every alert back", self.filter_type),
            ("the Status filter (Not acknowledged) shows only the two new alerts", self.filter_status),
            ("Acknowledge on one alert: acknowledged = 1 for it alone, dashboard card says 1 new alert",
             self.acknowledge_one),
            ("Acknowledge All: every alert acknowledged, dashboard card all calm, the button turns off",
             self.acknowledge_all),
            ("every control of the Alerts page has an accessible name", self.names),
        ]

    def alert_list(self):
        return find(health_view(self.win), by_role_name("list", "Alerts"))

    def rows(self):
        lst = self.alert_list()
        if lst is None:
            return []
        return [lst.getChildAtIndex(i) for i in range(lst.childCount)
                if role(lst.getChildAtIndex(i)) == "list item"]

    def messages(self):
        """The message of each row: the name says "<severity> severity, <type>, <time>: <message>[, values]"."""
        out = []
        for row in self.rows():
            for _, _, message, _, _, _, _ in ALERTS:
                if message in name(row):
                    out.append(message)
        return out

    def dashboard_alerts_card(self):
        return find(self.win, lambda a: role(a) == "push button" and name(a).startswith("Alerts: "))

    def pick(self, combo_name, item):
        """Opens a combo row's list with a click and picks an item with the
        keyboard, as GTK 4.8 tells popover positions to AT-SPI only the first
        time one opens (a click at a later one misses)."""
        combo = find(health_view(self.win), by_role_name("combo box", combo_name))
        check(combo is not None, "no combo box named %r" % combo_name)
        index = COMBO_ITEMS[combo_name].index(item)
        pointer_to(self.win)
        mouse_click(combo)
        # A closed popover has no size.
        poll(lambda: find(combo, lambda a: role(a) == "filler" and name(a) == "GtkPopover"
                          and is_on_screen(a, self.win)), what="the %s list" % combo_name)
        time.sleep(0.2)
        key_combo([], "Home")
        for _ in range(index):
            key_combo([], "Down")
        key_combo([], "Return")
        # The row shows the choice in a list of its own, outside the popover.
        poll(lambda: find(combo, lambda a: role(a) == "label" and text_of(a) == item
                          and not any(name(p) == "GtkPopover" for p in ancestors(a, combo))),
             what="the %s row to show %r" % (combo_name, item))
        poll(lambda: find(combo, lambda a: role(a) == "filler" and name(a) == "GtkPopover"
                          and is_on_screen(a, self.win)) is None, what="the %s list to close" % combo_name)

    def wait_messages(self, expected, what):
        poll(lambda: self.messages() == expected and len(self.rows()) == len(expected),
             what="alerts %r after %s (are %r)" % (expected, what, self.messages()))

    @essential
    def history(self):
        fill_alerts(self.home)
        self.app = App(self.home.path, args=["--section", "health"])
        self.app.wait_registered()
        self.win = self.app.window()
        poll(lambda: health_view(self.win), what="the Health view")
        show_page(self.win, "Alerts")
        self.wait_messages([a[2] for a in ALERTS], "opening the page")
        rows = self.rows()
        check(name(rows[0]).startswith("Critical severity, Fall, Today, "), "first row: %r" % name(rows[0]))
        labels = [text_of(a) for a in find_all(rows[1], lambda a: role(a) == "label")]
        for text in ("High", "Irregular rhythm", "96 bpm · stress 5 of 10"):
            check(text in labels, "%r not in the arrhythmia row: %r" % (text, labels))
        check(any(re.match(r"^Today, \d\d:\d\d$", t) for t in labels), "no time in the row: %r" % labels)
        check(find(rows[0], by_role_name("push button", "Acknowledge")) is not None, "no Acknowledge on a new alert")
        check(find(rows[2], by_role_name("push button", "Acknowledge")) is None, "Acknowledge on an acknowledged alert")
        card = poll(self.dashboard_alerts_card, what="the dashboard Alerts card")
        check(name(card).startswith("Alerts: 2 new alerts."), "dashboard card reads %r" % name(card))

    def filter_type(self):
        self.pick("Type", "Fall")
        self.wait_messages([ALERTS[0][2]], "Type: Fall")
        self.pick("Type", "High heart rate")
        self.wait_messages([ALERTS[2][2]], "Type: High heart rate")
        self.pick("Type", "All")
        self.wait_messages([a[2] for a in ALERTS], "Type: All")

    def filter_status(self):
        self.pick("Status", "Not acknowledged")
        self.wait_messages([ALERTS[0][2], ALERTS[1][2]], "Status: Not acknowledged")
        self.pick("Status", "All")
        self.wait_messages([a[2] for a in ALERTS], "Status: All")

    def acknowledge_one(self):
        row = [r for r in self.rows() if ALERTS[1][2] in name(r)][0]
        click(find(row, by_role_name("push button", "Acknowledge")))
        poll(lambda: self.home.query("SELECT acknowledged FROM healthAlerts WHERE alertType = 'arrhythmia'")
             == [{"acknowledged": 1}], what="the arrhythmia alert to be acknowledged in the database")
        check(self.home.query("SELECT acknowledged FROM healthAlerts WHERE alertType = 'fall_detected'")
              == [{"acknowledged": 0}], "the fall was acknowledged too")
        poll(lambda: name(self.dashboard_alerts_card()).startswith("Alerts: 1 new alert."),
             what="the dashboard card to say 1 new alert (says %r)" % name(self.dashboard_alerts_card()))
        row = poll(lambda: [r for r in self.rows() if ALERTS[1][2] in name(r)], what="the row again")[0]
        poll(lambda: find(row, by_role_name("push button", "Acknowledge")) is None
             and label_on_screen(row, "Acknowledged", self.win),
             what="the row to read Acknowledged")

    def acknowledge_all(self):
        button = on_screen_button(health_view(self.win), "Acknowledge All", self.win)
        check(button is not None and sensitive(button), "no sensitive Acknowledge All button")
        click(button)
        poll(lambda: self.home.query("SELECT count(*) AS n FROM healthAlerts WHERE acknowledged = 0") == [{"n": 0}],
             what="every alert to be acknowledged in the database")
        poll(lambda: name(self.dashboard_alerts_card()).startswith("Alerts: All calm."),
             what="the dashboard card to say all calm (says %r)" % name(self.dashboard_alerts_card()))
        poll(lambda: not sensitive(button), what="Acknowledge All to turn off")
        check(all(find(r, by_role_name("push button", "Acknowledge")) is None for r in self.rows()),
              "an Acknowledge button is left")
        self.pick("Status", "Not acknowledged")
        poll(lambda: label_on_screen(health_view(self.win), "No Matching Alerts", self.win),
             what="the empty state for no new alerts")
        self.pick("Status", "All")

    def names(self):
        view = health_view(self.win)
        page = find(view, by_role_name("filler", "Alerts page"))
        check(page is not None, "no Alerts page panel")
        bad = controls_without_names(page)
        check(not bad, "unnamed or badly named controls: %r" % bad)
        bad = controls_without_names(find(view, by_role_name("page tab list", "Health pages")))
        check(not bad, "unnamed page tabs: %r" % bad)


# ------------------------------------------------------------------ narrow

class Narrow(Scenario):
    """At 360 px wide every row's buttons stay inside the window."""

    def cases(self):
        return [
            ("360 px wide: contact rows and alert rows keep their buttons inside the window", self.fits),
        ]

    def fits(self):
        fill_alerts(self.home)
        t = now_ms()
        con = self.home.connect()
        with con:
            for i, (person, phone) in enumerate((("Mika Tanaka", "+81 90 1234 5678"),
                                                 ("Dr. Ren Sato", "(03) 1234-5678"))):
                con.execute("INSERT INTO emergencyContacts (userId, name, phone, relationship, isPrimary, createdAt)"
                            " VALUES (1, ?, ?, 'Sister', ?, ?)", (person, phone, 1 if i == 0 else 0, t + i))
        con.close()
        env = write_keyfile_settings(self.home, {"window-width": 360, "window-height": 720})
        self.app = App(self.home.path, args=["--section", "health"], extra_env=env)
        self.app.wait_registered()
        win = self.app.window()
        view = poll(lambda: health_view(win), what="the Health view")
        width = extents(win)[2]
        check(width <= 380, "the window is %d px wide" % width)
        for page, list_name in (("Contacts", "Emergency contacts"), ("Alerts", "Alerts")):
            show_page(win, page)
            lst = poll(lambda: find(view, by_role_name("list", list_name)), what="the %s list" % list_name)
            poll(lambda: is_on_screen(lst, win), what="the %s list on screen" % list_name)
            for control in find_all(lst, lambda a: role(a) in ("push button", "link", "label")):
                if not is_on_screen(control, win):
                    continue
                x, y, w, h = extents(control)
                check(x >= 0 and x + w <= width, "%s %r spans %d..%d in a %d px window"
                      % (role(control), name(control) or text_of(control), x, x + w, width))


def main():
    return run_scenarios([Contacts(), Alerts(), Narrow()])


if __name__ == "__main__":
    sys.exit(main())
