#!/usr/bin/python3
"""The Support section driven through AT-SPI as a user (or a screen reader)
would, checked against what the window says and what the database holds:

- a new profile sees the empty state telling it what to do;
- a ticket with a two-letter subject is refused inline (the Subject row
  carries the message), nothing is written and the typed text stays; with
  a real subject it is written as "open" and listed with the status "Open";
- its row opens the whole description; Back returns to the list;
- a second profile made with `ascendctl user add` writes a ticket with
  `ascendctl ticket create`; the admin sees it in All Tickets with the
  owner's name;
- Start moves it to "In progress" (in the database too), Undo puts it back
  to "Open"; Start then Resolve ends at "Resolved" with no button left;
- the status filter narrows the list;
- deleting one's own ticket and pressing Undo brings it back with its id;
- every control has a name without GTK type names or mnemonics.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ascendui  # noqa: E402
from ascendui import (  # noqa: E402
    App, Scenario, button, by_role_name, check, click, controls_without_names, essential, find,
    find_all, is_on_screen, key_combo, mouse_click, name, now_ms, pointer_to, poll, pyatspi, role,
    run_scenarios, set_text, text_field, text_of, toast_shown,
)

ascendui.KEYSYMS.update({"Up": 0xFF52, "Down": 0xFF54, "Home": 0xFF50})

TOAST_TIMEOUT = 25
EMPTY_TITLE = "No Tickets Yet"
SUBJECT_ERROR = "The subject needs at least 3 characters"
SUBJECT = "Heart strap drops every few minutes"
DESCRIPTION = ("My strap connects, then the Health page says 'No sensor' again after two or three "
               "minutes. It started after the last update.")
CATEGORIES = ["Choose a category", "Account", "Billing and tokens", "Health monitoring",
              "Something is broken", "Idea or request", "Other"]
FILTERS = ["Every status", "Open", "In progress", "Resolved"]
OTHER_SUBJECT = "Tokens not added after purchase"
OTHER_DESCRIPTION = "I bought 20 tokens yesterday and my balance still says 5."


def ascendctl_path():
    path = os.environ.get("ASCENDCTL")
    if not path:
        path = os.path.join(os.path.dirname(os.environ.get("ANIME_ASCEND", "")), "ascendctl")
    return path


def support_view(win):
    return find(win, by_role_name("filler", "AscendSupportView"))


def label_shown(root, text, win):
    return find(root, lambda a: role(a) == "label" and text_of(a) == text and is_on_screen(a, win))


def toast_undo(win, message):
    """The Undo button of the toast that says message (several toasts may
    be queued; an Undo must undo its own)."""
    label = toast_shown(win, message)
    if label is None:
        return None
    toast = label.parent
    for _ in range(3):
        if toast is None:
            return None
        undo = find(toast, lambda a: role(a) == "push button" and "Undo" in name(a))
        if undo is not None:
            return undo
        toast = toast.parent
    return None


def list_rows(root, list_name):
    lst = find(root, by_role_name("list", list_name))
    if lst is None:
        return []
    return [lst.getChildAtIndex(i) for i in range(lst.childCount)
            if role(lst.getChildAtIndex(i)) == "list item"]


def row_labels(row):
    return [text_of(a) for a in find_all(row, lambda a: role(a) == "label")]


def row_with(root, list_name, subject):
    for row in list_rows(root, list_name):
        if subject in row_labels(row):
            return row
    return None


def ancestors(acc, stop):
    out = []
    p = acc.parent
    while p is not None and p != stop:
        out.append(p)
        p = p.parent
    return out


class Support(Scenario):
    def __init__(self):
        super().__init__()
        self.admin = None
        self.mine = None
        self.other = None
        self._view = None

    def cases(self):
        return [
            ("the Support section of a new admin profile shows the empty state and an All Tickets page",
             self.open_support),
            ("a two-letter subject is refused inline on the Subject row; nothing written; the text stays",
             self.invalid_subject),
            ("with a real subject the ticket is written as open and listed with the status Open",
             self.valid_ticket),
            ("the row opens the whole description; Back returns to the list", self.detail),
            ("a second profile's ticket made with ascendctl shows in All Tickets with the owner's name",
             self.other_profile),
            ("Start: In progress in the list and the database; Undo: Open again", self.start_undo),
            ("Start then Resolve: Resolved, with no button left", self.resolve),
            ("the status filter keeps only the tickets with that status", self.filter),
            ("deleting one's own ticket and pressing Undo brings it back with the same id", self.delete_undo),
            ("Ctrl+N with the focus in the sidebar opens the form with the Subject focused", self.ctrl_n),
            ("every control of the section has a name, without GTK type names or mnemonics", self.names),
            ("a profile that is not an admin has no All Tickets page", self.not_admin),
        ]

    # -- helpers

    def view(self):
        # Found once: the section is the last in the window, and a search
        # from the window walks every other section first.
        if self._view is None:
            self._view = support_view(self.win)
        return self._view

    def tickets(self):
        return self.home.query("SELECT id, userId, subject, description, category, status FROM supportTickets"
                               " ORDER BY id")

    def pick(self, combo_name, items, item):
        """Opens a combo row's list with a click and picks an item with the
        keyboard (GTK 4.8 tells popover positions to AT-SPI only the first
        time one opens)."""
        combo = find(self.view(), by_role_name("combo box", combo_name))
        check(combo is not None, "no combo box named %r" % combo_name)
        pointer_to(self.win)
        mouse_click(combo)
        poll(lambda: find(combo, lambda a: role(a) == "filler" and name(a) == "GtkPopover"
                          and is_on_screen(a, self.win)), what="the %s list" % combo_name)
        time.sleep(0.2)
        key_combo([], "Home")
        for _ in range(items.index(item)):
            key_combo([], "Down")
        key_combo([], "Return")
        poll(lambda: find(combo, lambda a: role(a) == "label" and text_of(a) == item
                          and not any(name(p) == "GtkPopover" for p in ancestors(a, combo))),
             what="the %s row to show %r" % (combo_name, item))
        poll(lambda: find(combo, lambda a: role(a) == "filler" and name(a) == "GtkPopover"
                          and is_on_screen(a, self.win)) is None, what="the %s list to close" % combo_name)

    def show_page(self, title):
        tab = poll(lambda: find(self.view(), by_role_name("page tab", title)), what="the %r page tab" % title)
        click(tab)
        poll(lambda: tab.getState().contains(pyatspi.STATE_SELECTED), what="the %r tab to be selected" % title)

    def ascendctl(self, *args):
        out = subprocess.run([ascendctl_path(), "--database", self.home.db_path] + list(args),
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    def status_shown(self, list_name, subject):
        row = row_with(self.view(), list_name, subject)
        if row is None:
            return None
        labels = row_labels(row)
        for status in ("Open", "In progress", "Resolved"):
            if status in labels:
                return status
        return None

    # -- cases

    @essential
    def open_support(self):
        self.home.create_schema()
        t = now_ms()
        con = self.home.connect()
        with con:
            self.admin = con.execute(
                "INSERT INTO users (name, email, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                " VALUES ('Sakura', 'sakura@example.com', 'local', 'admin', ?, ?, ?)", (t, t, t)).lastrowid
        con.close()
        self.app = App(self.home.path, args=["--section", "support"])
        self.app.wait_registered()
        self.win = self.app.window()
        view = poll(self.view, what="the Support view")
        poll(lambda: is_on_screen(view, self.win), what="the Support view on screen")
        poll(lambda: label_shown(view, EMPTY_TITLE, self.win), what="the empty state")
        check(find(view, by_role_name("page tab", "All Tickets")) is not None, "no All Tickets page for the admin")

    @essential
    def invalid_subject(self):
        view = self.view()
        click(button(view, "New Ticket"))
        subject = poll(lambda: text_field(view, "Subject"), what="the Subject row")
        poll(lambda: label_shown(view, "New Ticket", self.win), what="the form")
        check(not label_shown(view, EMPTY_TITLE, self.win), "the empty state still shows with the form open")
        description = text_field(view, "Description")
        check(description is not None, "no Description field")
        set_text(subject, "Hi")
        set_text(description, DESCRIPTION)
        self.pick("Category", CATEGORIES, "Health monitoring")
        click(button(view, "Send Ticket"))
        poll(lambda: label_shown(view, SUBJECT_ERROR, self.win), what="the inline subject error")
        poll(lambda: text_field(view, "Subject").description == SUBJECT_ERROR,
             what="the Subject row's description to carry the error")
        time.sleep(0.3)
        check(self.tickets() == [], "a ticket was written: %r" % self.tickets())
        check(text_of(text_field(view, "Description")) == DESCRIPTION, "the description was dropped")
        check(text_of(text_field(view, "Subject")) == "Hi", "the subject was dropped")
        # Typing takes the error away.
        set_text(text_field(view, "Subject"), SUBJECT)
        poll(lambda: label_shown(view, SUBJECT_ERROR, self.win) is None, what="the error to go")

    @essential
    def valid_ticket(self):
        view = self.view()
        click(button(view, "Send Ticket"))
        rows = poll(self.tickets, what="a supportTickets row")
        check(len(rows) == 1, "rows: %r" % rows)
        row = rows[0]
        check(row["userId"] == self.admin and row["subject"] == SUBJECT and row["description"] == DESCRIPTION
              and row["category"] == "health_monitoring" and row["status"] == "open", "the row is %r" % row)
        self.mine = row["id"]
        poll(lambda: self.status_shown("My tickets", SUBJECT) == "Open", what="the ticket listed as Open")
        poll(lambda: toast_shown(self.win, "Ticket sent. You can follow it in My Tickets."),
             timeout=TOAST_TIMEOUT, what="the sent toast")
        check(not label_shown(view, EMPTY_TITLE, self.win), "the empty state still shows")
        check(text_field(view, "Subject") is None or not is_on_screen(text_field(view, "Subject"), self.win),
              "the form stayed open")

    def detail(self):
        view = self.view()
        row = row_with(view, "My tickets", SUBJECT)
        check(row is not None, "the ticket's row is gone")
        pointer_to(self.win)
        mouse_click(row)
        poll(lambda: label_shown(view, DESCRIPTION, self.win), what="the whole description")
        check(label_shown(view, "Open", self.win) is not None, "the detail shows no status")
        check(button(view, "Delete Ticket") is not None, "no Delete on one's own ticket")
        click(button(view, "Back"))
        poll(lambda: find(view, lambda a: role(a) == "label" and text_of(a) == DESCRIPTION) is None,
             what="the detail page to close")
        poll(lambda: is_on_screen(row_with(view, "My tickets", SUBJECT), self.win), what="the list again")

    @essential
    def other_profile(self):
        aiko = self.ascendctl("user", "add", "--name", "Aiko", "--email", "aiko@example.com")
        check(aiko["role"] == "user", "the second profile is %r" % aiko)
        ticket = self.ascendctl("ticket", "create", "--user", str(aiko["id"]), "--subject", OTHER_SUBJECT,
                                "--description", OTHER_DESCRIPTION, "--category", "billing")
        check(ticket["status"] == "open" and ticket["userName"] == "Aiko", "ascendctl wrote %r" % ticket)
        self.other = ticket["id"]
        view = self.view()
        self.show_page("All Tickets")
        poll(lambda: row_with(view, "All tickets", OTHER_SUBJECT), what="Aiko's ticket in All Tickets")
        row = row_with(view, "All tickets", OTHER_SUBJECT)
        check(any(label.startswith("Aiko · Billing and tokens · ") for label in row_labels(row)),
              "the row does not name its owner: %r" % row_labels(row))
        check(row_with(view, "All tickets", SUBJECT) is not None, "the admin's own ticket is missing")
        check(row_with(view, "My tickets", OTHER_SUBJECT) is None, "Aiko's ticket is in My Tickets")
        check(self.status_shown("All tickets", OTHER_SUBJECT) == "Open", "not shown as Open")

    def db_status(self, id):
        rows = self.home.query("SELECT status FROM supportTickets WHERE id = ?", (id,))
        return rows[0]["status"] if rows else None

    @essential
    def start_undo(self):
        view = self.view()
        click(poll(lambda: button(view, "Start “%s”" % OTHER_SUBJECT), what="the Start button"))
        poll(lambda: self.db_status(self.other) == "in_progress", what="in_progress in the database")
        poll(lambda: self.status_shown("All tickets", OTHER_SUBJECT) == "In progress", what="In progress shown")
        undo = poll(lambda: toast_undo(self.win, "“%s” is now In progress" % OTHER_SUBJECT),
                    timeout=TOAST_TIMEOUT, what="the toast and its Undo button")
        click(undo)
        poll(lambda: self.db_status(self.other) == "open", what="open again in the database")
        poll(lambda: self.status_shown("All tickets", OTHER_SUBJECT) == "Open", what="Open shown again")
        check(self.db_status(self.mine) == "open", "the other ticket moved too")

    def resolve(self):
        view = self.view()
        click(poll(lambda: button(view, "Start “%s”" % OTHER_SUBJECT), what="the Start button"))
        poll(lambda: self.db_status(self.other) == "in_progress", what="in_progress in the database")
        click(poll(lambda: button(view, "Resolve “%s”" % OTHER_SUBJECT), what="the Resolve button"))
        poll(lambda: self.db_status(self.other) == "resolved", what="resolved in the database")
        poll(lambda: self.status_shown("All tickets", OTHER_SUBJECT) == "Resolved", what="Resolved shown")
        row = row_with(view, "All tickets", OTHER_SUBJECT)
        check(find(row, lambda a: role(a) == "push button") is None, "a resolved ticket still has a button")

    def filter(self):
        view = self.view()
        self.pick("Show", FILTERS, "Resolved")
        poll(lambda: [row_labels(r)[0] for r in list_rows(view, "All tickets")] == [OTHER_SUBJECT],
             what="only the resolved ticket")
        self.pick("Show", FILTERS, "Open")
        poll(lambda: [row_labels(r)[0] for r in list_rows(view, "All tickets")] == [SUBJECT],
             what="only the open ticket")
        self.pick("Show", FILTERS, "Every status")
        poll(lambda: len(list_rows(view, "All tickets")) == 2, what="both tickets again")

    def delete_undo(self):
        view = self.view()
        self.show_page("My Tickets")
        row = poll(lambda: row_with(view, "My tickets", SUBJECT), what="the own ticket's row")
        pointer_to(self.win)
        mouse_click(row)
        click(poll(lambda: button(view, "Delete Ticket"), what="Delete Ticket"))
        poll(lambda: self.db_status(self.mine) is None, what="the row to go from the database")
        poll(lambda: label_shown(view, EMPTY_TITLE, self.win), what="the empty state again")
        undo = poll(lambda: toast_undo(self.win, "Ticket deleted"), timeout=TOAST_TIMEOUT,
                    what="the Ticket deleted toast and its Undo button")
        click(undo)
        rows = poll(lambda: [r for r in self.tickets() if r["id"] == self.mine], what="the same id back")
        check(rows[0]["subject"] == SUBJECT and rows[0]["description"] == DESCRIPTION
              and rows[0]["status"] == "open", "it came back as %r" % rows[0])
        poll(lambda: self.status_shown("My tickets", SUBJECT) == "Open", what="listed again")
        check(self.db_status(self.other) == "resolved", "another ticket changed: %r" % self.tickets())

    def ctrl_n(self):
        view = self.view()
        pointer_to(self.win)
        support_row = poll(lambda: find(self.win, by_role_name("list item", "Support")), what="the Support row")
        mouse_click(support_row)
        poll(lambda: support_row.getState().contains(pyatspi.STATE_FOCUSED), what="the focus in the sidebar")
        check(text_field(view, "Subject") is None, "the form is open before Ctrl+N")
        key_combo(["Control"], "n")
        subject = poll(lambda: text_field(view, "Subject"), what="the form to open")
        check(text_of(subject) == "", "the Subject is not empty: %r" % text_of(subject))
        # GTK 4.8 reports no focus inside an entry row: what is typed next
        # must land in the Subject.
        time.sleep(0.3)
        for key in "wifi":
            key_combo([], key)
        poll(lambda: text_of(text_field(view, "Subject")) == "wifi",
             what="the typing to land in the Subject (has %r)" % text_of(text_field(view, "Subject")))

    def names(self):
        view = self.view()
        click(button(view, "New Ticket"))
        poll(lambda: text_field(view, "Subject"), what="the form")
        bad = controls_without_names(view)
        check(bad == [], "controls without a proper name: %r" % bad)

    def not_admin(self):
        con = self.home.connect()
        with con:
            con.execute("UPDATE users SET role = 'user' WHERE id = ?", (self.admin,))
        con.close()
        # The section reads the profile again when it comes back into view.
        pointer_to(self.win)
        mouse_click(poll(lambda: find(self.win, by_role_name("list item", "Dashboard")), what="the Dashboard row"))
        mouse_click(poll(lambda: find(self.win, by_role_name("list item", "Support")), what="the Support row"))

        def hidden(a):
            return a is None or not a.getState().contains(pyatspi.STATE_VISIBLE)
        poll(lambda: hidden(find(self.view(), by_role_name("page tab list", "Support pages"))),
             what="the page switcher to hide")
        tab = find(self.view(), by_role_name("page tab", "All Tickets"))
        check(hidden(tab) or hidden(tab.parent), "the All Tickets tab still shows")
        poll(lambda: self.status_shown("My tickets", SUBJECT) == "Open", what="the own ticket still listed")


def main():
    return run_scenarios([Support()])


if __name__ == "__main__":
    sys.exit(main())
