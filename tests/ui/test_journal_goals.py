#!/usr/bin/python3
"""The Journal and Goals sections driven through AT-SPI as a user (or a
screen reader) would: a mood check-in, a journal entry refused without a
title and then saved, its draft written while typing, search that finds it
with the match highlighted (by its words, its tags and in Japanese), delete
and undo, a draft that survives the app being killed mid-sentence; a goal
whose form refuses an empty title, an impossible date and 150 %, its target
date picked on the calendar, two milestones ticked off to 100 % with a
celebration and XP, delete and undo; checked against what the window says
and what the database holds.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import datetime
import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ascendui import walk as ui_walk  # noqa: E402
from ascendui import (  # noqa: E402
    App, Scenario, button, by_role_name, check, click, content_title, essential, extents, find,
    find_all, is_on_screen, mouse_click, name, now_ms, poll, pyatspi, role, run_scenarios, set_text,
    shows, text_field, text_of, toast_shown,
)

TITLE_ERROR = "Give the entry a title"
ENTRY_TITLE = "Picnic by the river"
ENTRY_BODY = ("We spread a blanket under the cherry trees and watched the river. "
              "京都の川はとても静かでした。")
ENTRY_TAGS = "outdoors, 日本"
DRAFT_TITLE = "Half a thought"
DRAFT_BODY = "This sentence was never saved by hand, and then the app was killed"
TOAST_TIMEOUT = 25
GOAL_TITLE = "Learn Japanese"
GOAL_DATE_ERROR = "There is no such date: pick one from the calendar"
GOALS_EMPTY = ("No goals yet. A goal is a mission: give it a target date and a few milestones, "
               "and each one done brings you closer.")
MILESTONES = ["Hiragana", "Katakana"]


# ------------------------------------------------------------ window parts

def journal_view(win):
    return find(win, by_role_name("filler", "AscendJournalView"))


def entry_list(win):
    return find(win, by_role_name("list", "Journal entries"))


def entry_rows(win):
    lst = entry_list(win)
    if lst is None:
        return []
    return [lst.getChildAtIndex(i) for i in range(lst.childCount)
            if role(lst.getChildAtIndex(i)) == "list item"]


def row_labels(row):
    return [a for a in find_all(row, lambda a: role(a) == "label")]


def row_titled(win, title):
    for row in entry_rows(win):
        if name(row).startswith(title + ","):
            return row
    return None


def highlighted_runs(label):
    """The runs of a label's text drawn bold (a search match), as strings."""
    t = label.queryText()
    text = t.getText(0, t.characterCount)
    runs, offset = [], 0
    while offset < t.characterCount:
        attrs, start, end = t.getAttributeRun(offset, False)
        if end <= offset:
            break
        if any(a.startswith("weight:") and int(a.split(":")[1]) >= 700 for a in attrs):
            runs.append(text[start:end])
        offset = end
    return runs


def toast_button(win, label):
    for a in ui_walk(win, max_depth=10):
        try:
            if role(a) == "push button" and label in name(a) and is_on_screen(a, win):
                return a
        except Exception:  # noqa: BLE001
            pass
    return None


KEYSYMS = {"Home": 0xFF50, "Up": 0xFF52, "Down": 0xFF54, "Right": 0xFF53, "Return": 0xFF0D, "Escape": 0xFF1B,
           "space": 0x20}


def press(key):
    from gi.repository import Atspi
    Atspi.generate_keyboard_event(KEYSYMS[key], None, Atspi.KeySynthType.SYM)
    time.sleep(0.05)


def avoid_midnight():
    now = datetime.datetime.now()
    midnight = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    left = (midnight - now).total_seconds()
    if left < 120:
        time.sleep(left + 1)


# ------------------------------------------------------------ the scenario

class JournalGoals(Scenario):
    def __init__(self):
        super().__init__()
        self.entry_id = None

    def cases(self):
        return [
            ("the Journal row opens the Journal section", self.open_journal),
            ("mood check-in at 8: a moodLogs row 'Happy' 8, a toast, the week chart counts the day",
             self.check_in),
            ("Save without a title: inline error, nothing written, the typed text stays", self.no_title),
            ("typing writes a draft within a few seconds, without pressing Save", self.draft_while_typing),
            ("Save: the entry with its JSON tags is written, its draft removed, listed", self.save_entry),
            ("search 'river' lists it with 'river' highlighted in the text", self.search_word),
            ("search '日本' (a two-character word) finds it by its tag, highlighted", self.search_tag),
            ("search for a word in no entry shows the no-match message", self.search_nothing),
            ("the tag filter keeps only 日本's entry, then only work's, then both", self.tag_filter),
            ("delete: the row and the index entry go; Undo brings it back with its id", self.delete_undo),
            ("SIGKILL while typing a new entry; reopened, the banner offers the draft and Restore brings it back",
             self.draft_after_kill),
            ("the Goals row opens the Goals section, empty", self.open_goals),
            ("goal form: empty title, 2025-02-30 and 150 % are refused inline, nothing written, text kept",
             self.goal_form_errors),
            ("the calendar button opens a focused calendar; Save writes the goal with tomorrow's date and 20 %",
             self.goal_saved),
            ("an empty milestone is refused inline; two milestones added; progress now follows them (0 %)",
             self.milestones_added),
            ("ticking both milestones: 50 %, then 100 %, 'Mission complete', +75 XP, badge Done",
             self.milestones_done),
            ("delete the goal; Undo brings it back with both milestones done", self.goal_delete_undo),
            ("every control of the Journal and Goals sections has a name, without GTK type names or mnemonics",
             self.names),
            ("the dashboard's Mood card opens a quick check-in; Log Mood at 3 writes 'Down' and the card says so",
             self.dashboard_checkin),
        ]

    # -- set-up

    def start_app(self):
        self.app = App(self.home.path)
        self.app.wait_registered()
        self.win = self.app.window()
        poll(lambda: content_title(self.win) == "Dashboard", what="the dashboard")
        row = poll(lambda: find(self.win, by_role_name("list item", "Journal")), what="the Journal row")
        mouse_click(row)
        poll(lambda: content_title(self.win) == "Journal",
             what="the content title Journal (is %r)" % content_title(self.win))
        poll(lambda: shows(self.win, journal_view(self.win)), what="the Journal view on screen")

    @essential
    def open_journal(self):
        avoid_midnight()
        self.home.create_schema()
        t = now_ms()
        con = self.home.connect()
        with con:
            con.execute("INSERT INTO users (name, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                        " VALUES ('Sakura', 'local', 'admin', ?, ?, ?)", (t - 86400000, t - 86400000, t))
        con.close()
        self.start_app()

    # -- mood

    def check_in(self):
        view = journal_view(self.win)
        slider = poll(lambda: find(view, lambda a: role(a) == "slider"), what="the mood slider")
        check(name(slider) == "Mood score, 1 to 10", "the slider is named %r" % name(slider))
        slider.queryValue().currentValue = 8
        poll(lambda: find(view, lambda a: role(a) == "label" and text_of(a) == "8 · Happy"),
             what="the label '8 · Happy'")
        click(button(view, "Log Mood"))
        rows = poll(lambda: self.home.query("SELECT mood, moodScore FROM moodLogs"), what="a moodLogs row")
        check(rows == [{"mood": "Happy", "moodScore": 8}], "moodLogs holds %r" % rows)
        poll(lambda: toast_shown(self.win, "Mood logged: Happy (8/10). +5 XP"), timeout=TOAST_TIMEOUT,
             what="the check-in toast")
        chart = poll(lambda: find(view, lambda a: role(a) == "image" and name(a).startswith("Mood this week")),
                     what="the mood chart")
        poll(lambda: "8.0 of 10 on average, 1 day logged" in name(chart),
             what="the chart to count the day (is %r)" % name(chart))

    # -- writing

    def open_editor(self):
        view = journal_view(self.win)
        click(button(view, "New Entry"))
        return poll(lambda: text_field(view, "Entry title"), what="the editor's title field")

    def no_title(self):
        view = journal_view(self.win)
        self.open_editor()
        body = poll(lambda: text_field(view, "Entry text"), what="the entry text field")
        body.queryEditableText().setTextContents(ENTRY_BODY)
        click(button(view, "Save Entry"))
        poll(lambda: find(view, lambda a: role(a) == "label" and text_of(a) == TITLE_ERROR
                          and is_on_screen(a, self.win)), what="the inline title error")
        check(self.home.query("SELECT * FROM journalEntries") == [], "an entry was written without a title")
        check(text_of(body) == ENTRY_BODY, "the text changed to %r" % text_of(body))

    def draft_while_typing(self):
        view = journal_view(self.win)
        set_text(text_field(view, "Entry title"), ENTRY_TITLE)
        set_text(text_field(view, "Tags"), ENTRY_TAGS)
        started = time.monotonic()
        drafts = poll(lambda: [d for d in self.home.query("SELECT * FROM journalDrafts")
                               if d["title"] == ENTRY_TITLE and d["tags"] == ENTRY_TAGS],
                      timeout=10, what="a draft with the title and tags")
        check(time.monotonic() - started < 5, "the draft took %.1f s" % (time.monotonic() - started))
        check(drafts[0]["content"] == ENTRY_BODY and drafts[0]["entryId"] is None,
              "the draft holds %r" % drafts[0])
        check(not find(view, lambda a: role(a) == "label" and text_of(a) == TITLE_ERROR
                       and is_on_screen(a, self.win)), "the title error is still shown")

    def save_entry(self):
        view = journal_view(self.win)
        click(button(view, "Save Entry"))
        rows = poll(lambda: self.home.query("SELECT * FROM journalEntries"), what="the entry row")
        check(len(rows) == 1, "%d entries" % len(rows))
        row = rows[0]
        self.entry_id = row["id"]
        check(row["title"] == ENTRY_TITLE and row["content"] == ENTRY_BODY, "the row holds %r" % row)
        check(json.loads(row["tags"]) == ["outdoors", "日本"], "tags are %r" % row["tags"])
        check(self.home.query("SELECT * FROM journalDrafts") == [], "the draft is still there")
        poll(lambda: row_titled(self.win, ENTRY_TITLE), what="the entry in the list")
        poll(lambda: text_field(view, "Entry title") is None
             or not is_on_screen(text_field(view, "Entry title"), self.win), what="the editor to close")

    # -- search

    def search(self, text):
        set_text(text_field(journal_view(self.win), "Search the journal"), text)

    def search_word(self):
        self.search("river")

        def highlighted():
            row = row_titled(self.win, ENTRY_TITLE)
            if row is None:
                return None
            runs = [r for label in row_labels(row) for r in highlighted_runs(label) if r.lower() == "river"]
            return runs
        runs = poll(highlighted, what="'river' highlighted in the listed entry")
        check(len(runs) >= 2, "'river' is highlighted %d times (title and text)" % len(runs))
        check(len(entry_rows(self.win)) == 1, "%d rows for 'river'" % len(entry_rows(self.win)))

    def search_tag(self):
        self.search("日本")

        def tag_highlighted():
            row = row_titled(self.win, ENTRY_TITLE)
            if row is None:
                return False
            return any("日本" in r for label in row_labels(row) for r in highlighted_runs(label))
        poll(tag_highlighted, what="the tag 日本 highlighted")

    def search_nothing(self):
        self.search("xylophone")
        poll(lambda: find(journal_view(self.win), lambda a: role(a) == "label"
                          and text_of(a).startswith("No entries match") and is_on_screen(a, self.win)),
             what="the no-match message")
        check(entry_rows(self.win) == [] or not is_on_screen(entry_list(self.win), self.win),
              "rows listed for xylophone")
        self.search("")
        poll(lambda: row_titled(self.win, ENTRY_TITLE), what="the entry back with an empty search")

    def choose_tag(self, tag):
        """Picks a tag in the filter as a keyboard user would: open the
        list, Home, Down to the tag, Return. (A pointer click into the
        popover lands a row off under Xvfb: its surface has no window
        manager to place it.)"""
        view = journal_view(self.win)
        click(button(view, "Filter by tag"))

        def tags_listed():
            for lst in find_all(self.app.app, lambda a: role(a) == "list" and name(a) == "GtkListView"):
                labels = [text_of(a) for a in find_all(lst, lambda a: role(a) == "label")]
                if tag in labels:
                    return labels
            return None
        labels = poll(tags_listed, what="%r in the tag filter's list" % tag)
        press("Home")
        for _ in range(labels.index(tag)):
            press("Down")
        press("Return")
        poll(lambda: tags_listed() is None, what="the tag list to close")
        poll(lambda: any(text_of(a) == tag for a in find_all(button(view, "Filter by tag"),
                                                             lambda a: role(a) == "label")),
             what="the filter to show %r" % tag)

    def listed_titles(self):
        return sorted(name(r).split(",")[0] for r in entry_rows(self.win))

    def tag_filter(self):
        view = journal_view(self.win)
        self.open_editor()
        set_text(text_field(view, "Entry title"), "Rainy desk day")
        set_text(text_field(view, "Tags"), "work")
        click(button(view, "Save Entry"))
        poll(lambda: len(entry_rows(self.win)) == 2, what="two entries listed")
        self.choose_tag("日本")
        poll(lambda: self.listed_titles() == [ENTRY_TITLE], what="only the picnic for 日本 (lists %r)"
             % self.listed_titles())
        self.choose_tag("work")
        poll(lambda: self.listed_titles() == ["Rainy desk day"], what="only the desk day for work (lists %r)"
             % self.listed_titles())
        self.choose_tag("All tags")
        poll(lambda: len(entry_rows(self.win)) == 2, what="both entries with All tags")

    def delete_undo(self):
        view = journal_view(self.win)
        delete = poll(lambda: button(view, "Delete “%s”" % ENTRY_TITLE), what="the entry's delete button")
        click(delete)
        poll(lambda: self.home.query("SELECT * FROM journalEntries WHERE id = ?", (self.entry_id,)) == [],
             what="the row deleted")
        check(self.home.query("SELECT * FROM journalSearch WHERE rowid = ?", (self.entry_id,)) == [],
              "the search index still has the entry")
        poll(lambda: row_titled(self.win, ENTRY_TITLE) is None, what="the row gone from the list")
        undo = poll(lambda: toast_button(self.win, "Undo"), timeout=TOAST_TIMEOUT, what="the Undo button")
        click(undo)
        rows = poll(lambda: self.home.query("SELECT id, title FROM journalEntries WHERE id = ?", (self.entry_id,)),
                    what="the entry back")
        check(rows == [{"id": self.entry_id, "title": ENTRY_TITLE}], "after undo: %r" % rows)
        poll(lambda: row_titled(self.win, ENTRY_TITLE), what="the row back in the list")
        self.search("river")
        poll(lambda: row_titled(self.win, ENTRY_TITLE), what="search finding it again after undo")

    # -- a crash while typing

    def draft_after_kill(self):
        view = journal_view(self.win)
        title = self.open_editor()
        set_text(title, DRAFT_TITLE)
        text_field(view, "Entry text").queryEditableText().setTextContents(DRAFT_BODY)
        poll(lambda: [d for d in self.home.query("SELECT * FROM journalDrafts") if d["content"] == DRAFT_BODY],
             timeout=10, what="the draft written while typing")
        # No clean exit: no dispose, no flush.
        self.app.proc.send_signal(signal.SIGKILL)
        self.app.proc.wait(10)
        self.start_app()
        view = journal_view(self.win)
        banner = poll(lambda: find(view, lambda a: role(a) == "label"
                                   and text_of(a).startswith("An entry you were writing on")
                                   and is_on_screen(a, self.win)), what="the draft banner")
        check(text_of(banner).endswith("was not saved. Restore it?"), "the banner reads %r" % text_of(banner))
        click(button(view, "Restore"))
        title = poll(lambda: text_field(view, "Entry title"), what="the editor")
        poll(lambda: text_of(title) == DRAFT_TITLE, what="the restored title (is %r)" % text_of(title))
        body = text_field(view, "Entry text")
        check(text_of(body) == DRAFT_BODY, "the restored text is %r" % text_of(body))

    # -- goals

    def goals_view(self):
        return find(self.win, by_role_name("filler", "AscendGoalsView"))

    def goal(self):
        rows = self.home.query("SELECT * FROM goals")
        return rows[0] if len(rows) == 1 else None

    def label_shown(self, root, text):
        return find(root, lambda a: role(a) == "label" and text_of(a) == text and is_on_screen(a, self.win))

    @essential
    def open_goals(self):
        if self.app.proc.poll() is not None:
            self.start_app()
        row = poll(lambda: find(self.win, by_role_name("list item", "Goals")), what="the Goals row")
        mouse_click(row)
        poll(lambda: content_title(self.win) == "Goals", what="the content title Goals")
        view = poll(self.goals_view, what="the Goals view")
        poll(lambda: shows(self.win, view), what="the Goals view on screen")
        poll(lambda: self.label_shown(view, GOALS_EMPTY), what="the empty state")

    @essential
    def goal_form_errors(self):
        view = self.goals_view()
        click(button(view, "New Goal"))
        title = poll(lambda: text_field(view, "Goal title"), what="the goal form")
        set_text(text_field(view, "Category"), "Study")
        set_text(text_field(view, "Target date"), "2025-02-30")
        set_text(text_field(view, "Progress in percent"), "150")
        poll(lambda: self.label_shown(view, "Progress must be between 0 and 100 percent"),
             what="the progress error as soon as 150 is typed")
        click(button(view, "Save Goal"))
        poll(lambda: self.label_shown(view, "Give the goal a title"), what="the title error")
        poll(lambda: self.label_shown(view, "There is no such date: pick one from the calendar"),
             what="the date error")
        check(self.home.query("SELECT * FROM goals") == [], "a goal was written")
        check(text_of(text_field(view, "Target date")) == "2025-02-30", "the typed date was dropped")
        check(text_of(text_field(view, "Progress in percent")) == "150", "the typed progress was dropped")
        check(text_of(text_field(view, "Category")) == "Study", "the category was dropped")
        set_text(title, GOAL_TITLE)
        poll(lambda: not self.label_shown(view, "Give the goal a title"), what="the title error to go")

    def goal_saved(self):
        view = self.goals_view()
        set_text(text_field(view, "Progress in percent"), "20")
        poll(lambda: not self.label_shown(view, "Progress must be between 0 and 100 percent"),
             what="the progress error to go")
        # The calendar button opens the calendar, focused for the arrow
        # keys. (Under Xvfb, without a window manager, neither keys nor
        # pointer reach a popover's own X window reliably, so the date
        # is typed, as a user may too.)
        date_button = button(view, "Pick a target date")
        inner = find(date_button, lambda a: role(a) in ("push button", "toggle button") and a != date_button)
        toggle = inner if inner is not None else date_button
        click(toggle)
        calendar = poll(lambda: find(self.app.app, lambda a: name(a) == "Target date calendar"
                                     and extents(a)[2] > 0), what="the calendar popover")
        poll(lambda: calendar.getState().contains(pyatspi.STATE_FOCUSED), what="the calendar to take focus")
        click(toggle)
        tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        set_text(text_field(view, "Target date"), tomorrow)
        click(button(view, "Save Goal"))
        row = poll(self.goal, what="the goal row")
        check(row["title"] == GOAL_TITLE and row["category"] == "Study" and row["progress"] == 20
              and row["targetDate"] == tomorrow, "the goal row is %r" % row)
        card = poll(lambda: find(view, by_role_name("panel", GOAL_TITLE)), what="the goal's card")
        poll(lambda: self.label_shown(card, "Due in 1 day"), what="the due-soon badge")
        poll(lambda: self.label_shown(card, "20%"), what="20% on the card")

    def add_milestone(self, title):
        view = self.goals_view()
        set_text(text_field(view, "New milestone for “%s”" % GOAL_TITLE), title)
        click(button(view, "Add milestone to “%s”" % GOAL_TITLE))

    def milestones_added(self):
        view = self.goals_view()
        self.add_milestone("   ")
        poll(lambda: self.label_shown(view, "A milestone needs a title"), what="the milestone error")
        check(self.home.query("SELECT * FROM milestones") == [], "an empty milestone was written")
        for title in MILESTONES:
            self.add_milestone(title)
            poll(lambda: find(view, by_role_name("check box", title)), what="the milestone %r" % title)
        rows = self.home.query("SELECT title, isCompleted FROM milestones ORDER BY id")
        check(rows == [{"title": t, "isCompleted": 0} for t in MILESTONES], "milestones are %r" % rows)
        poll(lambda: self.goal()["progress"] == 0, what="progress 0 once milestones decide")
        check(not self.label_shown(view, "A milestone needs a title"), "the milestone error stayed")

    def milestones_done(self):
        view = self.goals_view()
        # GTK 4.8 gives check boxes no AT-SPI action: a real click.
        mouse_click(poll(lambda: find(view, by_role_name("check box", MILESTONES[0])), what="the first milestone"))
        poll(lambda: self.goal()["progress"] == 50, what="progress 50")
        card = poll(lambda: find(view, by_role_name("panel", GOAL_TITLE)), what="the goal's card")
        poll(lambda: self.label_shown(card, "50%"), what="50% on the card")
        second = poll(lambda: find(view, by_role_name("check box", MILESTONES[1])), what="the second milestone")
        poll(lambda: is_on_screen(second, self.win), what="the second milestone on screen")
        mouse_click(second)
        poll(lambda: self.goal()["progress"] == 100, what="progress 100")
        poll(lambda: toast_shown(self.win, "🎉 Mission complete: “%s”! +75 XP" % GOAL_TITLE),
             timeout=TOAST_TIMEOUT, what="the celebration toast")
        card = poll(lambda: find(view, by_role_name("panel", GOAL_TITLE)), what="the goal's card")
        poll(lambda: self.label_shown(card, "100%"), what="100% on the card")
        poll(lambda: self.label_shown(card, "🎉 Mission complete!"), what="'Mission complete' on the card")
        poll(lambda: self.label_shown(card, "Done"), what="the Done badge")
        done = self.home.query("SELECT count(*) AS n FROM milestones WHERE isCompleted = 1 AND completedAt > 0")
        check(done == [{"n": 2}], "completed milestones: %r" % done)

    def goal_delete_undo(self):
        view = self.goals_view()
        goal_id = self.goal()["id"]
        click(button(view, "Delete “%s”" % GOAL_TITLE))
        poll(lambda: self.home.query("SELECT * FROM goals") == [], what="the goal deleted")
        check(self.home.query("SELECT * FROM milestones") == [], "milestones left behind")
        undo = poll(lambda: toast_button(self.win, "Undo"), timeout=TOAST_TIMEOUT, what="the Undo button")
        click(undo)
        row = poll(self.goal, what="the goal back")
        check(row["id"] == goal_id and row["progress"] == 100, "after undo: %r" % row)
        done = self.home.query("SELECT count(*) AS n FROM milestones WHERE goalId = ? AND isCompleted = 1",
                               (goal_id,))
        check(done == [{"n": 2}], "milestones after undo: %r" % done)
        poll(lambda: find(view, by_role_name("panel", GOAL_TITLE)), what="the card back")

    def names(self):
        click(button(self.goals_view(), "New Goal"))
        poll(lambda: text_field(self.goals_view(), "Goal title"), what="the goal form")
        bad = []
        for view in (journal_view(self.win), self.goals_view()):
            for a in find_all(view, lambda a: role(a) in ("push button", "toggle button", "check box", "text",
                                                          "entry", "slider", "combo box", "image",
                                                          "progress bar", "list")):
                words = name(a).split()
                half = len(words) // 2
                if (not words or words[0].startswith("Gtk") or "_" in name(a)
                        or (half and len(words) % 2 == 0 and words[:half] == words[half:])):
                    bad.append("%s %r" % (role(a), name(a)))
        check(not bad, "badly named: %s" % ", ".join(bad))

    def dashboard_checkin(self):
        row = poll(lambda: find(self.win, by_role_name("list item", "Dashboard")), what="the Dashboard row")
        mouse_click(row)
        poll(lambda: content_title(self.win) == "Dashboard", what="the dashboard")
        mood_card = poll(lambda: find(self.win, lambda a: role(a) == "push button" and name(a).startswith("Mood: ")),
                         what="the Mood card")
        click(mood_card)
        dialog = poll(lambda: find(self.app.app, lambda a: role(a) in ("dialog", "frame", "alert")
                                   and find(a, by_role_name("panel", "Mood check-in")) is not None
                                   and a != self.win), what="the check-in dialog")
        slider = poll(lambda: find(dialog, lambda a: role(a) == "slider"), what="the dialog's slider")
        slider.queryValue().currentValue = 3
        poll(lambda: find(dialog, lambda a: role(a) == "label" and text_of(a) == "3 · Down"),
             what="'3 · Down' in the dialog")
        set_text(find(dialog, lambda a: role(a) in ("text", "entry") and name(a) == "Mood note"), "Long day")
        click(poll(lambda: button(dialog, "Log Mood"), what="the Log Mood response"))
        rows = poll(lambda: self.home.query("SELECT mood, moodScore, notes FROM moodLogs WHERE moodScore = 3"),
                    what="the moodLogs row")
        check(rows == [{"mood": "Down", "moodScore": 3, "notes": "Long day"}], "moodLogs: %r" % rows)
        poll(lambda: name(find(self.win, lambda a: role(a) == "push button" and name(a).startswith("Mood: ")))
             .startswith("Mood: Down (3/10)"), what="the Mood card to read Down (3/10)")


def main():
    return run_scenarios([JournalGoals()])


if __name__ == "__main__":
    sys.exit(main())
