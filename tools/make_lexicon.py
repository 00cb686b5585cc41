#!/usr/bin/env python3
"""Compile the word lists in lib/data/ into the C tables lib/lexicon.c uses.

    make_lexicon.py --data lib/data --user lib/lexicon.c -o lexicon_tables.h \
        iso4_abbrevs particles months ...

Each name on the command line is a list the code uses: <data>/<name>.txt.
lib/meson.build passes the names and runs this at build time; the output is
a header of static const tables that only lib/lexicon.c includes.

A list file is UTF-8, one entry a line. It opens with comment lines:

    # particles: what the list is and which lookup reads it
    # source: typed from knowledge / the openly licensed source and licence
    # match: exact | caseless | prefix
    # index: hash | first-byte | first-letter     (optional)
    # columns: word | word|int | split|joined     (optional, default word)

match: exact      byte for byte; sorted in byte order (strcmp's)
       caseless   ASCII letters without case; emitted lower-cased, sorted in
                  the byte order of the lower-cased words
       prefix     the entry starts the input, byte for byte.
                  split|joined (a split phrase): kept sorted, at most 15
                  bytes, and no entry may start another.
                  word (a phrase list): sorted in byte order, emitted as
                  {text, length} with lex_<name>_at[257], the entries with
                  first byte c being [at[c], at[c + 1]); an entry may start
                  another (the lookup answers the longest), and one written
                  between double quotes keeps the spaces at its ends
                  ('", ed. "' is the four bytes and spaces between them)
index: hash         an open-addressing table (FNV-1a, linear probing, a power
                    of two at least 8 times the entries), lex_<name>_slot
       first-byte   a bit LEX_FB_<NAME> in lex_first_byte[256] for each first
                    byte an entry has (both cases of a letter when caseless)
       first-letter lex_<name>_at[27]: the entries starting with 'a' + k are
                    [at[k], at[k + 1])

The build fails (exit 1, each fault as file:line: message) on
  - an entry given twice (for word|int: the same word with another value is
    a conflict, reported as such),
  - a list file in <data> that is not named on the command line, or a named
    list whose table (lex_<name>) the --user source never mentions: a list
    no code uses,
  - a missing or unknown header field, a malformed entry.
An unsorted file is no fault: the tables are sorted here.
Python 3 standard library only.
"""

import argparse
import os
import re
import sys

MATCHES = ('exact', 'caseless', 'prefix')
INDEXES = ('hash', 'first-byte', 'first-letter')
COLUMNS = ('word', 'word|int', 'split|joined')
PREFIX_MAX = 15  # char w[16] in the table, NUL included


class List:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.fields = {}
        self.entries = []  # (key, value or None, line number)


def fold(s):
    """ASCII letters to lower case, every other byte as it is."""
    return s.encode('utf-8').lower().decode('utf-8')


def c_string(s):
    out = []
    for ch in s:
        if ch in '"\\':
            out.append('\\' + ch)
        else:
            out.append(ch)
    return '"' + ''.join(out) + '"'


def fnv1a(b):
    h = 2166136261
    for c in b:
        h = ((h ^ c) * 16777619) & 0xFFFFFFFF
    return h


def read_list(lst, errors):
    def fault(line, msg):
        errors.append('%s:%d: %s' % (lst.path, line, msg))

    try:
        with open(lst.path, encoding='utf-8') as f:
            lines = f.read().split('\n')
    except (OSError, UnicodeDecodeError) as e:
        errors.append('%s: %s' % (lst.path, e))
        return
    if lines and lines[-1] == '':
        lines.pop()
    in_header = True
    for no, text in enumerate(lines, 1):
        if text.startswith('#'):
            m = re.match(r'#\s*(source|match|index|columns):\s*(.*)$', text)
            if m and in_header:
                lst.fields[m.group(1)] = (m.group(2).strip(), no)
            continue
        in_header = False
        if text == '':
            continue
        quoted = (lst.fields.get('match', ('',))[0] == 'prefix' and
                  lst.fields.get('columns', ('word',))[0] == 'word' and
                  len(text) >= 2 and text[0] == '"' and text[-1] == '"')
        if quoted:
            text = text[1:-1]
            if text == '' or '"' in text or any(ord(c) < 0x20 for c in text):
                fault(no, 'quoted entry empty, with a control character or '
                      'an inner \'"\': %r' % text)
                continue
            lst.entries.append((text, no))
            continue
        if text.startswith('"') and lst.fields.get('match', ('',))[0] == 'prefix':
            fault(no, 'entry %r opens a quote it does not close' % text)
            continue
        if text != text.strip() or any(ord(c) < 0x20 for c in text):
            fault(no, 'entry with surrounding white space or a control '
                  'character: %r' % text)
            continue
        lst.entries.append((text, no))

    for key in ('source', 'match'):
        if key not in lst.fields:
            fault(1, 'no "# %s:" line in the header' % key)
    match = lst.fields.get('match', ('exact', 0))
    index = lst.fields.get('index', ('', 0))
    columns = lst.fields.get('columns', ('word', 0))
    if match[0] not in MATCHES:
        fault(match[1], 'match %r is none of %s' % (match[0], '|'.join(MATCHES)))
    if index[0] and index[0] not in INDEXES:
        fault(index[1], 'index %r is none of %s' % (index[0], '|'.join(INDEXES)))
    if columns[0] not in COLUMNS:
        fault(columns[1], 'columns %r is none of %s' % (columns[0], ', '.join(COLUMNS)))
    if match[0] == 'prefix' and columns[0] not in ('split|joined', 'word'):
        fault(match[1], 'a prefix list has the columns split|joined or word')
    if match[0] != 'prefix' and columns[0] == 'split|joined':
        fault(columns[1], 'split|joined columns are for a prefix list')
    if match[0] == 'prefix' and columns[0] == 'word' and index[0]:
        fault(index[1], 'a prefix list of words has its own first-byte index')
    if index[0] == 'hash' and (match[0] != 'exact' or columns[0] != 'word'):
        fault(index[1], 'a hash index is for an exact list of words')
    if index[0] == 'first-letter' and match[0] != 'caseless':
        fault(index[1], 'a first-letter index is for a caseless list')
    lst.match, lst.index, lst.columns = match[0], index[0], columns[0]

    parsed = []
    for text, no in lst.entries:
        value = None
        if lst.columns != 'word':
            parts = text.split('|')
            if len(parts) != 2 or not parts[0] or not parts[1]:
                fault(no, 'entry %r is not %s' % (text, lst.columns))
                continue
            text, value = parts
            if lst.columns == 'word|int':
                if not re.fullmatch(r'[0-9]{1,9}', value):
                    fault(no, 'value %r is no number' % value)
                    continue
                value = int(value)
        elif '|' in text:
            fault(no, 'entry %r has a "|" but the list has one column' % text)
            continue
        if lst.match == 'caseless':
            text = fold(text)
        parsed.append((text, value, no))

    # duplicates: the same key twice; with another value it is a conflict
    first = {}
    for key, value, no in parsed:
        if key in first:
            v0, n0 = first[key]
            if value == v0:
                fault(no, 'duplicate entry %r (first at line %d)' % (key, n0))
            else:
                fault(no, 'conflicting entry %r: %r here, %r at line %d'
                      % (key, value, v0, n0))
        else:
            first[key] = (value, no)

    lst.entries = sorted(parsed, key=lambda e: e[0].encode('utf-8'))
    if lst.match == 'prefix' and lst.columns == 'split|joined':
        keys = [e[0] for e in lst.entries]
        for key, _, no in lst.entries:
            if len(key.encode('utf-8')) > PREFIX_MAX:
                fault(no, 'split form %r is longer than %d bytes' % (key, PREFIX_MAX))
            for other in keys:
                if other != key and other.startswith(key):
                    fault(no, '%r starts %r: the match would be ambiguous' % (key, other))
    if lst.index == 'first-letter':
        for key, _, no in lst.entries:
            if not ('a' <= key[0] <= 'z'):
                fault(no, 'entry %r does not start with an ASCII letter' % key)
        if len(lst.entries) > 255:
            fault(1, 'more than 255 entries for a first-letter index')
    if not lst.entries:
        fault(1, 'no entries')


def emit(lists, out):
    w = out.append
    w('/* Generated by tools/make_lexicon.py from the lists in lib/data/: edit')
    w(' * those, not this. Included by lib/lexicon.c only. */')
    w('#ifndef RP_LEXICON_TABLES_H')
    w('#define RP_LEXICON_TABLES_H')
    w('')
    w('#include <stddef.h>')
    fb_lists = [l for l in lists if l.index == 'first-byte']
    for lst in lists:
        up = lst.name.upper()
        n = len(lst.entries)
        w('')
        w('/* lib/data/%s.txt: %d entries, match %s%s */'
          % (lst.name, n, lst.match, ', index ' + lst.index if lst.index else ''))
        lens = [len(key.encode('utf-8')) for key, _, _ in lst.entries]
        w('#define LEX_%s_COUNT %du' % (up, n))
        w('#define LEX_%s_MINLEN %du /* bytes */' % (up, min(lens)))
        w('#define LEX_%s_MAXLEN %du' % (up, max(lens)))
        if lst.match == 'prefix' and lst.columns == 'word':
            w('static const rpi_lex_phrase lex_%s[] = {' % lst.name)
            for key, _, _ in lst.entries:
                w('    {%s, %d},' % (c_string(key), len(key.encode('utf-8'))))
            w('    {NULL, 0}};')
            at = [0] * 257
            for key, _, _ in lst.entries:
                at[key.encode('utf-8')[0] + 1] += 1
            for c in range(256):
                at[c + 1] += at[c]
            w('/* the entries with first byte c: [at[c], at[c + 1]) */')
            w('static const unsigned short lex_%s_at[257] = {%s};'
              % (lst.name, ', '.join(map(str, at))))
        elif lst.columns == 'word':
            w('static const char *const lex_%s[] = {' % lst.name)
            for key, _, _ in lst.entries:
                w('    %s,' % c_string(key))
            w('    NULL};')
        elif lst.columns == 'word|int':
            w('static const struct {')
            w('  const char *w;')
            w('  int v;')
            w('} lex_%s[] = {' % lst.name)
            for key, value, _ in lst.entries:
                w('    {%s, %d},' % (c_string(key), value))
            w('    {NULL, 0}};')
        else:
            w('static const struct {')
            w('  char w[%d]; /* in the table: one load less than a pointer */' % (PREFIX_MAX + 1))
            w('  size_t len;')
            w('  const char *v;')
            w('} lex_%s[] = {' % lst.name)
            for key, value, _ in lst.entries:
                w('    {%s, %d, %s},' % (c_string(key), len(key.encode('utf-8')), c_string(value)))
            w('};')
        if lst.index == 'hash':
            slots = 1
            while slots < 8 * n:
                slots *= 2
            table = [None] * slots
            for key, _, _ in lst.entries:
                h = fnv1a(key.encode('utf-8')) & (slots - 1)
                while table[h] is not None:
                    h = (h + 1) & (slots - 1)
                table[h] = key
            w('#define LEX_%s_SLOTS %du' % (up, slots))
            w('static const char *const lex_%s_slot[LEX_%s_SLOTS] = {' % (lst.name, up))
            for h, key in enumerate(table):
                if key is not None:
                    w('    [%d] = %s,' % (h, c_string(key)))
            w('};')
        if lst.index == 'first-letter':
            at = []
            for k in range(27):
                c = chr(ord('a') + k)
                at.append(sum(1 for key, _, _ in lst.entries if key[0] < c) if k < 26
                          else n)
            w('static const unsigned char lex_%s_at[27] = {%s};' % (lst.name, ', '.join(map(str, at))))
    if fb_lists:
        w('')
        w('/* lex_first_byte[c] has bit LEX_FB_<LIST> when some entry of that list')
        w(' * starts with byte c (either case of a letter for a caseless list). */')
        w('enum {')
        for bit, lst in enumerate(fb_lists):
            w('  LEX_FB_%s = %d,' % (lst.name.upper(), 1 << bit))
        w('};')
        bits = [0] * 256
        for bit, lst in enumerate(fb_lists):
            for key, _, _ in lst.entries:
                c = key.encode('utf-8')[0]
                bits[c] |= 1 << bit
                if lst.match == 'caseless' and ord('a') <= c <= ord('z'):
                    bits[c - 32] |= 1 << bit
        w('static const unsigned char lex_first_byte[256] = {')
        for c in range(256):
            if bits[c]:
                names = [('LEX_FB_' + l.name.upper()) for b, l in enumerate(fb_lists) if bits[c] >> b & 1]
                ch = chr(c)
                label = "'\\''" if ch == "'" else ("'%s'" % ch if 0x20 < c < 0x7f and ch != '\\' else str(c))
                w('    [%s] = %s,' % (label, ' | '.join(names)))
        w('};')
    w('')
    w('#endif')


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', required=True, help='the folder of list files')
    ap.add_argument('--user', action='append', default=[],
                    help='a C source that must mention each lex_<name> table')
    ap.add_argument('-o', '--output', help='the header to write (none: check only)')
    ap.add_argument('names', nargs='+', help='the lists the code uses')
    args = ap.parse_args(argv)

    errors = []
    names = list(dict.fromkeys(args.names))
    for name in names:
        if not re.fullmatch(r'[a-z][a-z0-9_]*', name):
            errors.append('%s: a list name is lower-case letters, digits and _' % name)
    try:
        present = sorted(f[:-4] for f in os.listdir(args.data) if f.endswith('.txt'))
    except OSError as e:
        errors.append('%s: %s' % (args.data, e))
        present = []
    for name in present:
        if name not in names:
            errors.append('%s: list %r is used by no code (not among the lists '
                          'lib/meson.build passes to the generator)'
                          % (os.path.join(args.data, name + '.txt'), name))
    users = []
    for path in args.user:
        try:
            with open(path, encoding='utf-8') as f:
                users.append(f.read())
        except OSError as e:
            errors.append('%s: %s' % (path, e))
    lists = []
    for name in names:
        path = os.path.join(args.data, name + '.txt')
        if name not in present:
            errors.append('%s: no such list file' % path)
            continue
        if args.user and not any(re.search(r'\blex_%s\b' % name, u) for u in users):
            errors.append('%s: list %r is used by no code (%s never reads lex_%s)'
                          % (path, name, ', '.join(args.user), name))
        lst = List(name, path)
        read_list(lst, errors)
        lists.append(lst)
    if len([l for l in lists if getattr(l, 'index', '') == 'first-byte']) > 8:
        errors.append('more than 8 lists with a first-byte index (one byte of bits)')
    if errors:
        for e in errors:
            print('make_lexicon: ' + e, file=sys.stderr)
        return 1
    if args.output:
        out = []
        emit(lists, out)
        text = '\n'.join(out) + '\n'
        tmp = args.output + '.tmp'
        with open(tmp, 'w', encoding='utf-8', newline='\n') as f:
            f.write(text)
        os.replace(tmp, args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
