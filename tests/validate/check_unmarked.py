"""Finds strings a user can see that are not marked for translation.

Used by check-translations.py (modes `unmarked` and `unmarked-selftest`).

C files: a string literal with a letter in it, passed to a call that shows
text to the user (VISIBLE_ARGS, *_set_title/_subtitle/... of GTK and
libadwaita, accessible labels and descriptions, notifications, GError
messages, command-line option help), and not inside _(), N_(), C_(), NC_()
or g_d*gettext().  GOptionEntry descriptions count too, and so does every
string of a plain string array that the file translates at run time
(`_(names[i])`): xgettext only extracts the ones marked N_().  (Arrays of
structs translated field by field, `_(rows[i].title)`, are not checked.)

.ui files: a label/title/subtitle/tooltip/placeholder/text/description/...
property, a menu label attribute, an accessible label or description, a
GtkStringList item, or an AdwMessageDialog response, with a letter in it and
without translatable="yes".

A deliberate untranslated string is allowed with a marker: `no-i18n` in a
comment on the same line of C (/* no-i18n */), or an XML comment containing
`no-i18n` right before the element in a .ui file.
"""

import os
import re
import xml.etree.ElementTree as ET

MARKERS = {'_', 'N_', 'C_', 'NC_', 'Q_', 'gettext', 'ngettext', 'dgettext', 'dngettext',
           'g_dgettext', 'g_dngettext', 'g_dcgettext', 'g_dpgettext', 'g_dpgettext2',
           'g_strip_context'}

# function -> indexes (0-based) of the arguments a user sees.  'pairs:N'
# means every second argument from N on (label of an id/label list).
VISIBLE_ARGS = {
    'gtk_label_new': [0],
    'gtk_label_new_with_mnemonic': [0],
    'gtk_button_new_with_label': [0],
    'gtk_button_new_with_mnemonic': [0],
    'gtk_check_button_new_with_label': [0],
    'gtk_check_button_new_with_mnemonic': [0],
    'gtk_toggle_button_new_with_label': [0],
    'gtk_toggle_button_new_with_mnemonic': [0],
    'gtk_link_button_new_with_label': [1],
    'gtk_menu_button_set_label': [1],
    'gtk_string_list_append': [1],
    'gtk_file_chooser_native_new': [0, 3, 4],
    'gtk_file_filter_set_name': [1],
    'gtk_shortcut_label_set_disabled_text': [1],
    'gtk_progress_bar_set_text': [1],
    'gtk_level_bar_add_offset_value': [],
    'gtk_picture_set_alternative_text': [1],
    'gtk_window_set_title': [1],
    'adw_window_title_new': [0, 1],
    'adw_toast_new': [0],
    'adw_toast_new_format': [0],
    'adw_message_dialog_new': [1, 2],
    'adw_message_dialog_format_heading': [1],
    'adw_message_dialog_format_body': [1],
    'adw_message_dialog_format_body_markup': [1],
    'adw_message_dialog_add_response': [2],
    'adw_message_dialog_add_responses': ['pairs:2'],
    'adw_message_dialog_set_response_label': [2],
    'adw_about_window_set_application_name': [1],
    'adw_about_window_set_comments': [1],
    'adw_about_window_set_developer_name': [1],
    'adw_about_window_set_release_notes': [1],
    'adw_about_window_set_copyright': [1],
    'adw_about_window_add_legal_section': [1, 2, 4],
    'adw_about_window_add_credit_section': [1],
    'adw_about_window_add_acknowledgement_section': [1],
    'gtk_stack_add_titled': [3],
    'g_menu_item_new': [0],
    'g_menu_append': [1],
    'g_menu_prepend': [1],
    'g_menu_insert': [2],
    'g_menu_append_section': [1],
    'g_menu_append_submenu': [1],
    'g_menu_item_set_label': [1],
    'adw_view_stack_add_titled': [3],
    'adw_view_stack_add_titled_with_icon': [3],
    'adw_tab_page_set_title': [1],
    'g_notification_new': [0],
    'g_notification_set_title': [1],
    'g_notification_set_body': [1],
    'g_notification_add_button': [1],
    'g_notification_add_button_with_target': [1],
    'g_notification_add_button_with_target_value': [1],
    'g_application_set_option_context_summary': [1],
    'g_application_set_option_context_description': [1],
    'g_application_set_option_context_parameter_string': [1],
    'g_application_add_main_option': [4, 5],
    'g_option_context_new': [0],
    'g_option_context_set_summary': [1],
    'g_option_context_set_description': [1],
    'g_option_group_new': [1, 2],
    'g_set_error': [3],
    'g_set_error_literal': [3],
    'g_error_new': [2],
    'g_error_new_literal': [2],
    'g_task_return_new_error': [3],
    'g_prefix_error': [1],
    'g_propagate_prefixed_error': [2],
    'g_printerr': [0],
}

# Any GTK/libadwaita setter of these takes the text as its second argument.
SETTER = re.compile(r'^(?:gtk|adw)_\w+_set_(?:title|subtitle|description|heading|body|label|text|'
                    r'markup|tooltip_text|tooltip_markup|placeholder_text|button_label|'
                    r'text_with_mnemonic|markup_with_mnemonic|secondary_text|alternative_text)$')

ACCESSIBLE_TEXT = {'GTK_ACCESSIBLE_PROPERTY_LABEL', 'GTK_ACCESSIBLE_PROPERTY_DESCRIPTION',
                   'GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT', 'GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER',
                   'GTK_ACCESSIBLE_PROPERTY_ROLE_DESCRIPTION'}

UI_PROPERTIES = {'label', 'title', 'subtitle', 'tooltip-text', 'tooltip-markup', 'placeholder-text',
                 'text', 'description', 'heading', 'body', 'button-label', 'secondary-text',
                 'alternative-text', 'accessible-name', 'accessible-description'}


def has_words(text):
    """True when a string holds something to translate: letters, once
    printf conversions, escapes and markup tags are taken out."""
    text = re.sub(r'<[^<>]*>', '', text)
    text = re.sub(r'&\w+;', '', text)
    text = re.sub(r'\\(?:[ntr"\\\'0]|x[0-9a-fA-F]+|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})', '', text)
    text = re.sub(r"%[-+ #0']*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcsp%]", '', text)
    text = re.sub(r'%"\s*$', '', text)
    return re.search(r'[^\W\d_]', text) is not None


class CSource:
    """A C file as tokens: identifiers, string literals and punctuation,
    each with its line; comments and preprocessor lines left out."""

    TOKEN = re.compile(r'''
        (?P<comment>/\*.*?\*/|//[^\n]*)
      | (?P<string>"(?:[^"\\\n]|\\.)*")
      | (?P<char>'(?:[^'\\\n]|\\.)*')
      | (?P<ident>[A-Za-z_]\w*)
      | (?P<number>\d[\w.]*)
      | (?P<punct>[(){}\[\],;])
      | (?P<other>[^\s\w])
      | (?P<space>\s+)
    ''', re.S | re.X)

    def __init__(self, text):
        self.lines = text.split('\n')
        self.tokens = []
        line = 1
        text = re.sub(r'^[ \t]*#(?:[^\n]*\\\n)*[^\n]*', lambda m: '\n' * m.group(0).count('\n'), text,
                      flags=re.M)
        for m in self.TOKEN.finditer(text):
            kind = m.lastgroup
            value = m.group(0)
            if kind not in ('comment', 'space'):
                self.tokens.append((kind, value, line))
            line += value.count('\n')

    def calls(self):
        """Yields (name, [argument token lists], line) for every call."""
        toks = self.tokens
        for i in range(len(toks) - 1):
            if toks[i][0] == 'ident' and toks[i + 1][1] == '(':
                args, _ = self.split(i + 1, '(', ')')
                yield toks[i][1], args, toks[i][2]

    def initializers(self):
        """Yields the element token lists of every { ... } initializer."""
        for i, tok in enumerate(self.tokens):
            if tok[1] == '{':
                args, _ = self.split(i, '{', '}')
                yield args

    def translated_arrays(self):
        """Yields (name, [element token lists]) for every array NAME[] = {...}
        of this file that is also translated at run time as _(NAME[...])."""
        toks = self.tokens
        names = set()
        for i in range(len(toks) - 3):
            if (toks[i][0] == 'ident' and toks[i][1] in MARKERS and toks[i + 1][1] == '('
                    and toks[i + 2][0] == 'ident' and toks[i + 3][1] == '['):
                names.add(toks[i + 2][1])
        for i in range(len(toks) - 4):
            if (toks[i][0] == 'ident' and toks[i][1] in names and toks[i + 1][1] == '['
                    and toks[i + 2][1] == ']' and toks[i + 3][1] == '=' and toks[i + 4][1] == '{'):
                elems, _ = self.split(i + 4, '{', '}')
                yield toks[i][1], elems

    def split(self, start, open_, close):
        """The comma-separated parts between the bracket at start and its
        match, each a list of tokens; and the index after the match."""
        depth = 0
        parts = [[]]
        i = start
        while i < len(self.tokens):
            kind, value, line = self.tokens[i]
            if value in '([{':
                depth += 1
                if depth > 1:
                    parts[-1].append(self.tokens[i])
            elif value in ')]}':
                depth -= 1
                if depth == 0:
                    return [p for p in parts if p] if parts != [[]] else [], i + 1
                parts[-1].append(self.tokens[i])
            elif value == ',' and depth == 1:
                parts.append([])
            elif value == ';' and open_ == '(':
                break
            else:
                parts[-1].append(self.tokens[i])
            i += 1
        return [p for p in parts if p], i

    @staticmethod
    def unmarked_literals(expr):
        """String literals in an argument that no marking call encloses,
        as (text, line)."""
        found = []
        stack = []
        prev = None
        for kind, value, line in expr:
            if value == '(':
                stack.append(prev[1] if prev and prev[0] == 'ident' else None)
            elif value == ')':
                if stack:
                    stack.pop()
            elif kind == 'string':
                if not any(name in MARKERS for name in stack):
                    found.append((value[1:-1], line))
            prev = (kind, value)
        return found


# Properties set by name (g_object_new/g_object_set) that a user reads.
OBJECT_PROPERTIES = UI_PROPERTIES | {'comments', 'developer-name', 'application-name', 'release-notes',
                                     'copyright', 'translator-credits', 'primary-text', 'secondary-text'}


def visible_args(name, args):
    if name in ('g_object_new', 'g_object_set', 'gtk_widget_class_install_property_action'):
        out = []
        for k in range(1, len(args) - 1, 2):
            key = args[k]
            if len(key) == 1 and key[0][0] == 'string' and key[0][1][1:-1] in OBJECT_PROPERTIES:
                out.append(args[k + 1])
        return out
    if name == 'gtk_accessible_update_property' or name == 'gtk_accessible_update_state':
        out = []
        for k in range(1, len(args) - 1):
            if len(args[k]) == 1 and args[k][0][1] in ACCESSIBLE_TEXT:
                out.append(args[k + 1])
        return out
    spec = VISIBLE_ARGS.get(name)
    if spec is None:
        if SETTER.match(name):
            spec = [1]
        else:
            return []
    out = []
    for s in spec:
        if isinstance(s, str) and s.startswith('pairs:'):
            out.extend(args[int(s[6:])::2])
        elif s < len(args):
            out.append(args[s])
    return out


def scan_c(path, text=None):
    """[(line, text, where)] for unmarked visible strings in a C file."""
    if text is None:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    src = CSource(text)
    findings = []

    def report(literals, where):
        for s, line in literals:
            if not has_words(s):
                continue
            if 'no-i18n' in src.lines[line - 1]:
                continue
            findings.append((line, s, where))

    for name, args, line in src.calls():
        for arg in visible_args(name, args):
            report(CSource.unmarked_literals(arg), name)
    for elems in src.initializers():
        if any(len(e) == 1 and e[0][1].startswith('G_OPTION_ARG_') for e in elems[:5]):
            for e in elems[5:7]:
                report(CSource.unmarked_literals(e), 'GOptionEntry')
    for name, elems in src.translated_arrays():
        for e in elems:
            if all(kind == 'string' for kind, _, _ in e):
                report(CSource.unmarked_literals(e), '_(%s[...])' % name)
    return sorted(set(findings))


class CommentedTreeBuilder(ET.TreeBuilder):
    def __init__(self):
        super().__init__(insert_comments=True)


def scan_ui(path, text=None):
    """[(line, text, where)] for untranslatable visible text in a .ui file."""
    if text is None:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    parser = ET.XMLParser(target=CommentedTreeBuilder())
    parser.feed(text)
    root = parser.close()
    lines = text.split('\n')
    findings = []

    def line_of(value):
        for n, l in enumerate(lines, start=1):
            if value.split('\n')[0] in l:
                return n
        return 0

    def check(elem, where, prev):
        value = (elem.text or '').strip()
        if not value or not has_words(value):
            return
        if elem.get('translatable', 'no').lower() in ('yes', 'true', '1'):
            return
        if prev is not None and prev.tag is ET.Comment and 'no-i18n' in (prev.text or ''):
            return
        if 'no-i18n' in (elem.get('comments') or ''):
            return
        findings.append((line_of(value), value, where))

    def walk(parent):
        prev = None
        for elem in parent:
            tag = elem.tag
            if tag == 'property' and elem.get('name') in UI_PROPERTIES:
                if elem.find('*') is None and elem.get('bind-source') is None:
                    check(elem, 'property ' + elem.get('name'), prev)
            elif tag == 'attribute' and elem.get('name') in ('label', 'title'):
                check(elem, 'attribute ' + elem.get('name'), prev)
            elif tag == 'item' and parent.tag == 'items':
                check(elem, 'item', prev)
            elif tag == 'response':
                check(elem, 'response', prev)
            if tag is not ET.Comment:
                walk(elem)
            prev = elem
    walk(root)
    return sorted(set(findings))


def scan_tree(root):
    """[(relative path, line, text, where)] over src/ and data/."""
    out = []
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if name.endswith('.c'):
                    found = scan_c(path)
                elif name.endswith('.ui'):
                    found = scan_ui(path)
                else:
                    continue
                out.extend((rel, line, s, where) for line, s, where in found)
    return out
