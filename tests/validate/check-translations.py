#!/usr/bin/env python3
# check-translations.py: keep po/ honest.
#
#   check-translations.py potfiles SOURCE_ROOT
#       Every file under src/ and data/ with strings marked for translation is
#       listed in po/POTFILES.in, and every listed file exists.
#
#   check-translations.py po SOURCE_ROOT LANG
#       po/LANG.po passes `msgfmt --check` as it is, and, merged with a
#       template extracted from the current sources (as
#       `meson compile anime-ascend-update-po` would), has no untranslated
#       and no fuzzy messages.  A string added to the code without a
#       translation fails here.
#
#   check-translations.py unmarked SOURCE_ROOT
#       No string a user can see in a .c or .ui file under src/ or data/ is
#       left unmarked (see check_unmarked.py for what counts; `no-i18n` in a
#       comment allows a deliberate exception).
#
#   check-translations.py pot SOURCE_ROOT
#       po/anime-ascend.pot, committed for translators, holds exactly the
#       messages of the current sources (the same extraction as meson's
#       anime-ascend-pot target; dates and source line numbers aside).
#
#   check-translations.py selftest SOURCE_ROOT
#       The checks themselves catch what they are for: planted unmarked
#       strings in fixtures/, a marked file missing from POTFILES.in, a
#       stale template.

import os
import re
import subprocess
import sys
import tempfile

PACKAGE = 'anime-ascend'

# The same arguments as meson's i18n.gettext(preset: 'glib').
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

C_MARK = re.compile(r'(?<![\w])(?:N?_|C_|NC_)\s*\(\s*"|'
                    r'\bg_d(?:c|n|p)gettext2?\s*\(')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
ALWAYS = ('.gschema.xml', '.desktop.in', '.metainfo.xml.in')


def fail(msg):
    print('FAIL: ' + msg)
    return 1


def read_potfiles(root):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def needs_translation(path):
    if path.endswith(ALWAYS):
        return True
    if path.endswith(('.c', '.h')):
        pattern = C_MARK
    elif path.endswith('.ui'):
        pattern = UI_MARK
    else:
        return False
    with open(path, encoding='utf-8', errors='replace') as f:
        return pattern.search(f.read()) is not None


def check_potfiles(root):
    listed = read_potfiles(root)
    status = 0
    for rel in listed:
        if not os.path.isfile(os.path.join(root, rel)):
            status = fail(f'po/POTFILES.in lists {rel}, which does not exist')
    listed = set(listed)
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if rel not in listed and needs_translation(path):
                    status = fail(f'{rel} has translatable strings but is not in po/POTFILES.in')
    if status == 0:
        print(f'ok: po/POTFILES.in lists all {len(listed)} files with translatable strings')
    return status


def msgfmt_statistics(po):
    """Returns (returncode, output, translated, fuzzy, untranslated)."""
    r = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=dict(os.environ, LC_ALL='C', LANGUAGE=''),
                       text=True)
    counts = {}
    for kind in ('translated', 'fuzzy', 'untranslated'):
        m = re.search(r'(\d+) ' + kind + r' message', r.stdout)
        counts[kind] = int(m.group(1)) if m else 0
    return r.returncode, r.stdout.strip(), counts


def check_po(root, lang):
    po = os.path.join(root, 'po', lang + '.po')
    if not os.path.isfile(po):
        return fail(f'po/{lang}.po is missing but {lang} is in po/LINGUAS')

    status = 0
    rc, out, counts = msgfmt_statistics(po)
    print(f'po/{lang}.po: {out}')
    if rc != 0:
        status = fail(f'msgfmt --check rejects po/{lang}.po')
    if counts['fuzzy'] or counts['untranslated']:
        status = fail(f'po/{lang}.po has {counts["fuzzy"]} fuzzy and '
                      f'{counts["untranslated"]} untranslated messages')

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, PACKAGE + '.pot')
        r = subprocess.run(['xgettext', '--package-name=' + PACKAGE,
                            '-f', os.path.join(root, 'po', 'POTFILES.in'),
                            '-D', root, '-k_', '-o', pot] + XGETTEXT_ARGS,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0:
            print(r.stdout)
            return fail('xgettext could not extract the template')
        merged = os.path.join(tmp, lang + '.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po, pot],
                       check=True)
        rc, out, counts = msgfmt_statistics(merged)
        print(f'po/{lang}.po merged with the current sources: {out}')
        if rc != 0:
            status = fail(f'po/{lang}.po merged with the current sources fails msgfmt --check')
        missing = counts['fuzzy'] + counts['untranslated']
        if missing:
            status = fail(f'{missing} messages in the current sources have no {lang} '
                          f'translation: run `meson compile -C BUILDDIR {PACKAGE}-update-po` '
                          f'and translate them in po/{lang}.po')
            r = subprocess.run(['msgattrib', '--untranslated', '--no-wrap', merged],
                               stdout=subprocess.PIPE, text=True)
            print(r.stdout)
    if status == 0:
        print(f'ok: po/{lang}.po is complete')
    return status


def extract_template(root, out):
    """Runs xgettext over POTFILES.in as meson's i18n.gettext() does."""
    r = subprocess.run(['xgettext', '--package-name=' + PACKAGE,
                        '-f', os.path.join(root, 'po', 'POTFILES.in'),
                        '-D', root, '-k_', '-o', out] + XGETTEXT_ARGS,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        print(r.stdout)
    return r.returncode == 0


def messages(path):
    """The messages of a .po/.pot file as a set of (msgctxt, msgid,
    msgid_plural, flags): what translators get, without the header, the
    dates and the source line numbers."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    out = set()
    for block in text.strip().split('\n\n'):
        if block.lstrip().startswith('#~'):
            continue
        fields = {}
        flags = ''
        key = None
        for line in block.split('\n'):
            if line.startswith('#,'):
                flags = ','.join(sorted(x.strip() for x in line[2:].split(',') if x.strip() != 'fuzzy'))
            elif line.startswith('#'):
                continue
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
            else:
                m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
                if m:
                    key = m.group(1)
                    fields[key] = m.group(2)
        if fields.get('msgid'):
            out.add((fields.get('msgctxt'), fields['msgid'], fields.get('msgid_plural'), flags))
    return out


def check_pot(root, pot=None):
    pot = pot or os.path.join(root, 'po', PACKAGE + '.pot')
    if not os.path.isfile(pot):
        return fail(f'po/{PACKAGE}.pot is missing: run `ninja -C BUILDDIR {PACKAGE}-pot` and commit it')
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, PACKAGE + '.pot')
        if not extract_template(root, fresh):
            return fail('xgettext could not extract the template')
        have, want = messages(pot), messages(fresh)
    status = 0
    for ctx, msgid, plural, flags in sorted(want - have, key=str):
        status = fail(f'po/{PACKAGE}.pot lacks {msgid!r}' + (f' (context {ctx!r})' if ctx else ''))
    for ctx, msgid, plural, flags in sorted(have - want, key=str):
        status = fail(f'po/{PACKAGE}.pot still has {msgid!r}, which the sources no longer use (or flags changed)')
    if status:
        print(f'the template is stale: run `ninja -C BUILDDIR {PACKAGE}-pot` and commit po/{PACKAGE}.pot')
    else:
        print(f'ok: po/{PACKAGE}.pot has the {len(want)} messages of the current sources')
    return status


def check_unmarked(root):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import check_unmarked as cu
    found = cu.scan_tree(root)
    for rel, line, text, where in found:
        print(f'FAIL: {rel}:{line}: {text!r} ({where}) is shown to the user but not marked for '
              f'translation: wrap it in _() (C) or add translatable="yes" (.ui); a deliberate '
              f'exception needs a no-i18n comment')
    if not found:
        print('ok: every user-visible string in src/ and data/ is marked for translation')
    return 1 if found else 0


def selftest(root):
    """TAP: the checkers catch what they are for."""
    import shutil
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import check_unmarked as cu
    fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures')
    results = []

    def expected(path):
        # A fixture names what must be found on lines saying EXPECT: text
        with open(path, encoding='utf-8') as f:
            return sorted(re.findall(r'EXPECT: (.*?)\s*(?:\*/|-->)?$', f.read(), re.M))

    for name, scan in (('unmarked.c', cu.scan_c), ('unmarked.ui', cu.scan_ui)):
        path = os.path.join(fixtures, name)
        got = sorted(t for _, t, _ in scan(path))
        want = expected(path)
        results.append((got == want, f'{name}: finds exactly the planted unmarked strings',
                        f'found {got}, expected {want}'))

    with tempfile.TemporaryDirectory() as tmp:
        tree = os.path.join(tmp, 'tree')
        for sub in ('src', 'data', 'po'):
            os.makedirs(os.path.join(tree, sub))
        shutil.copy(os.path.join(fixtures, 'unmarked.c'), os.path.join(tree, 'src', 'planted.c'))
        with open(os.path.join(tree, 'po', 'POTFILES.in'), 'w', encoding='utf-8') as f:
            f.write('# nothing listed\n')
        found = cu.scan_tree(tree)
        results.append((any(rel == os.path.join('src', 'planted.c') for rel, *_ in found),
                        'a planted unmarked string in a source tree makes `unmarked` fail', repr(found)))
        with open(os.devnull, 'w') as null:
            saved, sys.stdout = sys.stdout, null
            try:
                missing = check_potfiles(tree)
                with open(os.path.join(tree, 'po', 'POTFILES.in'), 'w', encoding='utf-8') as f:
                    f.write('src/planted.c\n')
                listed = check_potfiles(tree)
                shutil.copy(os.path.join(root, 'po', PACKAGE + '.pot'), os.path.join(tree, 'po', PACKAGE + '.pot'))
                stale = check_pot(tree)
            finally:
                sys.stdout = saved
        results.append((missing != 0 and listed == 0,
                        'a file with marked strings missing from POTFILES.in makes `potfiles` fail',
                        f'unlisted: {missing}, listed: {listed}'))
        results.append((stale != 0, 'a template that does not match the sources makes `pot` fail', ''))

    print('1..%d' % len(results))
    status = 0
    for n, (ok, what, detail) in enumerate(results, start=1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', n, what))
        if not ok:
            print('# ' + detail)
            status = 1
    return status


def main(argv):
    if len(argv) >= 3 and argv[1] == 'potfiles':
        return check_potfiles(argv[2])
    if len(argv) >= 4 and argv[1] == 'po':
        return check_po(argv[2], argv[3])
    if len(argv) >= 3 and argv[1] == 'unmarked':
        return check_unmarked(argv[2])
    if len(argv) >= 3 and argv[1] == 'pot':
        return check_pot(argv[2])
    if len(argv) >= 3 and argv[1] == 'selftest':
        return selftest(argv[2])
    print('usage: check-translations.py potfiles|po|unmarked|pot|selftest SOURCE_ROOT [LANG]')
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
