#!/usr/bin/env python3
# check-flatpak.py: the Flatpak manifest says what we mean.
#
#   check-flatpak.py manifest SOURCE_ROOT
#       flatpak/APP_ID.json is valid JSON; its id matches the desktop file,
#       the AppStream file and the icon; it runs on the GNOME runtime and
#       SDK; its command is a program meson installs; its finish-args are
#       exactly the permissions the app needs (ALLOWED_FINISH_ARGS), with no
#       file-system access; the app module builds with meson from this
#       checkout; every dir/file/patch source it names exists, and every
#       downloaded source carries a sha256.
#
#   check-flatpak.py selftest SOURCE_ROOT
#       The checker itself: the real manifest passes, and each of a set of
#       broken copies (an extra permission, home access, a missing source, a
#       missing checksum, a wrong id, ...) is rejected.
#
# flatpak-builder is not run: it needs the network and the SDK.

import copy
import json
import os
import re
import sys
import tempfile

APP_ID = 'io.github.animeascend.AnimeAscend'
MANIFEST = os.path.join('flatpak', APP_ID + '.json')

# Why each one is there:
#   ipc, wayland, fallback-x11, dri   a GTK 4 window (X11 only without Wayland)
#   network                           Stripe, the only network peer
#   org.bluez (system bus)            the Bluetooth LE heart-rate sensor
#   org.freedesktop.secrets           the Stripe key in the Secret Service
# Notifications (GNotification) and the Background request go through
# portals, which every Flatpak app may talk to without a permission. The app
# keeps its data in its own XDG_DATA_HOME; a file the user picks would come
# through the file chooser portal (GtkFileChooserNative): no --filesystem.
ALLOWED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    '--share=network',
    '--system-talk-name=org.bluez',
    '--talk-name=org.freedesktop.secrets',
}

LOCAL_SOURCE_TYPES = ('dir', 'file', 'patch')
DOWNLOADED_SOURCE_TYPES = ('archive', 'file', 'patch', 'extra-data')
SHA256 = re.compile(r'^[0-9a-f]{64}$')


class Checker:
    def __init__(self, root, manifest_path, base=None):
        self.root = os.path.abspath(root)
        self.path = manifest_path
        # Relative source paths are relative to the manifest's folder.
        self.base = base or os.path.dirname(os.path.abspath(manifest_path))
        self.errors = []

    def fail(self, msg):
        self.errors.append(msg)

    def run(self):
        try:
            with open(self.path, encoding='utf-8') as f:
                m = json.load(f)
        except (OSError, ValueError) as e:
            self.fail(f'{self.path} is not valid JSON: {e}')
            return self.errors
        if not isinstance(m, dict):
            self.fail('the manifest is not a JSON object')
            return self.errors
        self.check_identity(m)
        self.check_runtime(m)
        self.check_command(m)
        self.check_finish_args(m)
        self.check_modules(m)
        return self.errors

    def check_identity(self, m):
        app_id = m.get('id', m.get('app-id'))
        if 'id' in m and 'app-id' in m and m['id'] != m['app-id']:
            self.fail(f'id {m["id"]!r} and app-id {m["app-id"]!r} differ')
        if app_id != APP_ID:
            self.fail(f'id is {app_id!r}, not {APP_ID!r}')
            return
        desktop = os.path.join(self.root, 'data', app_id + '.desktop.in')
        if not os.path.isfile(desktop):
            self.fail(f'no desktop file data/{app_id}.desktop.in for id {app_id}')
        else:
            with open(desktop, encoding='utf-8') as f:
                icons = re.findall(r'^Icon=(.*)$', f.read(), re.M)
            if icons != [app_id]:
                self.fail(f'the desktop file\'s Icon= is {icons}, not [{app_id!r}]')
        metainfo = os.path.join(self.root, 'data', app_id + '.metainfo.xml.in')
        if os.path.isfile(metainfo):
            with open(metainfo, encoding='utf-8') as f:
                ids = re.findall(r'<id>([^<]*)</id>', f.read())
            if not ids or ids[0] != app_id:
                self.fail(f'the metainfo <id> is {ids[:1]}, not {app_id!r}')
        else:
            self.fail(f'no metainfo file data/{app_id}.metainfo.xml.in')
        icon = os.path.join(self.root, 'data', 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg')
        if not os.path.isfile(icon):
            self.fail(f'no scalable icon named {app_id}.svg')

    def check_runtime(self, m):
        if m.get('runtime') != 'org.gnome.Platform':
            self.fail(f'runtime is {m.get("runtime")!r}, not org.gnome.Platform')
        if m.get('sdk') != 'org.gnome.Sdk':
            self.fail(f'sdk is {m.get("sdk")!r}, not org.gnome.Sdk')
        version = m.get('runtime-version')
        if not isinstance(version, str) or not re.fullmatch(r'\d+', version):
            self.fail(f'runtime-version is {version!r}: a stable GNOME branch is a number such as "51"')
        elif int(version) < 48:
            self.fail(f'runtime-version {version} is end-of-life')

    def check_command(self, m):
        command = m.get('command')
        if not isinstance(command, str) or not command:
            self.fail('no command')
            return
        with open(os.path.join(self.root, 'src', 'meson.build'), encoding='utf-8') as f:
            src = f.read()
        installed = re.findall(r"executable\(\s*'([^']+)'[^)]*?install:\s*true", src, re.S)
        if command not in installed:
            self.fail(f'command {command!r} is not a program src/meson.build installs ({installed})')

    def check_finish_args(self, m):
        args = m.get('finish-args')
        if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
            self.fail('finish-args is not a list of strings')
            return
        if len(args) != len(set(args)):
            self.fail('finish-args has duplicates')
        for a in args:
            if a.startswith('--filesystem='):
                self.fail(f'{a}: no file-system access; files go through the portal')
        extra = set(args) - ALLOWED_FINISH_ARGS
        missing = ALLOWED_FINISH_ARGS - set(args)
        if extra:
            self.fail(f'finish-args not allowed: {sorted(extra)}')
        if missing:
            self.fail(f'finish-args missing: {sorted(missing)}')

    def check_modules(self, m):
        modules = m.get('modules')
        if not isinstance(modules, list) or not modules:
            self.fail('no modules')
            return
        app = modules[-1]
        if not isinstance(app, dict):
            self.fail('the last module (the app) is not an object')
        else:
            if app.get('buildsystem') != 'meson':
                self.fail(f'the app module {app.get("name")!r} is built with '
                          f'{app.get("buildsystem")!r}, not meson')
            if '-Dtests=false' not in app.get('config-opts', []):
                self.fail('the app module does not turn the tests off (-Dtests=false)')
            with open(os.path.join(self.root, 'meson_options.txt'), encoding='utf-8') as f:
                options = set(re.findall(r"option\(\s*'([^']+)'", f.read()))
            for opt in app.get('config-opts', []):
                m = re.match(r'^-D([\w.-]+)=', opt)
                if m and '.' not in m.group(1) and not m.group(1).startswith('b_') \
                        and m.group(1) not in options | {'buildtype', 'prefix', 'libdir', 'optimization'}:
                    self.fail(f'config-opts {opt}: meson_options.txt has no option {m.group(1)!r}')
            roots = [s for s in app.get('sources', [])
                     if isinstance(s, dict) and s.get('type') == 'dir'
                     and os.path.realpath(os.path.join(self.base, s.get('path', ''))) ==
                     os.path.realpath(self.root)]
            if not roots:
                self.fail('the app module does not build this checkout (a dir source pointing at the root)')
        self.walk_modules(modules, self.base, 'modules')

    def walk_modules(self, modules, base, where):
        for i, mod in enumerate(modules):
            here = f'{where}[{i}]'
            if isinstance(mod, str):
                path = os.path.join(base, mod)
                if not os.path.isfile(path):
                    self.fail(f'{here}: module file {mod} does not exist')
                continue
            if not isinstance(mod, dict):
                self.fail(f'{here}: not an object')
                continue
            here = f'module {mod.get("name", here)!r}'
            if not mod.get('name'):
                self.fail(f'{here}: no name')
            if not mod.get('buildsystem'):
                self.fail(f'{here}: no buildsystem')
            sources = mod.get('sources', [])
            if not isinstance(sources, list) or not sources:
                self.fail(f'{here}: no sources')
                sources = []
            for s in sources:
                self.check_source(s, base, here)
            self.walk_modules(mod.get('modules', []), base, here)

    def check_source(self, s, base, here):
        if isinstance(s, str):
            if not os.path.isfile(os.path.join(base, s)):
                self.fail(f'{here}: source file {s} does not exist')
            return
        kind = s.get('type')
        if kind in LOCAL_SOURCE_TYPES and 'path' in s:
            path = os.path.normpath(os.path.join(base, s['path']))
            exists = os.path.isdir(path) if kind == 'dir' else os.path.isfile(path)
            if not exists:
                self.fail(f'{here}: {kind} source {s["path"]} does not exist')
            elif os.path.commonpath([path, self.root]) != self.root:
                self.fail(f'{here}: {kind} source {s["path"]} is outside the repository')
        elif kind in DOWNLOADED_SOURCE_TYPES and 'url' in s:
            if not SHA256.match(str(s.get('sha256', ''))):
                self.fail(f'{here}: {s["url"]} has no sha256')
            if not s['url'].startswith('https://'):
                self.fail(f'{here}: {s["url"]}: download over https')
        elif kind == 'git':
            if not s.get('commit') and not s.get('tag'):
                self.fail(f'{here}: git source {s.get("url")} is not pinned to a commit or tag')
        elif kind in LOCAL_SOURCE_TYPES:
            self.fail(f'{here}: {kind} source has neither path nor url')
        elif kind not in ('shell', 'script', 'inline'):
            self.fail(f'{here}: unknown source type {kind!r}')


def check_manifest(root, path=None):
    errors = Checker(root, path or os.path.join(root, MANIFEST)).run()
    for e in errors:
        print('FAIL: ' + e)
    return errors


def selftest(root):
    with open(os.path.join(root, MANIFEST), encoding='utf-8') as f:
        good = json.load(f)

    def app(m):
        return m['modules'][-1]

    def downloaded(m):
        return next(s for mod in m['modules'] for s in mod.get('sources', []) if 'url' in s)

    breakages = [
        ('home access', lambda m: m['finish-args'].append('--filesystem=home')),
        ('host access', lambda m: m['finish-args'].append('--filesystem=host')),
        ('an extra permission', lambda m: m['finish-args'].append('--socket=pulseaudio')),
        ('the notification daemon', lambda m: m['finish-args'].append('--talk-name=org.freedesktop.Notifications')),
        ('no Bluetooth', lambda m: m['finish-args'].remove('--system-talk-name=org.bluez')),
        ('a wrong id', lambda m: m.__setitem__('id', 'org.example.Other')),
        ('a KDE runtime', lambda m: m.__setitem__('runtime', 'org.kde.Platform')),
        ('an end-of-life runtime', lambda m: m.__setitem__('runtime-version', '47')),
        ('no sdk', lambda m: m.pop('sdk')),
        ('a command meson does not install', lambda m: m.__setitem__('command', 'anime-ascend-gtk')),
        ('the app built with cmake', lambda m: app(m).__setitem__('buildsystem', 'cmake')),
        ('a meson option that does not exist', lambda m: app(m)['config-opts'].append('-Dno_such_option=true')),
        ('a missing dir source', lambda m: app(m)['sources'].append({'type': 'dir', 'path': '../no-such-dir'})),
        ('a missing patch', lambda m: app(m)['sources'].append({'type': 'patch', 'path': 'no-such.patch'})),
        ('a download without sha256', lambda m: downloaded(m).pop('sha256')),
        ('a made-up sha256', lambda m: downloaded(m).__setitem__('sha256', 'TODO')),
        ('a module list that is empty', lambda m: m.__setitem__('modules', [])),
    ]
    status = 0
    print('1..%d' % (len(breakages) + 1))
    errors = check_manifest(root)
    if errors:
        status = 1
    print('%s 1 - the real manifest passes' % ('not ok' if errors else 'ok'))
    with tempfile.TemporaryDirectory() as tmp:
        for n, (what, breaker) in enumerate(breakages, start=2):
            m = copy.deepcopy(good)
            breaker(m)
            path = os.path.join(tmp, 'broken-%d.json' % n)
            with open(path, 'w', encoding='utf-8') as f:
                json.dump(m, f)
            # Relative paths resolved as if it stood beside the real one.
            errors = Checker(root, path, base=os.path.join(os.path.abspath(root), 'flatpak')).run()
            ok = bool(errors)
            if not ok:
                status = 1
            print('%s %d - rejects %s%s' % ('ok' if ok else 'not ok', n, what,
                                             ': ' + errors[0] if errors else ''))
    return status


def main(argv):
    if len(argv) >= 3 and argv[1] == 'manifest':
        errors = check_manifest(argv[2])
        if not errors:
            print(f'ok: {MANIFEST} is valid')
        return 1 if errors else 0
    if len(argv) >= 3 and argv[1] == 'selftest':
        return selftest(argv[2])
    print(__doc__ or 'usage: check-flatpak.py manifest|selftest SOURCE_ROOT')
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
