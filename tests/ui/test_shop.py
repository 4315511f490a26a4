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

from ascendui import (  # noqa: E402
    App, Fatal, Scenario, button, by_role_name, check, click, essential, find, find_all, find_child,
    is_on_screen, mouse_click, name, now_ms, pointer_to, poll, pyatspi, role, run_scenarios, shows,
    skip_all, text_of, toast_shown,
)

KEY = "sk_test_fake"
# GTK 4.8 shows an AdwWindow dialog as a "filler" child of the application.
TOPLEVEL_ROLES = ("frame", "dialog", "filler")
SHORT = "You need 3 more tokens"
PAID = "Payment received: 50 tokens added"


def shop_view(win):
    return find(win, by_role_name("filler", "AscendShopView"))


def balance_label(win):
    v = shop_view(win)
    return find(v, lambda a: role(a) == "label" and name(a).endswith(" tokens") and name(a)[0].isdigit()) if v else None


def says(a, label):
    """A button by its name or by its label's text (GTK 4.8 names a mnemonic
    button "_Refund Refund")."""
    if name(a) == label:
        return True
    children = [a.getChildAtIndex(i) for i in range(a.childCount)]
    return any(role(c) == "label" and text_of(c) == label for c in children)


def dialog_with(app, heading):
    for i in range(app.childCount):
        w = app.getChildAtIndex(i)
        if w is not None and role(w) in TOPLEVEL_ROLES and \
                find(w, lambda a: role(a) == "label" and text_of(a) == heading) is not None:
            return w
    return None


def respond(app, heading, label):
    dialog = poll(lambda: dialog_with(app, heading), what="the dialog %r" % heading)
    click(poll(lambda: find(dialog, lambda a: role(a) == "push button" and says(a, label)),
               what="the %r button of %r" % (label, heading)))


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


class Shop(Scenario):
    def __init__(self):
        super().__init__()
        self.fake = None
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
            ("Breathe: Progressive Relaxation unlocked; Gentle Movement locked, its unlock refused with 2 tokens",
             self.breathe_locks),
            ("Buy 50 tokens: the browser is asked to open Stripe Checkout, the Shop waits with Cancel",
             self.buy_pack_starts),
            ("paid at the fake server: toast, balance 52, exactly one purchase of +50 and one payment, also later",
             self.buy_pack_paid),
            ("Refund 50 tokens, confirmed: toast, balance 2, one refund of −50, the row says Refunded",
             self.refund),
            ("Subscribe to Premium, paid: Premium plan, Gentle Movement included, users.subscriptionTier premium",
             self.subscribe),
            ("Cancel Plan, confirmed: Free plan again, Gentle Movement locked again, the bought exercise kept",
             self.cancel_plan),
            ("every button in the Shop has a name (no GTK type names)", self.names),
            ("no key: the Shop says how to set one up; Open Billing Preferences; a bad URL is refused inline",
             self.no_key),
            ("a key saved in Preferences → Billing goes to the keyring: the Shop can pay, also after a restart",
             self.save_key),
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
        self.open_section()
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

    def breathe_locks(self):
        row = poll(lambda: find(self.win, by_role_name("list item", "Breathe")), what="the Breathe sidebar row")
        mouse_click(row)
        view = poll(lambda: find(self.win, by_role_name("filler", "AscendBreatheView")), what="the Breathe view")
        poll(lambda: shows(self.win, view), what="the Breathe view on screen")
        box = find(view, by_role_name("table", "Exercises"))
        cards = [name(a) for a in find_all(box, lambda a: role(a) == "push button")]
        lock = "Unlock for 3 tokens or with Premium"
        gentle = [c for c in cards if c.startswith("Gentle Movement.")]
        relax = [c for c in cards if c.startswith("Progressive Relaxation.")]
        check(gentle and lock in gentle[0], "Gentle Movement's card reads %r" % gentle)
        check(relax and lock not in relax[0], "Progressive Relaxation's card reads %r" % relax)
        check(all(lock not in c for c in cards if c.split(".")[0] in ("Box Breathing", "Deep Breathing", "Grounding",
                                                                      "Body Scan")), "a free exercise is locked: %r" % cards)
        click(find(box, lambda a: role(a) == "push button" and name(a).startswith("Gentle Movement.")))
        respond(self.app.app, "Unlock Gentle Movement?", "Unlock for 3 Tokens")
        poll(lambda: toast_shown(self.win, "You need 1 more token"), what="the refusal toast in Breathe")
        check(self.balance() == 2 and len(self.tx()) == 1, "the refusal changed the database: %r" % self.tx())
        self.open_section()

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
        time.sleep(4)
        purchases = [t for t in self.tx() if t["type"] == "purchase"]
        check(len(purchases) == 1 and purchases[0]["amount"] == 50, "purchases: %r" % purchases)
        payments = self.home.query("SELECT amount, currency, status FROM payments WHERE userId = ?", (self.uid,))
        check(payments == [{"amount": "4.99", "currency": "eur", "status": "succeeded"}], "payments: %r" % payments)
        check(self.balance() == 52, "tokenBalance is %r" % self.balance())
        check(find(shop_view(self.win), by_role_name("push button", "Refund 50 tokens")) is not None,
              "the purchase has no Refund button")

    @essential
    def refund(self):
        click(poll(lambda: button(shop_view(self.win), "Refund 50 tokens"), what="the Refund button"))
        respond(self.app.app, "Refund 50 tokens (€4.99)?", "Refund")
        poll(lambda: toast_shown(self.win, "Refunded; 50 tokens were taken back"), timeout=30, what="the refund toast")
        poll(lambda: self.shown_balance() == "2 tokens", what="the balance back to 2 tokens")
        refunds = [t for t in self.tx() if t["type"] == "refund"]
        check(len(refunds) == 1 and refunds[0]["amount"] == -50, "refunds: %r" % refunds)
        check(self.balance() == 2, "tokenBalance is %r" % self.balance())
        poll(lambda: find(shop_view(self.win), lambda a: role(a) == "label" and text_of(a) == "Refunded"),
             what="the purchase marked Refunded")
        check(button(shop_view(self.win), "Refund 50 tokens") is None, "still a Refund button")

    def tier(self):
        return self.home.query("SELECT subscriptionTier FROM users WHERE id = ?", (self.uid,))[0]["subscriptionTier"]

    def row_state(self, title):
        row = find(shop_view(self.win), lambda a: role(a) == "list item" and name(a).startswith(title))
        return row.description if row else None

    @essential
    def subscribe(self):
        check(self.row_state("Gentle Movement") != "In Premium", "Gentle Movement included before subscribing")
        click(button(shop_view(self.win), "Subscribe to Premium for €4.99 / month"))
        session = poll(lambda: (self.home.query("SELECT sessionId FROM checkoutSessions WHERE userId = ? AND"
                                                " status = 'open' AND mode = 'subscription'", (self.uid,)) or [None])[0],
                       timeout=30, what="an open subscription checkout")["sessionId"]
        poll(lambda: session in open(self.opened).read(), what="the browser asked to open the subscription checkout")
        check(self.fake.complete(session) == 200, "the fake server did not complete the session")
        poll(lambda: toast_shown(self.win, "Welcome to Premium! Everything it unlocks is ready."), timeout=30,
             what="the welcome toast")
        poll(lambda: find(shop_view(self.win), lambda a: role(a) == "label" and text_of(a) == "Premium plan"),
             what="the balance card to say Premium plan")
        poll(lambda: self.row_state("Gentle Movement") == "In Premium", what="Gentle Movement included")
        check(self.row_state("Progressive Relaxation") == "Owned", "the bought exercise reads %r"
              % self.row_state("Progressive Relaxation"))
        check(self.tier() == "premium", "subscriptionTier is %r" % self.tier())
        subs = self.home.query("SELECT tier, status FROM subscriptions WHERE userId = ?", (self.uid,))
        check(subs == [{"tier": "premium", "status": "active"}], "subscriptions: %r" % subs)
        check(self.balance() == 2, "the plan changed the balance: %r" % self.balance())

    @essential
    def cancel_plan(self):
        click(poll(lambda: button(shop_view(self.win), "Cancel Plan"), what="Cancel Plan"))
        respond(self.app.app, "Cancel Premium?", "Cancel Plan")
        poll(lambda: toast_shown(self.win, "Your plan is cancelled. What you bought with tokens stays yours."),
             timeout=30, what="the cancelled toast")
        poll(lambda: find(shop_view(self.win), lambda a: role(a) == "label" and text_of(a) == "Free plan"),
             what="the balance card to say Free plan")
        check(self.tier() == "free", "subscriptionTier is %r" % self.tier())
        poll(lambda: button(shop_view(self.win), "Unlock Gentle Movement for 3 tokens"), what="Gentle Movement locked")
        check(self.row_state("Progressive Relaxation") == "Owned", "the bought exercise reads %r"
              % self.row_state("Progressive Relaxation"))

    def restart(self, env):
        self.app.quit()
        self.app = App(self.home.path, extra_env=env)
        self.app.wait_registered()
        self.win = self.app.window()
        self.open_section()

    def open_section(self):
        row = poll(lambda: find(self.win, by_role_name("list item", "Shop")), what="the Shop sidebar row")
        pointer_to(self.win)
        mouse_click(row)
        poll(lambda: shop_view(self.win) is not None and shows(self.win, shop_view(self.win)),
             what="the Shop on screen")

    def start_keyring(self):
        """A real Secret Service on this test's session bus, its keyring in
        the temporary folder (never the user's)."""
        home = os.path.join(self.home.path, "keyring-home")
        os.makedirs(home, exist_ok=True)
        runtime = os.path.join(self.home.path, "keyring-runtime")
        os.makedirs(runtime, mode=0o700, exist_ok=True)
        env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, "data"), XDG_RUNTIME_DIR=runtime)
        subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"], input="\n", text=True,
                       env=env, stdout=subprocess.DEVNULL, check=True, timeout=30)

    def no_key(self):
        self.start_keyring()
        env = self.browser_env()
        del env["STRIPE_API_KEY"]
        self.restart(env)
        setup = poll(lambda: button(shop_view(self.win), "Open Billing Preferences"), what="the setup button")
        check(find(shop_view(self.win), lambda a: role(a) == "label" and text_of(a) == "Set Up Payments") is not None,
              "no Set Up Payments notice")
        pack = button(shop_view(self.win), "Buy 50 tokens for €4.99")
        check(pack is not None and not pack.getState().contains(pyatspi.STATE_SENSITIVE),
              "a pack can be bought without a key")
        click(setup)
        prefs = poll(lambda: find_child(self.app.app, lambda a: role(a) in TOPLEVEL_ROLES and name(a) == "Preferences"),
                     what="the Preferences window")
        url = poll(lambda: find(prefs, lambda a: role(a) in ("text", "entry") and name(a) == "API base URL"),
                   what="the API base URL row")
        # The setting (STRIPE_API_BASE overrides it for this test run).
        check(text_of(url) == "https://api.stripe.com", "the URL row reads %r" % text_of(url))
        url.queryEditableText().setTextContents("ftp://example.com")
        poll(lambda: find(prefs, lambda a: role(a) == "label"
                          and text_of(a) == "Enter an http or https address, like https://api.stripe.com"),
             what="the inline URL error")
        self.prefs = prefs

    def save_key(self):
        prefs = getattr(self, "prefs", None)
        check(prefs is not None, "no Preferences window from the case before")
        key = poll(lambda: find(prefs, lambda a: role(a) in ("text", "entry", "password text") and name(a) == "Secret key"),
                   what="the Secret key row")
        key.queryEditableText().setTextContents("pk_test_wrong")
        poll(lambda: find(prefs, lambda a: role(a) == "label" and text_of(a).startswith("A Stripe secret key starts with sk_")),
             what="the inline key error")
        key.queryEditableText().setTextContents(KEY)
        click(poll(lambda: find(prefs, by_role_name("push button", "Save the secret key")), what="Save"))
        poll(lambda: find(prefs, lambda a: role(a) == "label" and text_of(a) == "A key is saved in your keyring"),
             timeout=30, what="the status to say the key is saved")
        check(text_of(key) == "", "the key stays in the entry after saving")
        poll(lambda: button(shop_view(self.win), "Open Billing Preferences") is None, what="the setup notice to go")
        pack = button(shop_view(self.win), "Buy 50 tokens for €4.99")
        check(pack is not None and pack.getState().contains(pyatspi.STATE_SENSITIVE), "packs still disabled")
        check(self.home.query("SELECT count(*) AS n FROM sqlite_master WHERE sql LIKE '%sk_test%'")[0]["n"] == 0,
              "the key is in the schema")
        env = self.browser_env()
        del env["STRIPE_API_KEY"]
        self.restart(env)
        poll(lambda: button(shop_view(self.win), "Buy 50 tokens for €4.99") is not None and
             button(shop_view(self.win), "Buy 50 tokens for €4.99").getState().contains(pyatspi.STATE_SENSITIVE),
             timeout=30, what="the key found in the keyring after a restart")
        check(button(shop_view(self.win), "Open Billing Preferences") is None, "the setup notice after a restart")

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
    return run_scenarios([Shop()])


if __name__ == "__main__":
    sys.exit(main())
