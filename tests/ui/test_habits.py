#!/usr/bin/python3
"""The Habits section driven through AT-SPI as a user (or a screen reader)
would, and checked against the database:

- a new profile sees the empty state and its profile card (level, rank, XP);
- the New Habit form refuses an empty name inline and writes nothing, then
  creates "Drink water" with a 66-day commitment;
- checking the quest off (a click, then Space on the focused check box)
  writes one habit log with its day, shows the streak and the XP and, at
  100 XP, the level-up; unchecking (and the toast's Undo) takes it back;
- the habit's page shows its streak, and Delete then Undo brings the habit
  back with its log.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ascendui  # noqa: E402
from ascendui import (  # noqa: E402
    App, Scenario, by_role_name, check, click, content_title, essential, find, find_all,
    is_on_screen, key_combo, mouse_click, name, now_ms, pointer_to, poll, pyatspi, role,
    run_scenarios, set_text, text_of,
)

ascendui.KEYSYMS.update({"space": 0x20})

DAY = 86400000
NAME_ERROR = "Please give the habit a name"
# GTK 4.8 shows an AdwWindow dialog as a "filler" child of the application.
TOPLEVEL_ROLES = ("frame", "dialog", "filler")


def habits_view(win):
    return find(win, by_role_name("filler", "AscendHabitsView"))


def on_screen_button(root, label, win):
    """A push button on screen by its name or the text of its label (the
    toast's button is named "_Undo Undo" by GTK 4.8)."""
    def says(a):
        if name(a) == label:
            return True
        children = [a.getChildAtIndex(i) for i in range(a.childCount)]
        return any(role(c) == "label" and text_of(c) == label for c in children)
    return find(root, lambda a: role(a) == "push button" and says(a) and is_on_screen(a, win))


def label_on_screen(root, pred, win):
    return find(root, lambda a: role(a) == "label" and pred(text_of(a)) and is_on_screen(a, win))


def checked(acc):
    return acc.getState().contains(pyatspi.STATE_CHECKED)


class Quests(Scenario):
    def __init__(self):
        super().__init__()
        self.uid = None

    def cases(self):
        return [
            ("empty state: no quests, the profile card reads level 1, rank E, 90 XP", self.empty),
            ("New Habit with no name: inline error, nothing written", self.empty_name),
            ("New Habit 'Drink water', 66 days: one daily habit, one quest on screen", self.create),
            ("click the quest: one log with its day, 1-day streak, 100 XP, level up to 2", self.check_off),
            ("uncheck the quest the same day: the log and its XP are gone", self.uncheck),
            ("Space on the focused quest checks it off; the toast's Undo takes it back", self.keyboard_and_toast_undo),
            ("the habit's page shows its streak; Delete then Undo brings it back with its log", self.detail_delete_undo),
        ]

    # -- helpers

    def db(self, sql, params=()):
        return self.home.query(sql, params)

    def logs(self):
        return self.db("SELECT l.id, l.habitId, d.day FROM habitLogs l LEFT JOIN habitLogDays d ON d.logId = l.id")

    def view(self):
        return habits_view(self.win)

    def quest(self, habit_name):
        return find(self.view(), lambda a: role(a) == "check box" and name(a) == habit_name
                    and is_on_screen(a, self.win))

    def level_label(self):
        return label_on_screen(self.view(), lambda t: t.startswith("Level ") and " · Rank " in t, self.win)

    def wait_level(self, expected, what):
        poll(lambda: self.level_label() is not None and text_of(self.level_label()) == expected,
             what="the profile card to read %r after %s (reads %r)"
             % (expected, what, text_of(self.level_label()) if self.level_label() else None))

    def quest_subtitle(self, habit_name):
        box = self.quest(habit_name)
        row = box.parent.parent if box else None
        labels = [text_of(a) for a in find_all(row, lambda a: role(a) == "label")] if row else []
        return " | ".join(labels)

    # -- cases

    @essential
    def empty(self):
        self.home.create_schema()
        t = now_ms()
        con = self.home.connect()
        with con:
            self.uid = con.execute(
                "INSERT INTO users (name, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                " VALUES ('Sakura', 'local', 'admin', ?, ?, ?)", (t - 30 * DAY, t - 30 * DAY, t)).lastrowid
            # 18 mood logs (5 XP each): the first quest brings 100 XP, level 2.
            for i in range(18):
                con.execute("INSERT INTO moodLogs (userId, mood, moodScore, createdAt) VALUES (?, 'Calm', 7, ?)",
                            (self.uid, t - (i + 2) * DAY))
        con.close()
        self.app = App(self.home.path)
        self.app.wait_registered()
        self.win = self.app.window()
        pointer_to(self.win)
        key_combo(["Control"], "3")
        poll(lambda: content_title(self.win) == "Habits",
             what="Ctrl+3 to show Habits (title is %r)" % content_title(self.win))
        poll(lambda: label_on_screen(self.view(), lambda t: t == "No Quests Yet", self.win),
             what="the empty state")
        self.wait_level("Level 1 · Rank E · 90 XP", "start")
        badge = find(self.view(), lambda a: role(a) == "image" and a.description == "Rank E badge")
        check(badge is not None, "no image named 'Rank E badge' on the profile card")

    def open_form(self):
        button = poll(lambda: on_screen_button(self.view(), "New Habit", self.win), what="a New Habit button")
        click(button)
        return poll(lambda: find(self.app.app, lambda a: role(a) in TOPLEVEL_ROLES and name(a) == "New Habit"),
                    what="the New Habit window")

    def empty_name(self):
        form = self.open_form()
        click(poll(lambda: find(form, by_role_name("push button", "Save")), what="Save"))
        poll(lambda: find(form, lambda a: role(a) == "label" and text_of(a) == NAME_ERROR),
             what="the inline error %r" % NAME_ERROR)
        check(self.db("SELECT count(*) AS n FROM habits")[0]["n"] == 0, "a habit was written")
        self.form = form

    def create(self):
        form = self.form
        set_text(find(form, by_role_name("text", "Name")), "Drink water")
        spin = find(form, lambda a: role(a) == "spin button")
        check(spin is not None, "no spin button for the commitment")
        spin.queryValue().currentValue = 66
        click(find(form, by_role_name("push button", "Save")))
        rows = poll(lambda: self.db("SELECT * FROM habits") or None, what="the habit in the database")
        check(len(rows) == 1 and rows[0]["name"] == "Drink water" and rows[0]["targetDays"] == 66
              and rows[0]["frequency"] == "daily" and rows[0]["userId"] == self.uid,
              "habits rows %r" % [dict(r) for r in rows])
        box = poll(lambda: self.quest("Drink water"), what="the Drink water quest")
        check(not checked(box), "the new quest starts checked")
        check("Start a streak today" in self.quest_subtitle("Drink water"),
              "the quest reads %r" % self.quest_subtitle("Drink water"))

    def check_off(self):
        # GTK 4.8 gives check boxes no AT-SPI action: a real click, as a user's.
        mouse_click(self.quest("Drink water"))
        # First: a toast lasts 5 s, and walking the tree for the rest takes time.
        poll(lambda: label_on_screen(self.win, lambda t: t == "Level up! You reached level 2", self.win),
             what="the level-up toast")
        logs = poll(lambda: self.logs() or None, what="a habit log")
        check(len(logs) == 1 and re.match(r"^\d{4}-\d\d-\d\d$", logs[0]["day"] or ""),
              "logs %r" % [dict(r) for r in logs])
        poll(lambda: "1-day streak" in self.quest_subtitle("Drink water"),
             what="the 1-day streak (quest reads %r)" % self.quest_subtitle("Drink water"))
        poll(lambda: self.quest("Drink water") is not None and checked(self.quest("Drink water")),
             what="the quest to show checked")
        self.wait_level("Level 2 · Rank E · 100 XP", "checking off")

    def uncheck(self):
        mouse_click(self.quest("Drink water"))
        poll(lambda: not self.logs(), what="the log to be removed")
        self.wait_level("Level 1 · Rank E · 90 XP", "unchecking")
        poll(lambda: "Start a streak today" in self.quest_subtitle("Drink water"),
             what="the streak to reset (reads %r)" % self.quest_subtitle("Drink water"))

    def keyboard_and_toast_undo(self):
        # The rebuilt list gives the focus back to the quest just changed.
        poll(lambda: self.quest("Drink water") is not None
             and self.quest("Drink water").getState().contains(pyatspi.STATE_FOCUSED),
             what="the focus back on the quest's check box")
        pointer_to(self.win)
        key_combo([], "space")
        # The toast first: it lasts 5 s, and walking the tree takes time.
        undo = poll(lambda: on_screen_button(self.win, "Undo", self.win), what="the toast's Undo")
        toast = undo.parent
        check(find(toast, lambda a: role(a) == "label" and text_of(a) == "“Drink water” done · +10 XP") is not None,
              "the toast reads %r" % [text_of(a) for a in find_all(toast, lambda a: role(a) == "label")])
        check(len(self.logs()) == 1, "Space did not check the quest off")
        click(undo)
        poll(lambda: not self.logs(), what="Undo to remove the log")
        poll(lambda: self.quest("Drink water") is not None and not checked(self.quest("Drink water")),
             what="the quest to show unchecked")
        # Checked again for the next case.
        mouse_click(self.quest("Drink water"))
        poll(lambda: len(self.logs()) == 1, what="the log again")

    def detail_delete_undo(self):
        before = [dict(r) for r in self.logs()]
        habit = self.db("SELECT id FROM habits")[0]["id"]
        click(poll(lambda: on_screen_button(self.view(), "Details of Drink water", self.win), what="Details"))
        poll(lambda: find(self.view(), lambda a: name(a) == "Current streak: 1 day" and is_on_screen(a, self.win)),
             what="the current streak on the habit's page")
        detail = find(self.view(), by_role_name("filler", "AscendHabitDetail"))
        # At the foot of the page, maybe scrolled out of sight: clicked by its action.
        click(poll(lambda: find(detail, by_role_name("push button", "Delete")), what="Delete"))
        poll(lambda: not self.db("SELECT id FROM habits"), what="the habit to be deleted")
        check(not self.logs(), "the log outlived its habit")
        undo = poll(lambda: on_screen_button(self.win, "Undo", self.win), what="the toast's Undo")
        check(find(undo.parent, lambda a: role(a) == "label" and text_of(a) == "“Drink water” deleted") is not None,
              "the toast reads %r" % [text_of(a) for a in find_all(undo.parent, lambda a: role(a) == "label")])
        click(undo)
        poll(lambda: self.db("SELECT id FROM habits"), what="Undo to restore the habit")
        check(self.db("SELECT id FROM habits")[0]["id"] == habit, "the habit came back with a new id")
        check([dict(r) for r in self.logs()] == before, "logs after Undo %r, before %r"
              % ([dict(r) for r in self.logs()], before))
        box = poll(lambda: self.quest("Drink water"), what="the quest back in the list")
        check(checked(box), "the restored quest is not checked")


def main():
    return run_scenarios([Quests()])


if __name__ == "__main__":
    sys.exit(main())
