"""ascendui: drive the real anime-ascend program through AT-SPI, with TAP output.

Shared by the scripts in tests/ui/. Everything here polls: the app registers
on the accessibility bus, builds its window and answers actions
asynchronously, so a check is retried until it holds or a deadline passes
(DESIGN.md section 8: poll, never sleep blindly).

Environment (set by tests/ui/meson.build):
  ANIME_ASCEND         the built program
  ASCEND_UI_FIXTURE    the helper that creates a database with the app's schema
  ASCEND_UI_OUTPUT     where the screenshot test writes its PNGs
  GSETTINGS_SCHEMA_DIR, GSETTINGS_BACKEND=memory, GSK_RENDERER=cairo
"""

import importlib
import os
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import zlib

DEFAULT_TIMEOUT = 15.0


# --------------------------------------------------------------------- TAP

class Tap:
    """A TAP producer: plan first, then one line per test case."""

    def __init__(self, names):
        self.names = list(names)
        self.count = 0
        self.failed = 0
        print("1..%d" % len(self.names), flush=True)

    def result(self, ok, name, diag=None):
        self.count += 1
        if not ok:
            self.failed += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.count, name), flush=True)
        if diag:
            for line in str(diag).rstrip().splitlines():
                print("# " + line, flush=True)

    def finish(self):
        # A test that crashed part way still accounts for every planned line.
        while self.count < len(self.names):
            self.result(False, self.names[self.count], "not reached")
        return 1 if self.failed else 0


def skip_all(reason):
    print("1..0 # SKIP %s" % reason, flush=True)
    sys.exit(0)


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run_cases(tap, cases):
    """cases: list of (name, callable). A failed case does not stop the rest,
    unless it raises Fatal: then the cases after it in this list cannot mean
    anything and are reported as failed without running."""
    for i, (case_name, func) in enumerate(cases):
        try:
            func()
            tap.result(True, case_name)
        except Fatal as e:
            tap.result(False, case_name, str(e))
            for later, _ in cases[i + 1:]:
                tap.result(False, later, "not run: %r failed" % case_name)
            return
        except Exception as e:  # noqa: BLE001 - report any failure as TAP
            detail = str(e) if isinstance(e, Failure) else traceback.format_exc()
            tap.result(False, case_name, detail)


class Scenario:
    """A group of cases sharing one fresh database and, once a case starts
    it, one running app. Subclasses list their cases in cases() and may add
    attributes after calling super().__init__()."""

    def __init__(self):
        self.home = DataHome()
        self.app = None
        self.win = None

    def close(self):
        if self.app:
            self.app.quit()
        self.home.cleanup()


def run_scenarios(scenarios, tap_class=Tap):
    """Runs the cases of every scenario in turn under one TAP plan, closing
    each scenario after its cases whatever happened. Returns the exit status
    for sys.exit()."""
    tap = tap_class([n for s in scenarios for n, _ in s.cases()])
    try:
        for s in scenarios:
            try:
                run_cases(tap, s.cases())
            finally:
                s.close()
    finally:
        status = tap.finish()
    return status


class Fatal(Failure):
    pass


def essential(func):
    """Marks a step the rest of its scenario depends on: its failure stops
    the scenario instead of letting every later case time out."""
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Fatal:
            raise
        except Failure as e:
            raise Fatal(str(e)) from e
        except Exception as e:  # noqa: BLE001
            raise Fatal(traceback.format_exc()) from e
    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


# ----------------------------------------------------------------- polling

def poll(func, timeout=DEFAULT_TIMEOUT, interval=0.05, what="condition"):
    """Calls func until it returns something truthy; returns that value.
    AT-SPI calls on objects that go away raise: that counts as "not yet"."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = func()
            if value:
                return value
        except Fatal:
            raise
        except Exception as e:  # noqa: BLE001
            last_error = e
        if time.monotonic() >= deadline:
            extra = " (last error: %r)" % last_error if last_error else ""
            raise Failure("timed out after %.0f s waiting for %s%s" % (timeout, what, extra))
        time.sleep(interval)


# ------------------------------------------------------------------ pyatspi

def import_pyatspi():
    try:
        return importlib.import_module("pyatspi")
    except ImportError:
        skip_all("pyatspi is not installed (Debian package python3-pyatspi)")


pyatspi = import_pyatspi()


def walk(acc, max_depth=60):
    """Depth-first, parents before children; skips nodes that vanish."""
    stack = [(acc, 0)]
    while stack:
        node, depth = stack.pop()
        if node is None:
            continue
        yield node
        if depth >= max_depth:
            continue
        try:
            n = node.childCount
        except Exception:  # noqa: BLE001
            continue
        children = []
        for i in range(n):
            try:
                children.append(node.getChildAtIndex(i))
            except Exception:  # noqa: BLE001
                pass
        for child in reversed(children):
            stack.append((child, depth + 1))


def role(acc):
    try:
        return acc.getRoleName()
    except Exception:  # noqa: BLE001
        return None


def name(acc):
    try:
        return acc.name or ""
    except Exception:  # noqa: BLE001
        return ""


def text_of(acc):
    t = acc.queryText()
    # GTK 4.8 answers getText(0, -1) with an empty string.
    return t.getText(0, t.characterCount)


def find_all(root, pred):
    out = []
    for node in walk(root):
        try:
            if pred(node):
                out.append(node)
        except Exception:  # noqa: BLE001
            pass
    return out


def find(root, pred):
    for node in walk(root):
        try:
            if pred(node):
                return node
        except Exception:  # noqa: BLE001
            pass
    return None


def find_shallow(root, pred, max_depth=24):
    """Breadth-first: finds what sits near the top of the window (a toast in
    the window's overlay) before walking the deep content of every view, so
    a short-lived toast is seen even on a loaded machine."""
    level = [root]
    for _depth in range(max_depth + 1):
        following = []
        for node in level:
            if node is None:
                continue
            try:
                if pred(node):
                    return node
            except Exception:  # noqa: BLE001
                pass
            try:
                following.extend(node.getChildAtIndex(i) for i in range(node.childCount))
            except Exception:  # noqa: BLE001
                pass
        if not following:
            break
        level = following
    return None


def toast_label(win, text):
    """The label of a toast saying text, or None."""
    return find_shallow(win, lambda a: role(a) == "label" and text_of(a) == text)


def toast_shown(win, message):
    """The label of a toast saying message while it is on screen, or None.
    Toasts sit a few levels under the window's toast overlay. A shallow
    walk finds one within its 5 s life even when the app runs slowly
    (sanitizer builds), where a walk of the whole window may not."""
    for a in walk(win, max_depth=8):
        try:
            if role(a) == "label" and text_of(a) == message and is_on_screen(a, win):
                return a
        except Exception:  # noqa: BLE001
            pass
    return None


def button(root, label):
    """A push button whose accessible name is label, or None."""
    return find(root, lambda a: role(a) == "push button" and name(a) == label)


def text_field(root, label):
    """A text entry whose accessible name is label, or None."""
    return find(root, lambda a: role(a) in ("text", "entry") and name(a) == label)


def content_title(win):
    """The title in the content pane's header bar (the leaflet's content
    child is the one without the 'Sections' list)."""
    leaflet = find(win, by_role_name("filler", "AdwLeaflet"))
    if leaflet is None:
        return None
    for i in range(leaflet.childCount):
        child = leaflet.getChildAtIndex(i)
        if role(child) == "separator" or find(child, by_role_name("list", "Sections")) is not None:
            continue
        title = find(child, by_role_name("filler", "AdwWindowTitle"))
        label = find(title, lambda a: role(a) == "label") if title else None
        return text_of(label) if label else None
    return None


def by_role_name(role_name, accessible_name):
    return lambda a: role(a) == role_name and name(a) == accessible_name


def by_role_prefix(role_name, prefix):
    return lambda a: role(a) == role_name and name(a).startswith(prefix)


def controls_without_names(page):
    """Buttons, links, switches, entries and combo boxes below page (not the
    parts of a combo box or an entry row, which are GTK's) that have no name,
    are named after their type, or carry a mnemonic underscore: a list of
    (role, name)."""
    bad = []

    def inside_other_widget(a):
        p = a.parent
        while p is not None and p != page:
            if role(p) in ("combo box", "text"):
                return True
            p = p.parent
        return False
    for a in find_all(page, lambda a: role(a) in ("push button", "toggle button", "link", "combo box",
                                                  "text", "check box", "page tab")):
        if inside_other_widget(a):
            continue
        n = name(a)
        if not n.strip() or re.match(r"^(Gtk|Adw|Ascend)", n) or "_" in n:
            bad.append((role(a), n))
    return bad


def click(acc):
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            return action.doAction(i)
    return action.doAction(0)


def set_text(acc, value):
    acc.queryEditableText().setTextContents(value)


def extents(acc):
    """Position in its window. (GTK 4 on X11 cannot tell screen positions;
    under Xvfb there is no window manager and every window sits at the
    screen's origin, so these are screen positions too.)"""
    e = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return (e.x, e.y, e.width, e.height)


def is_on_screen(acc, frame):
    """Whether acc has a size and lies in the window. GTK 4.8 sets no SHOWING
    state; widgets that were never mapped (the other page of a stack) report
    no size. Widgets that were shown once keep their last position when
    hidden: to tell which of two panes is showing, use shows()."""
    x, y, w, h = extents(acc)
    fx, fy, fw, fh = extents(frame)
    return w > 0 and h > 0 and x < fw and y < fh and x + w > 0 and y + h > 0


def shows(frame, acc):
    """Whether the window shows acc (a pane, a page): asked what lies under
    a few points inside acc, it answers acc or one of acc's descendants for
    at least one (GTK picks the widget the pointer would hit there; it
    answers nothing for some widgets, so one point is not enough)."""
    if acc is None or not is_on_screen(acc, frame):
        return False
    x, y, w, h = extents(acc)
    fx, fy, fw, fh = extents(frame)
    component = frame.queryComponent()
    for px in (0.2, 0.5, 0.8):
        for py in (0.2, 0.5, 0.8):
            cx, cy = int(x + w * px), int(y + h * py)
            if not (0 <= cx < fw and 0 <= cy < fh):
                continue
            hit = component.getAccessibleAtPoint(cx, cy, pyatspi.WINDOW_COORDS)
            for _ in range(200):
                if hit is None or hit == frame:
                    break
                if hit == acc:
                    return True
                hit = hit.parent
    return False


def mouse_click(acc):
    """A real left click (XTest through the AT-SPI registry) in the middle of
    acc, for widgets GTK 4.8 gives no AT-SPI action (list rows, entry rows)."""
    from gi.repository import Atspi
    x, y, w, h = extents(acc)
    if w <= 0 or h <= 0:
        raise Failure("%s %r has no size: not on screen" % (role(acc), name(acc)))
    Atspi.generate_mouse_event(x + w // 2, y + h // 2, "b1c")


def pointer_to(acc):
    """Moves the pointer over acc: with no window manager X gives keyboard
    focus to the window under the pointer."""
    from gi.repository import Atspi
    x, y, w, h = extents(acc)
    Atspi.generate_mouse_event(x + w // 2, y + h // 2, "abs")


# -------------------------------------------------------------- keyboard

MODIFIER_MASKS = {"Control": 1 << 2, "Shift": 1 << 0, "Alt": 1 << 3}


def key_combo(modifiers, keysym_name):
    """Holds modifiers ("Control", "Shift", "Alt"), taps the key named by its
    keysym, releases the modifiers: through the AT-SPI registry, which
    synthesises real X key events (XTest) under Xvfb, so they travel the
    same path as a keyboard's."""
    from gi.repository import Atspi
    mask = 0
    for m in modifiers:
        mask |= MODIFIER_MASKS[m]
    keysym = keysym_from_name(keysym_name)
    if mask:
        Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    finally:
        if mask:
            Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


KEYSYMS = {"comma": 0x2C, "question": 0x3F, "Return": 0xFF0D, "Escape": 0xFF1B, "F1": 0xFFBE}


def keysym_from_name(keysym_name):
    if len(keysym_name) == 1 and keysym_name.isalnum():
        return ord(keysym_name.lower())
    return KEYSYMS[keysym_name]


# ------------------------------------------------------------------ the app

def app_path():
    path = os.environ.get("ANIME_ASCEND")
    if not path or not os.access(path, os.X_OK):
        skip_all("ANIME_ASCEND does not name the built program")
    return path


def app_env(data_home, extra=None):
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = data_home
    env.setdefault("GSK_RENDERER", "cairo")
    env.setdefault("GSETTINGS_BACKEND", "memory")
    # Either of these would hide the app from the accessibility bus.
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    if extra:
        env.update(extra)
    return env


class App:
    """One running anime-ascend process and its accessible application."""

    def __init__(self, data_home, args=(), extra_env=None):
        self.data_home = data_home
        self.log = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen([app_path()] + list(args),
                                     env=app_env(data_home, extra_env),
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.app = None

    def wait_registered(self, timeout=30):
        pid = self.proc.pid

        def lookup():
            if self.proc.poll() is not None:
                raise Fatal("anime-ascend exited with %s before it registered:\n%s"
                            % (self.proc.returncode, self.output()))
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                a = desktop.getChildAtIndex(i)
                try:
                    if a is not None and a.get_process_id() == pid:
                        return a
                except Exception:  # noqa: BLE001
                    pass
            return None

        self.app = poll(lookup, timeout, 0.1, "the app on the accessibility bus")
        return self.app

    def window(self, title="Anime Ascend", timeout=DEFAULT_TIMEOUT):
        return poll(lambda: find_child(self.app, lambda a: role(a) == "frame" and name(a) == title),
                    timeout, what="the window %r" % title)

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def quit(self, timeout=10):
        """Ends the process (SIGTERM, then SIGKILL) if it still runs. Cases
        that test quitting itself do it with Ctrl+Q and wait_exit()."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.returncode not in (0, -signal.SIGTERM):
            # A crash (a fatal critical, say) explains the failures above it.
            print("# anime-ascend ended with status %d; its output:" % self.proc.returncode)
            for line in self.output().splitlines():
                print("#   " + line)
            sys.stdout.flush()

    def wait_exit(self, timeout=10):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None


def find_child(acc, pred):
    for i in range(acc.childCount):
        c = acc.getChildAtIndex(i)
        if c is not None and pred(c):
            return c
    return None


# ------------------------------------------------------------ the database

class DataHome:
    """A fresh XDG_DATA_HOME in a temporary folder, removed at exit."""

    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="ascend-ui-")
        self.db_path = os.path.join(self.path, "anime-ascend", "anime-ascend.db")

    def create_schema(self):
        fixture = os.environ.get("ASCEND_UI_FIXTURE")
        if not fixture:
            raise Fatal("ASCEND_UI_FIXTURE is not set")
        subprocess.run([fixture, self.db_path], check=True)

    def connect(self):
        # A short-lived connection per question: the app holds the file open
        # in WAL mode and a long-lived reader would see a stale snapshot.
        con = sqlite3.connect(self.db_path, timeout=10)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA foreign_keys = ON")
        return con

    def query(self, sql, params=()):
        if not os.path.exists(self.db_path):
            return []
        con = self.connect()
        try:
            return [dict(r) for r in con.execute(sql, params).fetchall()]
        finally:
            con.close()

    def cleanup(self):
        shutil.rmtree(self.path, ignore_errors=True)


def write_keyfile_settings(home, values):
    """A keyfile GSettings backend in a private XDG_CONFIG_HOME, to start the
    window at a chosen size (the memory backend always starts at defaults)."""
    config = os.path.join(home.path, "config")
    folder = os.path.join(config, "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write("[io/github/animeascend/AnimeAscend]\n")
        for key, value in values.items():
            f.write("%s=%s\n" % (key, value))
    return {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config}


def now_ms():
    return int(time.time() * 1000)


# --------------------------------------------------------------------- PNG

def read_png(path):
    """Returns (width, height, channels, rows) for 8-bit non-interlaced RGB or
    RGBA PNGs (what gdk_texture_save_to_png writes). rows: list of bytes."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failure("%s is not a PNG" % path)
    pos = 8
    idat = []
    width = height = depth = ctype = interlace = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    channels = {2: 3, 6: 4}.get(ctype)
    if depth != 8 or channels is None or interlace != 0:
        raise Failure("%s: unsupported PNG (depth %s, colour type %s, interlace %s)"
                      % (path, depth, ctype, interlace))
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if ftype == 1:
            for x in range(channels, stride):
                line[x] = (line[x] + line[x - channels]) & 0xFF
        elif ftype == 2:
            for x in range(stride):
                line[x] = (line[x] + prev[x]) & 0xFF
        elif ftype == 3:
            for x in range(stride):
                left = line[x - channels] if x >= channels else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 0xFF
        elif ftype == 4:
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0
                b = prev[x]
                c = prev[x - channels] if x >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        elif ftype != 0:
            raise Failure("%s: bad PNG filter %d" % (path, ftype))
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def png_size(path):
    """Width and height from the IHDR chunk, without decoding."""
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise Failure("%s is not a PNG" % path)
    return struct.unpack(">II", head[16:24])
