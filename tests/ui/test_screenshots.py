#!/usr/bin/python3
"""Renders the dashboard with `anime-ascend --screenshot` in the light and
dark styles at desktop (1280x800) and phone (360x720) sizes, and the other
sections at desktop size, from a small realistic database, and checks every
PNG: it exists, has the size asked for, is not blank, and the dark one is
darker than the light one.

The PNGs are left in the build folder (tests/ui/screenshots/). To refresh
the ones the README and the AppStream metadata (software centres) show:

    cp build/tests/ui/screenshots/*.png docs/screenshots/

Run by meson (suite 'ui') under tests/ui/xvfb-session.sh; prints TAP.
"""

import collections
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ascendui import (  # noqa: E402
    DataHome, Tap, app_env, app_path, check, essential, now_ms, png_size, read_png, run_cases,
)

SHOTS = [
    ("light", 1280, 800),
    ("dark", 1280, 800),
    ("light", 360, 720),
    ("dark", 360, 720),
]

# Other sections, as software centres show them (AppStream screenshots).
SECTION_SHOTS = [
    ("habits", "light", 1280, 800),
    ("journal", "light", 1280, 800),
    ("goals", "light", 1280, 800),
    ("breathe", "dark", 1280, 800),
    ("health", "light", 1280, 800),
]

DAY = 86400000


def fill(home):
    """Sakura, a month in: four daily quests (two done today), a heart
    reading from a minute ago, a mood for every day, a few journal entries."""
    home.create_schema()
    t = now_ms()
    con = home.connect()
    with con:
        uid = con.execute(
            "INSERT INTO users (name, email, loginMethod, role, createdAt, updatedAt, lastSignedIn)"
            " VALUES ('Sakura', 'sakura@example.com', 'local', 'admin', ?, ?, ?)",
            (t - 45 * DAY, t - 45 * DAY, t - DAY)).lastrowid
        habits = []
        for habit_name, category, emoji, target in (("Drink water", "health", "💧", 30),
                                                    ("Morning stretch", "fitness", "🧘", 21),
                                                    ("Read 10 pages", "mind", "📖", 66),
                                                    ("Evening walk", "fitness", "🚶", 30)):
            habits.append(con.execute(
                "INSERT INTO habits (userId, name, category, emoji, frequency, targetDays, createdAt)"
                " VALUES (?, ?, ?, ?, 'daily', ?, ?)",
                (uid, habit_name, category, emoji, target, t - 45 * DAY)).lastrowid)
        for day in range(1, 31):
            for i, habit in enumerate(habits):
                if (day + i) % 3 != 0:
                    con.execute("INSERT INTO habitLogs (habitId, userId, completedAt) VALUES (?, ?, ?)",
                                (habit, uid, t - day * DAY))
        for habit in habits[:2]:
            con.execute("INSERT INTO habitLogs (habitId, userId, completedAt) VALUES (?, ?, ?)",
                        (habit, uid, t - 2000))
        moods = ["Calm", "Happy", "Tired", "Hopeful", "Content"]
        for day in range(1, 31):
            con.execute("INSERT INTO moodLogs (userId, mood, moodScore, createdAt) VALUES (?, ?, ?, ?)",
                        (uid, moods[day % len(moods)], 5 + day % 4, t - day * DAY))
        con.execute("INSERT INTO moodLogs (userId, mood, moodScore, notes, createdAt)"
                    " VALUES (?, 'Happy', 8, 'Sunny walk by the river', ?)", (uid, t - 3000))
        for day, title in ((2, "First week done"), (9, "Rainy day thoughts"), (16, "A good talk"),
                           (23, "Why I started")):
            con.execute("INSERT INTO journalEntries (userId, title, content, mood, moodScore, tags, createdAt)"
                        " VALUES (?, ?, 'Notes.', 'Calm', 7, '[\"reflection\"]', ?)", (uid, title, t - day * DAY))
        for title, category, days_left, steps in (
                ("Run a 5 km race", "fitness", 40, (("Run 1 km without stopping", 1), ("Run 3 km", 1),
                                                      ("Run 4 km", 0), ("Sign up for the race", 0))),
                ("Read 12 books this year", "mind", 36, (("Finish book 6", 1), ("Finish book 9", 0),
                                                          ("Finish book 12", 0)))):
            target = time.strftime("%Y-%m-%d", time.localtime((t + days_left * DAY) / 1000))
            done = sum(1 for _, d in steps if d)
            goal = con.execute("INSERT INTO goals (userId, title, category, progress, targetDate, createdAt)"
                               " VALUES (?, ?, ?, ?, ?, ?)",
                               (uid, title, category, 100 * done // len(steps), target, t - 20 * DAY)).lastrowid
            for step, completed in steps:
                con.execute("INSERT INTO milestones (goalId, title, isCompleted, completedAt) VALUES (?, ?, ?, ?)",
                            (goal, step, completed, t - 5 * DAY if completed else None))
        for day, kind, seconds, before, after in ((1, "box_breathing", 240, 4, 7), (3, "deep_breathing", 120, 5, 7),
                                                  (6, "box_breathing", 240, 3, 6), (9, "grounding", 180, 4, 6)):
            con.execute("INSERT INTO exerciseSessions (userId, exerciseType, durationSeconds, completionPercentage,"
                        " moodBefore, moodAfter, status, startedAt, completedAt)"
                        " VALUES (?, ?, ?, 100, ?, ?, 'completed', ?, ?)",
                        (uid, kind, seconds, before, after, t - day * DAY, t - day * DAY + seconds * 1000))
        for minutes, bpm, stress in ((180, 78, 4), (60, 84, 5), (1, 72, 3)):
            con.execute("INSERT INTO healthReadings (userId, heartRate, hrv, stressLevel, readingType, createdAt)"
                        " VALUES (?, ?, 52.4, ?, 'automatic', ?)", (uid, bpm, stress, t - minutes * 60000))
    con.close()


def output_dir():
    base = os.environ.get("ASCEND_UI_OUTPUT") or os.getcwd()
    path = os.path.join(base, "screenshots")
    os.makedirs(path, exist_ok=True)
    return path


def brightness_stats(path):
    """(mean, variance) of all the R, G and B values of a PNG, and the share
    of its most common colour (on a 1-in-16 sample of pixels)."""
    width, height, channels, rows = read_png(path)
    hist = collections.Counter()
    colours = collections.Counter()
    c = channels
    for y, row in enumerate(rows):
        r, g, b = row[0::c], row[1::c], row[2::c]
        hist.update(r)
        hist.update(g)
        hist.update(b)
        if y % 4 == 0:
            colours.update(zip(r[::4], g[::4], b[::4]))
    n = sum(hist.values())
    mean = sum(level * count for level, count in hist.items()) / float(n)
    variance = sum((level - mean) ** 2 * count for level, count in hist.items()) / float(n)
    top_share = colours.most_common(1)[0][1] / float(sum(colours.values()))
    return mean, variance, top_share


class Shots:
    def __init__(self):
        self.home = DataHome()
        self.out = output_dir()
        self.means = {}

    def cases(self):
        cases = [("a realistic database for the screenshots", self.setup)]
        for style, width, height in SHOTS:
            cases.append(("dashboard %s %dx%d: PNG written, right size, not blank" % (style, width, height),
                          lambda s=style, w=width, h=height: self.shot(s, w, h)))
        cases.append(("dark screenshots are darker than light ones", self.dark_is_dark))
        for section, style, width, height in SECTION_SHOTS:
            cases.append(("%s %s %dx%d: PNG written, right size, not blank" % (section, style, width, height),
                          lambda n=section, s=style, w=width, h=height: self.shot(s, w, h, n)))
        return cases

    @essential
    def setup(self):
        fill(self.home)

    def path(self, style, width, height, section="dashboard"):
        return os.path.join(self.out, "%s-%s-%dx%d.png" % (section, style, width, height))

    def shot(self, style, width, height, section="dashboard"):
        path = self.path(style, width, height, section)
        if os.path.exists(path):
            os.unlink(path)
        proc = subprocess.run([app_path(), "--screenshot", path, "--size", "%dx%d" % (width, height),
                               "--style", style, "--section", section],
                              env=app_env(self.home.path), capture_output=True, text=True, timeout=60)
        check(proc.returncode == 0, "exit status %d:\n%s%s" % (proc.returncode, proc.stdout, proc.stderr))
        check(path in proc.stdout.splitlines(), "the path was not printed: %r" % proc.stdout)
        check(os.path.exists(path), "%s was not written" % path)
        size = png_size(path)
        check(size == (width, height), "%s is %dx%d" % (path, size[0], size[1]))
        mean, variance, top_share = brightness_stats(path)
        print("# %s: mean brightness %.1f, variance %.1f, most common colour %.0f%%"
              % (os.path.basename(path), mean, variance, 100 * top_share), flush=True)
        check(variance > 100, "nearly uniform image (variance %.1f)" % variance)
        check(top_share < 0.9, "%.0f%% of the image is one colour" % (100 * top_share))
        if section == "dashboard":
            self.means[(style, width, height)] = mean

    def dark_is_dark(self):
        for _, width, height in SHOTS:
            light = self.means.get(("light", width, height))
            dark = self.means.get(("dark", width, height))
            check(light is not None and dark is not None, "missing a %dx%d screenshot" % (width, height))
            check(dark + 40 < light, "%dx%d: dark mean brightness %.1f, light %.1f" % (width, height, dark, light))

    def close(self):
        self.home.cleanup()


def main():
    shots = Shots()
    tap = Tap([n for n, _ in shots.cases()])
    try:
        run_cases(tap, shots.cases())
    finally:
        shots.close()
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
