#!/usr/bin/python3
"""The Shop driven through AT-SPI as a user (or a screen reader) would,
against the fake Stripe server (tests/fake-stripe-server, pointed at by
STRIPE_API_BASE): the balance, spending tokens on an exercise (the balance
drops, the item is owned, Breathe unlocks it), a theme refused when short
(the message says how many tokens are missing, nothing changes), and a
token pack bought: the "browser" is a desktop file that records the URL it
is asked to open, the payment is completed by telling the fake server, and
the balance goes up exactly once.

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ascendui import walk as ui_walk  # noqa: E402
from ascendui import (  # noqa: E402
    App, DataHome, Fatal, Tap, by_role_name, check, click, essential, find, find_all,
    is_on_screen, mouse_click, name, now_ms, poll, pointer_to, role, run_cases, shows, skip_all, text_of,
)

KEY = "sk_test_fake"
SHORT = "You need 3 more tokens"
PAID = "Payment received: 50 tokens added"


def shop_view(win):
    return find(win, by_role_name("filler", "AscendShopView"))


def balance_label(win):
    v = shop_view(win)
    return find(v, lambda a: role(a) == "label" and name(a).endswith(" tokens") and name(a)[0].isdigit()) if v else None


def button(root, label):
    return find(root, lambda a: role(a) == "push button" and name(a) == label)


def toast_shown(win, message):
    for a in ui_walk(win, max_depth=8):
        try:
            if role(a) == "label" and text_of(a) == message and is_on_screen(a, win):
                return a
        except Exception:  # noqa: BLE001
            pass
    return None


class FakeStripe:
    def __init__(self):
        path = os.environ.get("ASCEND_FAKE_STRIPE_SERVER")
        if not path or not os.access(path, os.X_OK):
            skip_all("ASCEND_FAKE_STRIPE_SERVER does not name the fake Stripe server")
        self.proc = subprocess.Popen([path, "--key", KEY], stdout=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://"):
            raise Fatal("the fake Stripe server said %r" % self.url)

    def complete(self, session, outcome="paid"):
        data = urllib.parse.urlencode({"session": session, "outcome": outcome}).encode()
        with urllib.request.urlopen(self.url + "/_fake/complete", data=data, timeout=10) as r:
            return r.status

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Shop:
    def __init__(self):
        self.home = DataHome()
        self.fake = None
        self.app = None
        self.win = None
        self.uid = None
        self.opened = os.path.join(self.home.path, "opened-urls")

    def cases(self):
        return [
            ("the Shop row opens the Shop: 5 tokens, Free plan marked, packs with prices, no setup notice",
             self.open_shop),
            ("spending 3 tokens on Progressive Relaxation: balance 2, owned, one usage transaction and its unlock",
             self.spend),
            ("the Ocean theme (5) with 2 tokens: 'You need 3 more tokens', balance and database unchanged",
             self.refused),
            ("Buy 50 tokens: the browser is asked to open Stripe Checkout, the Shop waits with Cancel",
             self.buy_pack_starts),
            ("paid at the fake server: toast, balance 52, exactly one purchase of +50 and one payment, also later",
             self.buy_pack_paid),
            ("every button in the Shop has a name (no GTK type names)", self.names),
        ]

    def browser_env(self):
        """A desktop file as the https handler that only writes the URL down:
        g_app_info_launch_default_for_uri finds it through XDG_DATA_HOME and
        XDG_CONFIG_HOME; nothing else on the machine opens."""
        apps = os.path.join(self.home.path, "applications")
        config = os.path.join(self.home.path, "config")
        os.makedirs(apps, exist_ok=True)
        os.makedirs(config, exist_ok=True)
        with open(os.path.join(apps, "ascend-test-browser.desktop"), "w") as f:
            f.write("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                    "Exec=sh -c 'echo \"$1\" >> %s' sh %%u\n"
                    "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n" % self.opened)
        with open(os.path.join(config, "mimeapps.list"), "w") as f:
            f.write("[Default Applications]\nx-scheme-handler/https=ascend-test-browser.desktop\n"
                    "x-scheme-handler/http=ascend-test-browser.desktop\n")
        return {"XDG_CONFIG_HOME": config, "STRIPE_API_BASE": self.fake.url, "STRIPE_API_KEY": KEY}

    def tx(self):
        return self.home.query("SELECT amount, type, description FROM tokenTransactions WHERE userId = ? ORDER BY id",
                               (self.uid,))

    def balance(self):
        return self.home.query("SELECT tokenBalance FROM users WHERE id = ?", (self.uid,))[0]["tokenBalance"]

    def shown_balance(self):
        label = balance_label(self.win)
        return name(label) if label else None

    @essential
    def open_shop(self):
        self.fake = FakeStripe()
        self.home.create_schema()
        t = now_ms()
        con = self.home.connect()
        with con:
            self.uid = con.execute("INSERT INTO users (name, email, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
                                   " VALUES ('Sakura', 'sakura@example.com', 'local', 'admin', ?, ?, ?)",
                                   (t - 86400000, t - 86400000, t)).lastrowid
        con.close()
        self.app = App(self.home.path, extra_env=self.browser_env())
        self.app.wait_registered()
        self.win = self.app.window()
        row = poll(lambda: find(self.win, by_role_name("list item", "Shop")), what="the Shop sidebar row")
        pointer_to(self.win)
        mouse_click(row)
        poll(lambda: shop_view(self.win) is not None and shows(self.win, shop_view(self.win)),
             what="the Shop on screen")
        poll(lambda: self.shown_balance() == "5 tokens", what="the balance to read 5 tokens")
        plans = find(shop_view(self.win), by_role_name("table", "Plans"))
        check(plans is not None, "no Plans list")
        cards = [name(a) for a in find_all(plans, lambda a: role(a) == "panel" and name(a))]
        check(any(c.startswith("Free (your plan)") for c in cards), "the Free plan is not marked: %r" % cards)
        check(any(c.startswith("Premium. \u20ac4.99 / month.") for c in cards), "Premium's card reads %r" % cards)
        check(button(shop_view(self.win), "Buy 50 tokens for \u20ac4.99") is not None, "no 50-token pack button")
        check(find(shop_view(self.win), lambda a: role(a) == "push button" and name(a) == "Open Billing Preferences"
                   and is_on_screen(a, self.win)) is None, "the setup notice shows although a key is set")

    @essential
    def spend(self):
        b = button(shop_view(self.win), "Unlock Progressive Relaxation for 3 tokens")
        check(b is not None, "no Unlock button for Progressive Relaxation")
        click(b)
        poll(lambda: self.shown_balance() == "2 tokens", what="the balance to read 2 tokens")
        poll(lambda: toast_shown(self.win, "Progressive Relaxation unlocked"), what="the unlocked toast")
        check(self.balance() == 2, "tokenBalance is %r" % self.balance())
        check(self.tx() == [{"amount": -3, "type": "usage", "description": "Unlocked Progressive Relaxation"}],
              "transactions: %r" % self.tx())
        unlocks = self.home.query("SELECT itemId, tokenTransactionId FROM shopUnlocks WHERE userId = ?", (self.uid,))
        check([u["itemId"] for u in unlocks] == ["exercise:progressive_relaxation"], "unlocks: %r" % unlocks)
        poll(lambda: button(shop_view(self.win), "Unlock Progressive Relaxation for 3 tokens") is None,
             what="the Unlock button to go")
        row = find(shop_view(self.win), lambda a: role(a) == "list item" and name(a).startswith("Progressive Relaxation"))
        check(row is not None and row.description == "Owned", "the row says %r" % (row.description if row else None))

    @essential
    def refused(self):
        before = self.tx()
        b = button(shop_view(self.win), "Unlock Ocean theme for 5 tokens")
        check(b is not None, "no Unlock button for the Ocean theme")
        click(b)
        poll(lambda: toast_shown(self.win, SHORT), what="the toast %r" % SHORT)
        check(self.shown_balance() == "2 tokens", "the balance reads %r" % self.shown_balance())
        check(self.balance() == 2 and self.tx() == before, "the database changed: %r" % self.tx())
        check(self.home.query("SELECT * FROM shopUnlocks WHERE itemId = 'theme:ocean'") == [], "ocean unlocked")

    @essential
    def buy_pack_starts(self):
        click(button(shop_view(self.win), "Buy 50 tokens for \u20ac4.99"))
        self.session = poll(lambda: (self.home.query("SELECT sessionId FROM checkoutSessions WHERE userId = ?"
                                                     " AND status = 'open'", (self.uid,)) or [None])[0],
                            timeout=30, what="an open checkout session")["sessionId"]
        poll(lambda: os.path.exists(self.opened) and open(self.opened).read().strip(), timeout=20,
             what="the browser to be asked to open the checkout page")
        url = open(self.opened).read().strip()
        check(self.session in url, "the browser was asked to open %r (session %s)" % (url, self.session))
        # Below the plans, maybe out of the scrolled view: in the tree means shown.
        try:
            cancel = poll(lambda: button(shop_view(self.win), "Cancel"), what="the Cancel button while waiting")
        except Exception:
            print("# labels: %r" % [text_of(a) for a in find_all(shop_view(self.win), lambda a: role(a) == "label")][:40])
            print("# buttons: %r" % [name(a) for a in find_all(shop_view(self.win), lambda a: role(a) == "push button")])
            print("# output: %r" % self.app.output())
            raise
        check(cancel is not None, "no Cancel while waiting")
        waiting = find(shop_view(self.win), lambda a: role(a) == "label" and text_of(a).startswith("Waiting for payment"))
        check(waiting is not None, "no 'Waiting for payment' text")
        check(self.balance() == 2, "tokens credited before paying: %r" % self.balance())

    @essential
    def buy_pack_paid(self):
        check(self.fake.complete(self.session) == 200, "the fake server did not complete the session")
        poll(lambda: toast_shown(self.win, PAID), timeout=30, what="the toast %r" % PAID)
        poll(lambda: self.shown_balance() == "52 tokens", what="the balance to read 52 tokens")
        # Polling, the sync and the refresh may repeat: still once.
        time.sleep(5)
        purchases = [t for t in self.tx() if t["type"] == "purchase"]
        check(len(purchases) == 1 and purchases[0]["amount"] == 50, "purchases: %r" % purchases)
        payments = self.home.query("SELECT amount, currency, status FROM payments WHERE userId = ?", (self.uid,))
        check(payments == [{"amount": "4.99", "currency": "eur", "status": "succeeded"}], "payments: %r" % payments)
        check(self.balance() == 52, "tokenBalance is %r" % self.balance())
        check(find(shop_view(self.win), by_role_name("push button", "Refund 50 tokens")) is not None,
              "the purchase has no Refund button")

    def names(self):
        unnamed = [a for a in find_all(shop_view(self.win), lambda a: role(a) in ("push button", "toggle button"))
                   if not name(a) or name(a).startswith("Gtk") or name(a).startswith("Adw")]
        check(unnamed == [], "unnamed buttons: %r" % [(role(a), name(a)) for a in unnamed])

    def close(self):
        if self.app:
            self.app.quit()
        if self.fake:
            self.fake.stop()
        self.home.cleanup()


def main():
    scenario = Shop()
    tap = Tap([n for n, _ in scenario.cases()])
    try:
        try:
            run_cases(tap, scenario.cases())
        finally:
            scenario.close()
    finally:
        status = tap.finish()
    return status


if __name__ == "__main__":
    sys.exit(main())
