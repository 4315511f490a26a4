#!/usr/bin/python3
"""The Breathe section driven through AT-SPI as a user (or a screen reader)
would, with sessions run 10 times faster (ASCEND_BREATHE_SPEED=10): the six
exercises and the empty history; box breathing with a mood before, a pause
and a mood after, to its end; grounding stepped with Next and stopped; a
session left running when the app quits; a crash's leftover row closed on
the next start; and a session app.breathe-now started (a stress alert's
"Breathe Now"), picked up by the view. Checked against what the window says
and what exerciseSessions holds.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ascendui import (  # noqa: E402
    App, Failure, Scenario, by_role_name, check, click, essential, extents, find, find_all,
    key_combo, mouse_click, name, now_ms, pointer_to, poll, pyatspi, role, run_scenarios, shows,
    text_of,
)

# Fast enough to finish a session in seconds, slow enough for AT-SPI (a
# walk of the view takes a good part of a second on a loaded machine).
SPEED = 10
APP_ID = "io.github.animeascend.AnimeAscend"
EXERCISES = ["Box Breathing", "Deep Breathing", "Grounding", "Body Scan",
             "Progressive Relaxation", "Gentle Movement"]
BREATH_WORDS = re.compile(r"^(Breathe in|Hold|Breathe out)\u2026 [1-4]$")
NO_SESSIONS = "No Sessions Yet"
HINT = ("Finish an exercise 3 times, rating your mood before and after, "
        "to see how much it helps you.")
STRESS_HINT = "Your stress was high a moment ago. Let\u2019s slow down together."


# ------------------------------------------------------------ window parts

def view(win):
    return find(win, by_role_name("filler", "AscendBreatheView"))


_pages = {}


def page(win, title):
    """A page of the view's stack: the panel named after its title (pages
    stay in the tree, so each is looked up once per window)."""
    key = (hash(win), title)
    if key not in _pages:
        v = view(win)
        found = find(v, lambda a: role(a) == "panel" and name(a) == title and a.childCount > 0) if v else None
        if found is None:
            return None
        _pages[key] = found
    return _pages[key]


def page_shown(win, title):
    p = page(win, title)
    return p is not None and shows(win, p.getChildAtIndex(0))


def wait_page(win, title, timeout=15, home=None):
    """Polls until the page shows; on time-out says what the view shows."""
    try:
        poll(lambda: page_shown(win, title), timeout, what="the page %r" % title)
    except Exception as e:  # noqa: BLE001
        v = view(win)
        pages = [(name(a), extents(a.getChildAtIndex(0)), shows(win, a.getChildAtIndex(0)))
                 for a in find_all(v, lambda a: role(a) == "panel" and name(a) in
                                   ("Exercises", "Before the Exercise", "Exercise", "After the Exercise"))]
        raise Failure("%s; pages: %r; focus: %r; rows: %r" % (e, pages, [
            name(a) for a in find_all(v, lambda a: a.getState().contains(pyatspi.STATE_FOCUSED))],
            home.query("SELECT id, status, exerciseType FROM exerciseSessions") if home else None))


def button(root, label):
    def pred(a):
        if role(a) != "push button":
            return False
        if name(a) == label:
            return True
        return any(text_of(c) == label for c in find_all(a, lambda c: role(c) == "label"))
    return find(root, pred) if root is not None else None


def labels(root):
    return [text_of(a) for a in find_all(root, lambda a: role(a) == "label")] if root else []


def label_matching(root, pattern):
    for text in labels(root):
        if re.match(pattern, text):
            return text
    return None


def mood_button(win, panel_name, mood):
    panel = find(view(win), by_role_name("panel", panel_name))
    check(panel is not None, "no panel named %r" % panel_name)
    b = find(panel, lambda a: role(a) in ("toggle button", "push button") and name(a).startswith("Mood %d of 10" % mood))
    check(b is not None, "no toggle button 'Mood %d of 10...' in %r" % (mood, panel_name))
    return b


def has_size(acc):
    _, _, w, h = extents(acc)
    return w > 0 and h > 0


def sensitive(acc):
    return acc.getState().contains(pyatspi.STATE_SENSITIVE)


def history_rows(win):
    lst = find(view(win), by_role_name("list", "Past sessions"))
    if lst is None:
        return []
    out = []
    for i in range(lst.childCount):
        row = lst.getChildAtIndex(i)
        if role(row) == "list item":
            out.append((name(row), labels(row)))
    return out


def sessions(home):
    return home.query("SELECT * FROM exerciseSessions ORDER BY id")


def press_space():
    from gi.repository import Atspi
    Atspi.generate_keyboard_event(0x20, None, Atspi.KeySynthType.SYM)


# ------------------------------------------------------------ the scenario

class Breathe(Scenario):
    def __init__(self):
        super().__init__()
        self.uid = None

    def cases(self):
        return [
            ("the Breathe row opens the section: six exercise cards, no sessions, the what-works hint",
             self.open_breathe),
            ("Box Breathing: the mood before is asked, Start waits for a mood, Skip is offered",
             self.prepare_box),
            ("Start with mood 4: a row in_progress (manual, mood 4), the orb counts 'Breathe in\u2026 4'",
             self.start_box),
            ("Pause (Space on the focused button): the words stop, Resume shows, the row keeps the progress",
             self.pause_box),
            ("Resume: runs to the end; the row is completed, 100%, 96 s", self.finish_box),
            ("mood after 7 and Save: moodAfter 7; the history row reads mood 4 \u2192 7, Done", self.mood_after),
            ("Grounding with Skip, Next twice, Stop: abandoned with the share really done, no moods",
             self.grounding_stopped),
            ("every button, toggle and image in the Breathe view has a name (no GTK type names)", self.names),
            ("Body Scan left running and Ctrl+Q: the row is abandoned with its progress", self.quit_mid_session),
            ("next start: a crash's in_progress row is closed as abandoned at its last checkpoint",
             self.crash_recovery),
            ("app.breathe-now (a stress alert): the view offers that session and records it on the same row;"
             " with a sensor, the live heart and its change from start to end", self.breathe_now),
        ]

    def start_app(self, args=()):
        self.app = App(self.home.path, args=args, extra_env={"ASCEND_BREATHE_SPEED": str(SPEED)})
        self.app.wait_registered()
        self.win = self.app.window()
        row = poll(lambda: find(self.win, by_role_name("list item", "Breathe")), what="the Breathe sidebar row")
        pointer_to(self.win)
        mouse_click(row)
        poll(lambda: view(self.win) is not None and shows(self.win, view(self.win)),
             what="the Breathe view on screen")
        # Look the pages up now: later, a session runs while the test looks.
        for title in ("Exercises", "Before the Exercise", "Exercise", "After the Exercise"):
            poll(lambda: page(self.win, title), what="the page %r in the tree" % title)

    # -- the picker

    @essential
    def open_breathe(self):
        self.home.create_schema()
        t = now_ms()
        con = self.home.connect()
        with con:
            self.uid = con.execute("INSERT INTO users (name, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                                   " VALUES ('Sakura', 'local', 'admin', ?, ?, ?)",
                                   (t - 86400000, t - 86400000, t)).lastrowid
        con.close()
        self.start_app()
        wait_page(self.win, "Exercises", home=self.home)
        box = find(view(self.win), by_role_name("table", "Exercises"))
        check(box is not None, "no table named Exercises")
        cards = [name(a) for a in find_all(box, lambda a: role(a) == "push button")]
        titles = [c.split(".")[0] for c in cards]
        check(titles == EXERCISES, "cards are %r" % titles)
        check(all(re.search(r"\d+ minutes?$", c) for c in cards), "a card does not say how long: %r" % cards)
        # Below the exercises, maybe out of the scrolled view: shown means
        # laid out (a stack's hidden page has no size).
        empty = find(view(self.win), by_role_name("panel", NO_SESSIONS))
        check(empty is not None and has_size(empty), "the %r state is not shown" % NO_SESSIONS)
        check(history_rows(self.win) == [], "history rows with no sessions: %r" % history_rows(self.win))
        check(HINT in labels(view(self.win)), "the what-works hint is missing: %r" % labels(view(self.win)))
        check(sessions(self.home) == [], "sessions before any: %r" % sessions(self.home))

    @essential
    def prepare_box(self):
        card = find(view(self.win), lambda a: role(a) == "push button" and name(a).startswith("Box Breathing."))
        click(card)
        wait_page(self.win, "Before the Exercise", home=self.home)
        prepare = page(self.win, "Before the Exercise")
        check("Box Breathing" in labels(prepare), "the page does not name the exercise: %r" % labels(prepare))
        hint = find(prepare, lambda a: role(a) == "label" and text_of(a) == STRESS_HINT)
        check(hint is None or not shows(self.win, hint), "the stress-alert words show for a session the person chose")
        start = button(prepare, "Start")
        check(start is not None and not sensitive(start), "Start is missing or sensitive before a mood")
        check(button(prepare, "Skip and Start") is not None, "no 'Skip and Start' button")
        check(button(prepare, "All Exercises") is not None, "no 'All Exercises' button among %r"
              % [name(a) for a in find_all(prepare, lambda a: role(a) == "push button")])
        check(sessions(self.home) == [], "a row before the exercise starts: %r" % sessions(self.home))

    # -- box breathing, start to end

    @essential
    def start_box(self):
        click(mood_button(self.win, "Mood before", 4))
        prepare = page(self.win, "Before the Exercise")
        poll(lambda: sensitive(button(prepare, "Start")), what="Start to become sensitive after a mood")
        check("4 \u00b7 Down" in labels(prepare), "the chosen mood is not spelled out: %r" % labels(prepare))
        click(button(prepare, "Start"))
        wait_page(self.win, "Exercise", home=self.home)
        rows = poll(lambda: sessions(self.home), what="a row in exerciseSessions")
        check(len(rows) == 1, "rows: %r" % rows)
        r = rows[0]
        want = {"exerciseType": "box_breathing", "triggerReason": "manual", "moodBefore": 4, "moodAfter": None,
                "status": "in_progress", "completedAt": None, "userId": self.uid}
        for key, value in want.items():
            check(r[key] == value, "exerciseSessions.%s is %r, expected %r" % (key, r[key], value))
        check(abs(r["startedAt"] - now_ms()) < 60000, "startedAt %r is not now" % r["startedAt"])
        session = page(self.win, "Exercise")
        words = poll(lambda: label_matching(session, BREATH_WORDS.pattern), 5, what="the breathing words")
        check(BREATH_WORDS.match(words), "the words read %r" % words)
        check(label_matching(session, r"^Round [1-6] of 6") is not None, "no 'Round N of 6': %r" % labels(session))
        orb = find(session, by_role_name("image", "Breathing guide"))
        check(orb is not None, "no image named 'Breathing guide'")

    def pause_box(self):
        session = page(self.win, "Exercise")
        pause = button(session, "Pause")
        check(pause is not None, "no Pause button")
        poll(lambda: pause.getState().contains(pyatspi.STATE_FOCUSED), what="the Pause button to have focus")
        # Let the exercise run one phase first, so the pause has progress to
        # keep (a pause within its first second rounds to 0%).
        first = label_matching(session, BREATH_WORDS.pattern)
        poll(lambda: label_matching(session, BREATH_WORDS.pattern) != first, 10,
             what="the breathing words to move on before the pause")
        press_space()
        poll(lambda: button(session, "Resume") is not None, 5, what="the Resume button after Space")
        poll(lambda: label_matching(session, r"^Round \d of 6 \u00b7 Paused$"), what="'Paused' beside the round")
        before = label_matching(session, BREATH_WORDS.pattern)
        # Paused, nothing moves.
        time.sleep(1.0)  # ten seconds of the exercise
        check(label_matching(session, BREATH_WORDS.pattern) == before,
              "the words moved while paused: %r -> %r" % (before, label_matching(session, BREATH_WORDS.pattern)))
        r = sessions(self.home)[0]
        check(r["status"] == "in_progress", "paused session is %r" % r["status"])
        check(r["durationSeconds"] > 0 and 0 < r["completionPercentage"] < 100,
              "no progress kept at the pause: %rs, %r%%" % (r["durationSeconds"], r["completionPercentage"]))

    @essential
    def finish_box(self):
        session = page(self.win, "Exercise")
        click(button(session, "Resume"))
        poll(lambda: button(session, "Pause") is not None, what="Pause again after Resume")
        wait_page(self.win, "After the Exercise", 15, home=self.home)
        after = page(self.win, "After the Exercise")
        check("Well Done" in labels(after), "the summary says %r" % labels(after))
        check(any(t.startswith("Box Breathing \u00b7 1 min 36 s \u00b7 100% done") for t in labels(after)),
              "the summary text: %r" % labels(after))
        r = sessions(self.home)[0]
        want = {"status": "completed", "completionPercentage": 100, "durationSeconds": 96, "moodAfter": None}
        for key, value in want.items():
            check(r[key] == value, "exerciseSessions.%s is %r, expected %r" % (key, r[key], value))
        check(r["completedAt"] is not None and r["completedAt"] >= r["startedAt"],
              "completedAt %r before startedAt %r" % (r["completedAt"], r["startedAt"]))

    def mood_after(self):
        after = page(self.win, "After the Exercise")
        save = button(after, "Save")
        check(save is not None and not sensitive(save), "Save is missing or sensitive before a mood")
        click(mood_button(self.win, "Mood after", 7))
        poll(lambda: sensitive(save), what="Save to become sensitive")
        click(save)
        poll(lambda: sessions(self.home)[0]["moodAfter"] == 7, what="moodAfter 7 in the row")
        wait_page(self.win, "Exercises", home=self.home)
        rows = poll(lambda: history_rows(self.win), what="a history row")
        check(len(rows) == 1, "history: %r" % rows)
        title, texts = rows[0]
        check(title == "Box Breathing", "the row is named %r" % title)
        check(any("1 min 36 s" in t and "mood 4 \u2192 7" in t for t in texts), "the row says %r" % texts)
        check("Done" in texts, "no Done badge: %r" % texts)
        check(has_size(find(view(self.win), by_role_name("list", "Past sessions"))), "the history list is not shown")

    # -- stopped early

    def grounding_stopped(self):
        click(find(view(self.win), lambda a: role(a) == "push button" and name(a).startswith("Grounding.")))
        wait_page(self.win, "Before the Exercise", home=self.home)
        click(button(page(self.win, "Before the Exercise"), "Skip and Start"))
        wait_page(self.win, "Exercise", home=self.home)
        session = page(self.win, "Exercise")
        nxt = button(session, "Next")
        check(nxt is not None, "no Next button for a step-by-step exercise")
        # GTK ignores a second activation while the first still shows the
        # button pressed (250 ms): wait for each step to change.
        click(nxt)
        poll(lambda: label_matching(session, r"^Step [2-7] of 7$"), what="step 2 after Next")
        time.sleep(0.3)
        click(nxt)
        poll(lambda: label_matching(session, r"^Step [3-7] of 7$"), what="step 3 after a second Next")
        click(button(session, "Stop"))
        wait_page(self.win, "After the Exercise", home=self.home)
        check("Stopped Early" in labels(page(self.win, "After the Exercise")), "summary: %r"
              % labels(page(self.win, "After the Exercise")))
        r = sessions(self.home)[-1]
        check(r["exerciseType"] == "grounding" and r["status"] == "abandoned", "row: %r" % r)
        # Two steps skipped: at least settle-in (8 s) and sight (30 s) of 108 s.
        check(35 <= r["completionPercentage"] < 100, "completionPercentage %r" % r["completionPercentage"])
        check(r["moodBefore"] is None and r["moodAfter"] is None, "moods recorded: %r" % r)
        click(button(page(self.win, "After the Exercise"), "Skip and Finish"))
        poll(lambda: len(history_rows(self.win)) == 2, what="two history rows")
        title, texts = history_rows(self.win)[0]
        check(title == "Grounding" and "Stopped at %d%%" % r["completionPercentage"] in texts,
              "newest row: %r %r" % (title, texts))

    def names(self):
        v = view(self.win)
        bad = []
        images = find_all(v, lambda a: role(a) == "image")

        def inside_image(a):
            p = a.parent
            while p is not None and p != v:
                if p in images:
                    return True
                p = p.parent
            return False
        for a in find_all(v, lambda a: role(a) in ("push button", "toggle button", "image")):
            if inside_image(a):
                continue  # named by the image around it (Hoshi and her picture)
            n = name(a)
            texts = [text_of(c) for c in find_all(a, lambda c: role(c) == "label")]
            doubled = any(t and n == t + " " + t for t in texts) or any(
                t and n.endswith(" " + t) and n[:-len(t) - 1].endswith(t) for t in texts)
            if not n.strip() or re.match(r"^(Gtk|Adw|Ascend)", n) or "_" in n or doubled:
                bad.append((role(a), n))
        check(not bad, "unnamed or type-named: %r" % bad)

    # -- quit and crash

    def quit_mid_session(self):
        click(find(view(self.win), lambda a: role(a) == "push button" and name(a).startswith("Body Scan.")))
        wait_page(self.win, "Before the Exercise", home=self.home)
        click(button(page(self.win, "Before the Exercise"), "Skip and Start"))
        wait_page(self.win, "Exercise", home=self.home)
        time.sleep(2.5)  # 25 s of a 180 s scan
        pointer_to(self.win)
        key_combo(["Control"], "q")
        check(self.app.wait_exit(10) == 0, "the app did not quit cleanly: %r" % self.app.proc.returncode)
        r = sessions(self.home)[-1]
        check(r["exerciseType"] == "body_scan" and r["status"] == "abandoned", "row: %r" % r)
        check(10 <= r["completionPercentage"] < 100, "completionPercentage %r" % r["completionPercentage"])
        check(r["durationSeconds"] >= 20, "durationSeconds %r" % r["durationSeconds"])
        check(r["completedAt"] >= r["startedAt"], "completedAt before startedAt: %r" % r)

    @essential
    def crash_recovery(self):
        t = now_ms()
        con = self.home.connect()
        with con:
            # What a killed process leaves: in progress, at its last checkpoint.
            self.crashed = con.execute(
                "INSERT INTO exerciseSessions (userId, exerciseType, triggerReason, durationSeconds,"
                " completionPercentage, moodBefore, status, startedAt) VALUES (?, 'gentle_movement', 'manual',"
                " 30, 23, 6, 'in_progress', ?)", (self.uid, t - 600000)).lastrowid
        con.close()
        # This time with the simulated heart sensor, for the live heart.
        self.start_app(["--sensor", "simulated:rest"])
        r = poll(lambda: [x for x in sessions(self.home) if x["id"] == self.crashed and x["status"] != "in_progress"],
                 what="the crashed row to be closed")[0]
        check(r["status"] == "abandoned", "crashed row is %r" % r["status"])
        check(r["completionPercentage"] == 23 and r["durationSeconds"] == 30, "progress changed: %r" % r)
        check(r["completedAt"] == r["startedAt"] + 30000, "completedAt %r, startedAt %r" % (r["completedAt"], r["startedAt"]))
        rows = poll(lambda: history_rows(self.win), what="history rows")
        check(len(rows) == 4, "history: %r" % rows)
        # Started ten minutes ago: the oldest, listed last.
        check(rows[-1][0] == "Gentle Movement" and "Stopped at 23%" in rows[-1][1], "oldest row: %r" % (rows[-1],))

    def breathe_now(self):
        before = len(sessions(self.home))
        call = subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path",
                               "/" + APP_ID.replace(".", "/"), "--method", "org.freedesktop.Application.ActivateAction",
                               "breathe-now", "[<int64 5>]", "{}"], capture_output=True, text=True, timeout=20)
        check(call.returncode == 0, "gdbus call failed: %s" % call.stderr)
        wait_page(self.win, "Before the Exercise", home=self.home)
        prepare = page(self.win, "Before the Exercise")
        check("Box Breathing" in labels(prepare), "offered: %r" % labels(prepare))
        hint = find(prepare, lambda a: role(a) == "label" and text_of(a) == STRESS_HINT)
        check(hint is not None and shows(self.win, hint), "the stress-alert words are not shown")
        rows = sessions(self.home)
        check(len(rows) == before + 1, "app.breathe-now wrote %d rows" % (len(rows) - before))
        offered = rows[-1]
        check(offered["triggerReason"] == "high_stress alert 5" and offered["status"] == "in_progress",
              "the offered row: %r" % offered)
        click(mood_button(self.win, "Mood before", 3))
        poll(lambda: sensitive(button(prepare, "Start")), what="Start to become sensitive after a mood")
        click(button(prepare, "Start"))
        wait_page(self.win, "Exercise", home=self.home)
        r = poll(lambda: [x for x in sessions(self.home) if x["id"] == offered["id"] and x["moodBefore"] == 3],
                 what="mood 3 on the offered row")[0]
        check(r["startedAt"] >= offered["startedAt"], "startedAt went back: %r" % r)
        check(len(sessions(self.home)) == before + 1, "a second row instead of the offered one")
        # The sensor is connected: the live heart shows under the words.
        live = poll(lambda: label_matching(page(self.win, "Exercise"), r"^\u2665 \d+ bpm"), 5,
                    what="the live heart rate on the session page")
        check(label_matching(page(self.win, "Exercise"), r"^HRV (\d+|\u2013) ms") is not None,
              "no live HRV beside %r" % live)
        click(button(page(self.win, "Exercise"), "Stop"))
        poll(lambda: [x for x in sessions(self.home) if x["id"] == offered["id"] and x["status"] == "abandoned"],
             what="the offered row abandoned after Stop")
        wait_page(self.win, "After the Exercise", home=self.home)
        vitals = find(page(self.win, "After the Exercise"), by_role_name("list", "Heart, start to end"))
        check(vitals is not None and has_size(vitals), "no heart rate from start to end after the session")
        check(label_matching(vitals, r"^\d+ \u2192 \d+ bpm \((\+|\u2212)?\d+\)$") is not None,
              "the heart rate row reads %r" % labels(vitals))


def main():
    return run_scenarios([Breathe()])


if __name__ == "__main__":
    sys.exit(main())
