#!/usr/bin/python3
"""The first run, the dashboard, the sections and the preferences, driven
through AT-SPI as a user (or a screen reader) would; checked against what the
window says and what the database holds.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import datetime
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ascendui import (  # noqa: E402
    App, Scenario, by_role_name, by_role_prefix, check, click, essential, find, find_all,
    find_child, is_on_screen, key_combo, mouse_click, name, now_ms, pointer_to, poll, pyatspi, role,
    run_scenarios, set_text, shows, text_of, toast_label, write_keyfile_settings,
)

NAME_ERROR = "Please enter a name"
EMAIL_ERROR = "That doesn't look like an email address (name@example.com)"
GREETING = re.compile(r"^(Good (morning|afternoon|evening), %s!|Still up, %s\?)$")
CARD_TITLES = ["Heart", "Alerts", "Today's Quests", "Mood", "Tokens"]


def greeting_re(person):
    return re.compile(GREETING.pattern % (re.escape(person), re.escape(person)))


# ------------------------------------------------------------ window parts

def onboarding_next(win):
    """The carousel's forward button ("Next", then "Start My Journey")."""
    return find(win, lambda a: role(a) == "push button"
                and name(a) in ("Next", "Start My Journey") and is_on_screen(a, win))


def form_label(win, message):
    return find(win, lambda a: role(a) == "label" and text_of(a) == message
                and is_on_screen(a, win))


def carousel(win):
    return find(win, by_role_name("filler", "Welcome pages"))


def hero(win):
    return find(win, by_role_name("panel", "Today"))


def greeting_label(win):
    panel = hero(win)
    if panel is None:
        return None
    label = find(panel, lambda a: role(a) == "label")
    return label if label is not None and text_of(label) else None


def card(win, title):
    return find(win, by_role_prefix("push button", title + ": "))


def cards(win):
    box = find(win, by_role_name("table", "Dashboard cards"))
    return find_all(box, lambda a: role(a) == "push button") if box else []


def sidebar_rows(win):
    sidebar = find(win, by_role_name("list", "Sections"))
    check(sidebar is not None, "no list named 'Sections' (the sidebar)")
    return [sidebar.getChildAtIndex(i) for i in range(sidebar.childCount)
            if role(sidebar.getChildAtIndex(i)) == "list item"]


def section_view(win, title):
    """The view of a section: the child of the GtkStackPage named after it
    (a stack page is not a widget and has no position of its own)."""
    _, content = leaflet_parts(win)
    page = find(content, lambda a: role(a) == "panel" and name(a) == title and a.childCount > 0)
    return page.getChildAtIndex(0) if page else None


def leaflet_parts(win):
    """(sidebar, content) children of the main window's AdwLeaflet."""
    leaflet = find(win, by_role_name("filler", "AdwLeaflet"))
    check(leaflet is not None, "no AdwLeaflet in the window")
    sidebar = content = None
    for i in range(leaflet.childCount):
        child = leaflet.getChildAtIndex(i)
        if role(child) == "separator":
            continue
        if find(child, by_role_name("list", "Sections")) is not None:
            sidebar = child
        else:
            content = child
    check(sidebar is not None and content is not None, "leaflet has no sidebar and content")
    return sidebar, content


def content_title(win):
    """The title in the content pane's header bar."""
    _, content = leaflet_parts(win)
    title = find(content, by_role_name("filler", "AdwWindowTitle"))
    label = find(title, lambda a: role(a) == "label") if title else None
    return text_of(label) if label else None


def wait_title(win, expected, what):
    poll(lambda: content_title(win) == expected, what="content title %r after %s (is %r)"
         % (expected, what, content_title(win)))


def wait_text(acc, expected, what):
    poll(lambda: text_of(acc) == expected, what="%s to read %r" % (what, expected))


def profile_rows(home):
    return home.query("SELECT * FROM users")


# -------------------------------------------------------------- fixtures

def avoid_midnight():
    """The dashboard counts what happened today (local time); a fixture
    written a second before midnight would be yesterday's by the time the
    window reads it."""
    now = datetime.datetime.now()
    midnight = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0,
                                                          microsecond=0)
    left = (midnight - now).total_seconds()
    if left < 90:
        time.sleep(left + 1)


def fill_prefilled(home):
    """A profile with 3 habits (1 done today), a reading of 72 bpm at stress
    3, one unacknowledged alert and a mood logged today."""
    avoid_midnight()
    home.create_schema()
    t = now_ms()
    con = home.connect()
    with con:
        cur = con.execute(
            "INSERT INTO users (name, email, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
            " VALUES ('Sakura', 'sakura@example.com', 'local', 'admin', ?, ?, ?)",
            (t - 86400000 * 30, t - 86400000 * 30, t - 86400000))
        uid = cur.lastrowid
        habits = []
        for habit_name, emoji in (("Drink water", "💧"), ("Evening walk", "🚶"), ("Read 10 pages", "📖")):
            cur = con.execute("INSERT INTO habits (userId, name, emoji, frequency, createdAt)"
                              " VALUES (?, ?, ?, 'daily', ?)", (uid, habit_name, emoji, t - 86400000 * 20))
            habits.append(cur.lastrowid)
        con.execute("INSERT INTO habitLogs (habitId, userId, completedAt) VALUES (?, ?, ?)",
                    (habits[0], uid, t - 1000))
        # Yesterday's log must not count for today.
        con.execute("INSERT INTO habitLogs (habitId, userId, completedAt) VALUES (?, ?, ?)",
                    (habits[1], uid, t - 86400000 * 2))
        con.execute("INSERT INTO healthReadings (userId, heartRate, hrv, stressLevel, readingType, createdAt)"
                    " VALUES (?, 88, 35.5, 6, 'automatic', ?)", (uid, t - 3600000))
        con.execute("INSERT INTO healthReadings (userId, heartRate, hrv, stressLevel, readingType, createdAt)"
                    " VALUES (?, 72, 48.25, 3, 'automatic', ?)", (uid, t - 60000))
        con.execute("INSERT INTO healthAlerts (userId, alertType, severity, message, heartRate, acknowledged, createdAt)"
                    " VALUES (?, 'high_heart_rate', 'medium', 'Heart rate above 120 bpm at rest', 124, 0, ?)",
                    (uid, t - 7200000))
        con.execute("INSERT INTO healthAlerts (userId, alertType, severity, message, acknowledged, createdAt)"
                    " VALUES (?, 'high_stress', 'low', 'Acknowledged long ago', 1, ?)",
                    (uid, t - 86400000 * 3))
        con.execute("INSERT INTO moodLogs (userId, mood, moodScore, notes, createdAt)"
                    " VALUES (?, 'Calm', 7, 'Tea in the park', ?)", (uid, t - 5000))
    con.close()


# ------------------------------------------------------------ the scenarios

class FirstRun(Scenario):
    def __init__(self):
        super().__init__()
        self.signed_in = None

    def cases(self):
        return [
            ("first start shows the onboarding carousel and creates no profile", self.starts),
            ("Next walks the carousel to the profile page, button becomes Start My Journey", self.walk),
            ("empty name: inline error, no profile created", self.empty_name),
            ("invalid email: inline error, no profile created", self.bad_email),
            ("valid name and email finish onboarding: greeting says Sakura", self.finish),
            ("new profile dashboard: 5 tokens, all calm, heart empty state, no quests, no mood", self.fresh_cards),
            ("every sidebar entry and every dashboard card found by accessible name", self.names),
            ("each sidebar row (mouse click) shows its section, content title follows", self.rows),
            ("Ctrl+1..N shows each section and back, content title follows", self.ctrl_keys),
            ("profile row: loginMethod local, role admin, tier free, 5 tokens, email kept", self.db_row),
            ("Ctrl+Q quits", self.ctrl_q),
            ("restart skips onboarding and increases lastSignedIn", self.restart),
        ]

    @essential
    def starts(self):
        self.app = App(self.home.path)
        self.app.wait_registered()
        self.win = self.app.window()
        button = poll(lambda: onboarding_next(self.win), what="the Next button")
        check(name(button) == "Next", "first page button is %r" % name(button))
        poll(lambda: find(self.win, lambda a: role(a) == "label"
                          and text_of(a) == "Welcome to Anime Ascend" and is_on_screen(a, self.win)),
             what="the welcome page")
        poll(lambda: os.path.exists(self.home.db_path), what="the database file")
        check(profile_rows(self.home) == [], "a profile exists before onboarding")

    @essential
    def walk(self):
        for page in (2, 3):
            button = onboarding_next(self.win)
            check(button is not None and name(button) == "Next", "no Next button on page %d" % (page - 1))
            click(button)
            if page == 2:
                poll(lambda: find(self.win, lambda a: role(a) == "push button" and name(a) == "Back"
                                  and is_on_screen(a, self.win)), what="the Back button on page 2")
        poll(lambda: (onboarding_next(self.win) and name(onboarding_next(self.win)) == "Start My Journey"),
             what="the button to read Start My Journey")
        for row_name in ("Name", "Email (optional)"):
            poll(lambda: is_on_screen(find(self.win, by_role_name("text", row_name)), self.win),
                 what="the %r entry on the last page" % row_name)

    def _start(self):
        button = onboarding_next(self.win)
        check(button is not None and name(button) == "Start My Journey", "no Start My Journey button")
        click(button)

    def empty_name(self):
        name_row = find(self.win, by_role_name("text", "Name"))
        check(text_of(name_row) == "", "the name starts filled in: %r" % text_of(name_row))
        check(form_label(self.win, NAME_ERROR) is None, "name error shown before trying to go on")
        self._start()
        poll(lambda: form_label(self.win, NAME_ERROR), what="the inline name error")
        poll(lambda: name_row.description == NAME_ERROR, what="the Name entry's description to carry the error")
        # Give a wrongly created profile time to land before saying it did not.
        time.sleep(0.3)
        check(profile_rows(self.home) == [], "a profile was created with an empty name")
        check(onboarding_next(self.win) is not None, "onboarding left with an empty name")

    def bad_email(self):
        name_row = find(self.win, by_role_name("text", "Name"))
        email_row = find(self.win, by_role_name("text", "Email (optional)"))
        set_text(name_row, "Sakura")
        poll(lambda: form_label(self.win, NAME_ERROR) is None, what="the name error to go once a name is typed")
        set_text(email_row, "sakura-at-example")
        poll(lambda: form_label(self.win, EMAIL_ERROR), what="the inline email error")
        check(email_row.description == EMAIL_ERROR, "Email entry description is %r" % email_row.description)
        self._start()
        time.sleep(0.3)
        check(form_label(self.win, EMAIL_ERROR) is not None, "email error gone after Start")
        check(profile_rows(self.home) == [], "a profile was created with an invalid email")

    @essential
    def finish(self):
        email_row = find(self.win, by_role_name("text", "Email (optional)"))
        set_text(email_row, "sakura@example.com")
        poll(lambda: form_label(self.win, EMAIL_ERROR) is None, what="the email error to go")
        check(email_row.description == "", "Email entry still described as %r" % email_row.description)
        self._start()
        label = poll(lambda: greeting_label(self.win), what="the dashboard greeting")
        poll(lambda: greeting_re("Sakura").match(text_of(label)),
             what="a greeting for Sakura (is %r)" % text_of(label))
        poll(lambda: shows(self.win, hero(self.win)), what="the dashboard on screen")
        poll(lambda: toast_label(self.win, "Welcome, Sakura! Your journey begins."),
             what="the welcome toast")
        poll(lambda: not shows(self.win, carousel(self.win)), what="the onboarding to leave the screen")
        rows = profile_rows(self.home)
        check(len(rows) == 1, "%d profiles after onboarding" % len(rows))

    def fresh_cards(self):
        expect = {
            "Tokens": "Tokens: 5 tokens. ",
            "Alerts": "Alerts: All calm. Nothing needs your attention.",
            "Heart": "Heart: No readings yet. Connect a ",
            "Today's Quests": "Today's Quests: No quests yet. ",
            "Mood": "Mood: Not logged today. ",
        }
        for title, prefix in expect.items():
            c = poll(lambda: card(self.win, title), what="the %s card" % title)
            check(name(c).startswith(prefix), "%s card reads %r, expected %r..." % (title, name(c), prefix))
        mascot = find(self.win, by_role_prefix("image", "Hoshi, "))
        check(mascot is not None, "no Hoshi image with an accessible name")
        check(re.match(r"^Hoshi, (calm|sleepy) says: .+", name(mascot)),
              "a new profile's Hoshi reads %r" % name(mascot))
        rank = find(self.win, lambda a: role(a) == "label" and " · Rank " in text_of(a))
        check(rank is not None and text_of(rank) == "Level 1 · Rank E · 0 XP", "rank label reads %r"
              % (text_of(rank) if rank else None))

    def names(self):
        rows = sidebar_rows(self.win)
        self.sections = [name(r) for r in rows]
        check(len(rows) >= 1, "the sidebar lists no section")
        seen = set()
        for row in rows:
            n = name(row)
            check(n and not n.startswith("Gtk"), "a sidebar row has no accessible name (%r)" % n)
            check(n not in seen, "two sidebar rows are named %r" % n)
            seen.add(n)
            check(find(self.win, by_role_name("list item", n)) == row, "row %r not found by its name" % n)
        check("Dashboard" in seen, "no Dashboard row in the sidebar: %r" % sorted(seen))
        found = cards(self.win)
        titles = [name(c).split(":")[0] for c in found]
        check(titles == CARD_TITLES, "dashboard cards are %r, expected %r" % (titles, CARD_TITLES))
        for title in CARD_TITLES:
            check(card(self.win, title) is not None, "card %r not found by accessible name" % title)
        # Our own buttons (sidebar and content; libadwaita's toast has a
        # nameless dismiss button of its own in 1.2) all say what they do.
        leaflet = find(self.win, by_role_name("filler", "AdwLeaflet"))
        for button in find_all(leaflet, lambda a: role(a) == "push button" and is_on_screen(a, self.win)):
            check(name(button) and not name(button).startswith("Gtk"),
                  "an on-screen button has no accessible name (%r, %r)" % (name(button), button.description))

    def rows(self):
        for title in self.sections + [self.sections[0]]:
            row = find(self.win, by_role_name("list item", title))
            mouse_click(row)
            wait_title(self.win, title, "clicking the %r row" % title)
            poll(lambda: row.getState().contains(pyatspi.STATE_SELECTED),
                 what="the %r row to be selected" % title)
            poll(lambda: shows(self.win, section_view(self.win, title)),
                 what="the section page %r on screen" % title)

    def ctrl_keys(self):
        pointer_to(self.win)
        order = self.sections[:8] + [self.sections[0]]
        for title in order:
            index = self.sections.index(title) + 1
            key_combo(["Control"], str(index))
            wait_title(self.win, title, "Ctrl+%d" % index)
        # A number past the last section changes nothing.
        if len(self.sections) < 8:
            key_combo(["Control"], str(len(self.sections) + 1))
            time.sleep(0.3)
            check(content_title(self.win) == self.sections[0],
                  "Ctrl+%d (no such section) moved to %r" % (len(self.sections) + 1, content_title(self.win)))

    def db_row(self):
        rows = profile_rows(self.home)
        check(len(rows) == 1, "%d profiles" % len(rows))
        row = rows[0]
        want = {"name": "Sakura", "email": "sakura@example.com", "loginMethod": "local", "role": "admin",
                "subscriptionTier": "free", "tokenBalance": 5, "stripeCustomerId": None}
        for key, value in want.items():
            check(row[key] == value, "users.%s is %r, expected %r" % (key, row[key], value))
        check(abs(row["createdAt"] - now_ms()) < 10 * 60 * 1000, "createdAt %r is not now" % row["createdAt"])
        self.signed_in = row["lastSignedIn"]
        check(self.signed_in > 0, "lastSignedIn not set")

    def ctrl_q(self):
        pointer_to(self.win)
        key_combo(["Control"], "q")
        code = self.app.wait_exit(10)
        check(code == 0, "the app did not quit on Ctrl+Q (exit status %r)" % code)

    def restart(self):
        if self.app.proc.poll() is None:
            self.app.quit()
        # lastSignedIn is in milliseconds: make sure the clock moved.
        time.sleep(0.01)
        self.app = App(self.home.path)
        self.app.wait_registered()
        self.win = self.app.window()
        label = poll(lambda: greeting_label(self.win), what="the dashboard greeting after restart")
        check(greeting_re("Sakura").match(text_of(label)), "greeting after restart: %r" % text_of(label))
        poll(lambda: shows(self.win, hero(self.win)), what="the dashboard on screen after restart")
        check(not is_on_screen(carousel(self.win), self.win), "the onboarding carousel is on screen")
        check(onboarding_next(self.win) is None, "an onboarding button is on screen after restart")
        rows = profile_rows(self.home)
        check(len(rows) == 1, "%d profiles after restart" % len(rows))
        check(rows[0]["lastSignedIn"] > self.signed_in,
              "lastSignedIn %r did not increase from %r" % (rows[0]["lastSignedIn"], self.signed_in))


class Prefilled(Scenario):
    def __init__(self):
        super().__init__()
        self.prefs = None

    def cases(self):
        return [
            ("pre-filled dashboard: heart card reads 72 bpm, Stress 3 of 10", self.heart),
            ("pre-filled dashboard: 1 new alert", self.alerts),
            ("pre-filled dashboard: 1 of 3 done today", self.quests),
            ("pre-filled dashboard: today's mood Calm (7/10)", self.mood),
            ("pre-filled dashboard: Hoshi is worried while an alert is open", self.mascot),
            ("Ctrl+comma opens Preferences showing the profile", self.open_prefs),
            ("Preferences: invalid email shows an inline error and leaves the database alone", self.prefs_bad_email),
            ("Preferences: a new name is saved and the dashboard greeting follows", self.prefs_rename),
        ]

    @essential
    def start(self):
        fill_prefilled(self.home)
        self.app = App(self.home.path)
        self.app.wait_registered()
        self.win = self.app.window()
        poll(lambda: greeting_label(self.win), what="the dashboard greeting")

    def _card(self, title, expected):
        if self.app is None:
            self.start()
        c = poll(lambda: card(self.win, title), what="the %s card" % title)
        check(name(c) == expected, "%s card reads %r, expected %r" % (title, name(c), expected))
        return c

    def heart(self):
        self._card("Heart", "Heart: 72 bpm. Stress 3 of 10")
        c = card(self.win, "Heart")
        labels = [text_of(a) for a in find_all(c, lambda a: role(a) == "label")]
        check("72 bpm" in labels and "Stress 3 of 10" in labels, "heart card shows %r" % labels)

    def alerts(self):
        self._card("Alerts", "Alerts: 1 new alert. Open Health to read and acknowledge them.")

    def quests(self):
        self._card("Today's Quests", "Today's Quests: 1 of 3 done today. Each quest done earns XP.")

    def mood(self):
        self._card("Mood", "Mood: Calm (7/10). Logged today. Thank you for checking in.")

    def mascot(self):
        if self.app is None:
            self.start()
        mascot = poll(lambda: find(self.win, by_role_prefix("image", "Hoshi, ")), what="Hoshi")
        check(name(mascot).startswith("Hoshi, worried says: "), "Hoshi reads %r" % name(mascot))
        picture = find(mascot, lambda a: role(a) == "image" and a.description == "Hoshi, worried")
        check(picture is not None, "Hoshi's picture is not the worried one")
        rank = find(self.win, lambda a: role(a) == "label" and " · Rank " in text_of(a))
        # 2 habit logs (10 XP each) and 1 mood log (5 XP).
        check(rank is not None and text_of(rank) == "Level 1 · Rank E · 25 XP",
              "rank label reads %r" % (text_of(rank) if rank else None))

    @essential
    def open_prefs(self):
        if self.app is None:
            self.start()
        pointer_to(self.win)
        key_combo(["Control"], "comma")
        self.prefs = poll(lambda: find_child(self.app.app, lambda f: role(f) == "frame"
                                             and name(f) == "Preferences"), 10, what="the Preferences window")
        name_row = poll(lambda: find(self.prefs, by_role_name("text", "Name")), what="the Name row")
        email_row = find(self.prefs, by_role_name("text", "Email (optional)"))
        poll(lambda: text_of(name_row) == "Sakura", what="the Name row to read Sakura")
        check(text_of(email_row) == "sakura@example.com", "Email row reads %r" % text_of(email_row))

    def _edit_and_apply(self, row, value):
        """Click into the row (AdwEntryRow shows its apply button only for
        edits made while it has focus), replace the text, press apply."""
        poll(lambda: is_on_screen(row, self.prefs), what="the %r row on screen" % name(row))
        mouse_click(row)
        time.sleep(0.1)
        set_text(row, value)
        apply = poll(lambda: find(row, lambda a: role(a) == "push button" and a.description == "Apply"
                                  and is_on_screen(a, self.prefs)),
                     what="the apply button of %r" % name(row))
        click(apply)

    def prefs_bad_email(self):
        check(self.prefs is not None, "Preferences did not open")
        before = profile_rows(self.home)
        email_row = find(self.prefs, by_role_name("text", "Email (optional)"))
        self._edit_and_apply(email_row, "sakura@@example")
        poll(lambda: form_label(self.prefs, EMAIL_ERROR), what="the inline email error")
        check(email_row.description == EMAIL_ERROR, "Email row description %r" % email_row.description)
        time.sleep(0.3)
        after = profile_rows(self.home)
        check(after == before, "the database changed: %r -> %r" % (before, after))
        check(find(self.prefs, lambda a: role(a) == "label" and text_of(a) == "Profile saved") is None,
              "a 'Profile saved' toast after an invalid email")
        # Put it back so the next case starts clean.
        set_text(email_row, "sakura@example.com")
        poll(lambda: form_label(self.prefs, EMAIL_ERROR) is None, what="the email error to clear")

    def prefs_rename(self):
        check(self.prefs is not None, "Preferences did not open")
        before = profile_rows(self.home)[0]
        name_row = find(self.prefs, by_role_name("text", "Name"))
        self._edit_and_apply(name_row, "Hana")
        poll(lambda: profile_rows(self.home)[0]["name"] == "Hana", what="users.name to become Hana")
        after = profile_rows(self.home)[0]
        check(after["email"] == before["email"], "email changed to %r" % after["email"])
        check(after["updatedAt"] >= before["updatedAt"], "updatedAt went back")
        poll(lambda: find(self.prefs, lambda a: role(a) == "label" and text_of(a) == "Profile saved"),
             what="the 'Profile saved' toast")
        label = greeting_label(self.win)
        poll(lambda: greeting_re("Hana").match(text_of(label)),
             what="the dashboard greeting to say Hana (is %r)" % text_of(label))


class Narrow(Scenario):
    """At phone width the leaflet folds: the sidebar rows and Ctrl+1 must
    bring the section back from the sidebar. With a single section this is
    also what makes row activation observable."""

    def cases(self):
        return [
            ("narrow window: Back to Sections, then a sidebar row click, shows the section", self.folded),
        ]

    def folded(self):
        self.home.create_schema()
        t = now_ms()
        con = self.home.connect()
        with con:
            con.execute("INSERT INTO users (name, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                        " VALUES ('Sakura', 'local', 'admin', ?, ?, ?)", (t, t, t))
        con.close()
        env = write_keyfile_settings(self.home, {"window-width": 360, "window-height": 720})
        self.app = App(self.home.path, extra_env=env)
        self.app.wait_registered()
        win = self.app.window()
        poll(lambda: greeting_label(win), what="the dashboard greeting")
        sidebar, content = leaflet_parts(win)
        poll(lambda: shows(win, content) and not shows(win, sidebar),
             what="the folded window to show the content only")
        title = content_title(win)
        back = find(win, by_role_name("push button", "Back to Sections"))
        check(back is not None and is_on_screen(back, win), "no Back to Sections button when folded")
        rows = sidebar_rows(win)
        for key in (None, "1"):
            click(back)
            poll(lambda: shows(win, sidebar) and not shows(win, content),
                 what="the sidebar after Back to Sections")
            if key is None:
                mouse_click(rows[0])
                how = "clicking the %r row" % name(rows[0])
            else:
                pointer_to(win)
                key_combo(["Control"], key)
                how = "Ctrl+1"
            poll(lambda: shows(win, content) and not shows(win, sidebar),
                 what="the content after %s" % how)
            check(content_title(win) == name(rows[0]), "title %r after %s" % (content_title(win), how))
        check(title == name(rows[0]), "folded window opened on %r" % title)


def main():
    return run_scenarios([FirstRun(), Prefilled(), Narrow()])


if __name__ == "__main__":
    sys.exit(main())
