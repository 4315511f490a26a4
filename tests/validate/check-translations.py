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


def main(argv):
    if len(argv) >= 3 and argv[1] == 'potfiles':
        return check_potfiles(argv[2])
    if len(argv) >= 4 and argv[1] == 'po':
        return check_po(argv[2], argv[3])
    print(__doc__ or 'usage: check-translations.py potfiles|po SOURCE_ROOT [LANG]')
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
