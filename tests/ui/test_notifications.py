#!/usr/bin/python3
"""Alerts reach the person with no window open.

python3-dbusmock's notification_daemon template plays the desktop's
notification server on this test's private session bus. anime-ascend runs
with --background and the replay sensor on a recording of a sustained
high heart rate (about 136 bpm at rest for 8 minutes); the alert rules
must raise one high_heart_rate alert of medium severity, store it and
send one Notify call a person can act on. Invoking its Acknowledge action
(ActionInvoked, as a click on the bubble would) must acknowledge the row.
"""
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ascendui as ui  # noqa: E402

try:
    import dbus
except ImportError:
    ui.skip_all("python3-dbus is missing")

NOTIFY_IFACE = "org.freedesktop.Notifications"
MOCK_IFACE = "org.freedesktop.DBus.Mock"

CASES = [
    "the background app sends one Notify call for the episode",
    "the notification says what happened in words",
    "its actions are Acknowledge and Open, its urgency normal",
    "the alert is stored: high_heart_rate, medium, with the heart rate",
    "no window was opened",
    "the Acknowledge action acknowledges the alert in the database",
    "the acknowledged notification is withdrawn",
]


def start_mock():
    proc = subprocess.Popen(["/usr/bin/python3", "-m", "dbusmock", "--template", "notification_daemon"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    bus = dbus.SessionBus()

    def owned():
        return bus.name_has_owner(NOTIFY_IFACE)
    ui.poll(owned, 15, 0.1, "the mock notification daemon")
    return proc, bus.get_object(NOTIFY_IFACE, "/org/freedesktop/Notifications")


def notify_calls(mock):
    return [c for c in mock.GetCalls(dbus_interface=MOCK_IFACE) if str(c[1]) == "Notify"]


def main():
    tap = ui.Tap(CASES)
    data_home = tempfile.mkdtemp(prefix="ascend-notify-")
    db_dir = os.path.join(data_home, "anime-ascend")
    os.makedirs(db_dir, mode=0o700)
    db_path = os.path.join(db_dir, "anime-ascend.db")
    fixture = os.environ.get("ASCEND_UI_FIXTURE")
    if not fixture:
        ui.skip_all("ASCEND_UI_FIXTURE is not set")
    subprocess.run([fixture, db_path], check=True)
    with sqlite3.connect(db_path) as con:
        con.execute("INSERT INTO users (name, loginMethod, role, createdAt, updatedAt, lastSignedIn) "
                    "VALUES ('Sakura', 'local', 'admin', 1, 1, 1)")

    # 8 minutes at about 136 bpm with a little natural variation.
    recording = os.path.join(data_home, "high-hr.txt")
    with open(recording, "w") as f:
        t = 0.0
        i = 0
        while t < 8 * 60 * 1000:
            rr = 440 + (i % 7) * 3 - 9
            f.write("%d\n" % rr)
            t += rr
            i += 1

    mock_proc, mock = start_mock()
    app = ui.App(data_home, ["--background", "--sensor", "replay:" + recording, "--speed", "100"])
    state = {}

    def one_notify():
        def got():
            calls = notify_calls(mock)
            return calls if calls else None
        ui.poll(got, 40, 0.2, "a Notify call")

        # Wait for the whole recording (8 minute rows) so a storm would show.
        def played():
            with sqlite3.connect(db_path) as con:
                return con.execute("SELECT count(*) FROM healthReadings").fetchone()[0] >= 7
        ui.poll(played, 40, 0.2, "the recording's minute readings")
        time.sleep(0.5)
        calls = notify_calls(mock)
        state["call"] = calls[0]
        state["id"] = 1  # the mock numbers notifications from 1
        ui.check(len(calls) == 1, "expected one notification for one episode, got %d: %r"
                 % (len(calls), [str(c[2][3]) for c in calls]))

    def words():
        args = state["call"][2]
        summary, body = str(args[3]), str(args[4])
        ui.check(summary == "Heart rate is high", "summary was %r" % summary)
        ui.check(body.startswith("Heart rate 13") and "bpm for" in body and "minutes" in body,
                 "body was %r" % body)

    def actions_and_urgency():
        args = state["call"][2]
        actions = [str(a) for a in args[5]]
        labels = actions[1::2]
        ui.check("Acknowledge" in labels and "Open" in labels, "actions were %r" % actions)
        state["ack_key"] = actions[actions.index("Acknowledge") - 1]
        hints = args[6]
        ui.check(int(hints.get("urgency", -1)) == 1, "urgency hint was %r" % hints.get("urgency"))

    def stored():
        with sqlite3.connect(db_path) as con:
            rows = con.execute("SELECT alertType, severity, heartRate, acknowledged, message "
                               "FROM healthAlerts").fetchall()
        ui.check(len(rows) == 1, "healthAlerts rows: %r" % rows)
        kind, severity, hr, acknowledged, message = rows[0]
        ui.check((kind, severity, acknowledged) == ("high_heart_rate", "medium", 0), "row was %r" % (rows[0],))
        ui.check(125 <= hr <= 145, "heart rate at alert time was %r" % hr)
        ui.check(message == str(state["call"][2][4]), "stored message %r differs from the notification" % message)

    def no_window():
        ui.check(app.proc.poll() is None, "the background app exited:\n" + app.output())
        # The app is on the accessibility bus, but shows no frame.
        pyatspi = ui.import_pyatspi()
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            try:
                if a is not None and a.get_process_id() == app.proc.pid:
                    frames = [c for c in a if c is not None and ui.role(c) == "frame"]
                    ui.check(not frames, "a window was opened: %r" % [ui.name(f) for f in frames])
            except ui.Failure:
                raise
            except Exception:  # noqa: BLE001
                pass

    def acknowledge():
        mock.EmitSignal(NOTIFY_IFACE, "ActionInvoked", "us",
                        [dbus.UInt32(state["id"]), state["ack_key"]], dbus_interface=MOCK_IFACE)

        def acked():
            with sqlite3.connect(db_path) as con:
                return con.execute("SELECT acknowledged FROM healthAlerts").fetchone()[0] == 1
        ui.poll(acked, 15, 0.1, "acknowledged = 1")

    def withdrawn():
        def closed():
            return [c for c in mock.GetCalls(dbus_interface=MOCK_IFACE) if str(c[1]) == "CloseNotification"]
        calls = ui.poll(closed, 10, 0.1, "a CloseNotification call")
        ui.check(int(calls[0][2][0]) == state["id"], "closed notification %r" % calls[0][2][0])

    try:
        ui.run_cases(tap, [
            (CASES[0], ui.essential(one_notify)),
            (CASES[1], words),
            (CASES[2], ui.essential(actions_and_urgency)),
            (CASES[3], stored),
            (CASES[4], no_window),
            (CASES[5], ui.essential(acknowledge)),
            (CASES[6], withdrawn),
        ])
    finally:
        app.quit()
        mock_proc.send_signal(signal.SIGTERM)
        mock_proc.wait()
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
