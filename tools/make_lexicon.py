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
       journal    title|abbreviation rows looked up by key (jnorm below),
                  with columns full|abbrev and index hash: conflicts are
                  resolved by rule (resolve_journals) and written to
                  --report; the same row twice is still a fault
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
                    of two at least 8 times the entries), lex_<name>_slot:
                    each used slot holds its entry's index + 1 (16 bits)
       first-byte   a bit LEX_FB_<NAME> in lex_first_byte[256] for each first
                    byte an entry has (both cases of a letter when caseless),
                    and, for a list of words, lex_<name>_at[257]: the entries
                    with first byte c (lower case when caseless) are
                    [at[c], at[c + 1])
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

MATCHES = ('exact', 'caseless', 'prefix', 'journal')
INDEXES = ('hash', 'first-byte', 'first-letter')
COLUMNS = ('word', 'word|int', 'split|joined', 'full|abbrev')
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
    if (match[0] == 'journal') != (columns[0] == 'full|abbrev') or \
            (match[0] == 'journal' and index[0] != 'hash'):
        fault(match[1], 'a journal list has the columns full|abbrev and a hash index')
    if index[0] == 'hash' and match[0] != 'journal' and (match[0] != 'exact' or columns[0] != 'word'):
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
    # (a journal list: the same row twice; its conflicts are resolved below)
    first = {}
    for key, value, no in parsed:
        if lst.match == 'journal':
            key = (key, value)
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
    if lst.match == 'journal':
        lst.journals = resolve_journals(lst, fault)
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


# ---- journal lists (match: journal, columns: full|abbrev) ----------------
#
# A printed container is looked up by its key (jnorm; lib/lexicon.c's
# journal_key does the same, byte for byte): ASCII letters lower-cased;
# accents of U+00C0..U+00FF dropped (JFOLD); . , : ; - ( ) / " [ ] ' tab
# and space separate words; "&" is the word "and"; a leading article
# (JARTICLES) is dropped; words joined by one space.
#   "J. Biol. Chem." and "J Biol Chem" -> "j biol chem"
#   "The Journal of Biological Chemistry" -> "journal of biological chemistry"
JSEP = frozenset(b' \t.,:;-()/"[]\'')
# a leading article, dropped from a key when more words follow
JARTICLES = (b'the', b'la', b'le', b'les', b'l', b'il', b'el', b'der', b'die', b'das')
# U+00C0..U+00FF (UTF-8 0xC3 0x80..0xBF) as keys spell them: a letter
# without its accent, lower-cased ("für" and "fur" are one key); "" keeps
# the character. Emitted as lex_journal_fold for lib/lexicon.c.
JFOLD = ['a', 'a', 'a', 'a', 'a', 'a', 'ae', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
         '', 'n', 'o', 'o', 'o', 'o', 'o', '', 'o', 'u', 'u', 'u', 'u', 'y', '', 'ss',
         'a', 'a', 'a', 'a', 'a', 'a', 'ae', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
         '', 'n', 'o', 'o', 'o', 'o', 'o', '', 'o', 'u', 'u', 'u', 'u', 'y', '', 'y']


def jnorm(s):
    words, cur = [], bytearray()
    b = s.encode('utf-8')
    i = 0
    while i < len(b):
        c = b[i]
        i += 1
        if c == 0xC3 and i < len(b) and 0x80 <= b[i] <= 0xBF and JFOLD[b[i] - 0x80]:
            cur += JFOLD[b[i] - 0x80].encode()
            i += 1
            continue
        if c in JSEP or c == ord('&'):
            if cur:
                words.append(bytes(cur))
                cur = bytearray()
            if c == ord('&'):
                words.append(b'and')
        else:
            cur.append(c + 32 if ord('A') <= c <= ord('Z') else c)
    if cur:
        words.append(bytes(cur))
    if len(words) > 1 and words[0] in JARTICLES:
        words = words[1:]
    return b' '.join(words)


def odd_case(s):
    """Words printed in an odd case: "IMAging", or a long word without its
    capital ("biological"): the fewer, the better a title to show."""
    n = 0
    for w in s.split():
        letters = [c for c in w if c.isalpha()]
        if len(letters) > 1 and any(c.isupper() for c in letters[1:]) and \
                any(c.islower() for c in letters):
            n += 1
        elif len(letters) >= 4 and letters[0].islower():
            n += 1
    return n


def is_subseq(a, b):
    it = iter(b)
    return all(c in it for c in a)


def add_dots(abbr, full):
    """A MEDLINE abbreviation (no dots) in ISO 4 form: a dot after each
    shortened word, one whose letters stand in that order in a word of the
    title that starts with the same letter but is not the word itself.
    "J Biol Chem" + "Journal of Biological Chemistry" -> "J. Biol. Chem."."""
    fwords = [w.decode('utf-8', 'replace') for w in jnorm(full).split()]
    out = []
    for w in abbr.split(' '):
        lw = w.lower()
        short = (w.isalpha() and not (w.isupper() and len(w) > 1) and lw not in fwords and
                 any(f != lw and f[0] == lw[0] and is_subseq(lw, f) for f in fwords))
        out.append(w + '.' if short else w)
    return ' '.join(out)


class Journals:
    pass


def resolve_journals(lst, fault):
    """The rows as a table: one entry per (title key, abbreviation key),
    the title and abbreviation shown for it, and which entry each key
    finds. Conflicts are resolved by fixed rules and reported:
      - a title key with two abbreviation keys: a one-word title keeps
        itself (ISO 4 abbreviates no one-word title: "Nature", not "Nat");
        else the abbreviation with dots (ISO 4), then the shorter key
        ("Z. Phys." before "Z. fur Phys."), then the one more rows give,
        then byte order;
      - an abbreviation key of two title keys is ambiguous: it finds no title.
    The title shown is the form most rows give (then the one in the best
    case, then byte order); the abbreviation shown is the one with the most
    dots, with dots added as ISO 4 has them when no list gives any."""
    j = Journals()
    j.report = []
    rows = {}
    for full, abbr, no in lst.entries:
        nf, na = jnorm(full), jnorm(abbr)
        if not nf or not na:
            j.report.append('%s:%d: no words in %r|%r: row left out' % (os.path.basename(lst.path), no, full, abbr))
            continue
        rows.setdefault((nf, na), []).append((full, abbr))
    fulls, abbrs = {}, {}
    entries = []
    derived = 0
    for (nf, na) in sorted(rows):
        rs = rows[(nf, na)]
        fcount = {}
        for f, _ in rs:
            fcount[f] = fcount.get(f, 0) + 1
        full = min(fcount, key=lambda f: (-fcount[f], odd_case(f), f.encode('utf-8')))
        acount = {}
        for _, a in rs:
            acount[a] = acount.get(a, 0) + 1
        abbr = min(acount, key=lambda a: (-a.count('.'), -acount[a], odd_case(a), a.encode('utf-8')))
        dotted = '.' in abbr
        if not dotted and na != nf:
            a2 = add_dots(abbr, full)
            if a2 != abbr:
                abbr, dotted = a2, True
                derived += 1
        e = len(entries)
        entries.append((full, abbr, nf, na, dotted, len(rs)))
        fulls.setdefault(nf, []).append(e)
        abbrs.setdefault(na, []).append(e)
    j.full_of = {}
    for nf, es in fulls.items():
        best = min(es, key=lambda e: (not (b' ' not in nf and entries[e][3] == nf),
                                      not entries[e][4], len(entries[e][3]), -entries[e][5],
                                      entries[e][3]))
        j.full_of[nf] = best
        if len(es) > 1:
            j.report.append('title %r: abbreviation %r kept, %s left out' % (
                entries[best][0], entries[best][1],
                ', '.join(repr(entries[e][1]) for e in es if e != best)))
    # a MEDLINE title with its qualifier ("Current psychology (New
    # Brunswick, N.J.)", "Medicine (Baltimore)") is printed without it: the
    # bare title finds the entry too, through an entry of its own with the
    # same abbreviation, when no other title has that key
    aliases = 0
    bare_of = {}
    for nf, best in sorted(j.full_of.items()):
        m = re.match(r'^(.*\S)\s*\([^()]*\)$', entries[best][0])
        if m:
            bare_of.setdefault(jnorm(m.group(1)), []).append((best, m.group(1)))
    for nb, found in sorted(bare_of.items()):
        # two qualified titles with one bare name ("Revista de salud
        # publica (Bogota)", "... (Mexico)") stay apart
        if len(found) != 1:
            continue
        best, bare = found[0]
        if not nb or nb in j.full_of or nb in fulls or nb in abbrs or b' ' not in nb:
            continue
        e = len(entries)
        entries.append((bare, entries[best][1], nb, entries[best][3], entries[best][4], entries[best][5]))
        j.full_of[nb] = e
        aliases += 1
    j.report.append('%d titles also found without their qualifier in brackets' % aliases)
    j.abbr_of = {}
    j.ambiguous = 0
    for na, es in abbrs.items():
        nfs = sorted(set(entries[e][2] for e in es), key=lambda k: (len(k), k))
        # a title and the same title with a subtitle or a note ("Zahnarzt",
        # "Zahnarzt; Colloquium med. dent") are one journal: the shorter
        same = all(k.startswith(nfs[0] + b' ') for k in nfs[1:])
        first = min(j.full_of[nfs[0]] if j.full_of[nfs[0]] in es else e
                    for e in es if entries[e][2] == nfs[0])
        j.abbr_of[na] = (first, not same)
        if not same:
            j.ambiguous += 1
            j.report.append('abbreviation %r: ambiguous, titles %s' % (
                entries[es[0]][1], ', '.join(repr(entries[j.full_of[f]][0]) for f in nfs)))
    conflicts = sum(1 for es in fulls.values() if len(es) > 1)
    j.entries = entries
    j.report.sort()
    j.report.insert(0, '%s: %d rows, %d entries, %d title keys, %d abbreviation keys; '
                    '%d titles with two abbreviations (one kept), %d ambiguous '
                    'abbreviations (no title), %d abbreviations given ISO 4 dots'
                    % (os.path.basename(lst.path), len(lst.entries), len(entries), len(fulls), len(abbrs),
                       conflicts, j.ambiguous, derived))
    j.keymax = max(len(k) for k in list(fulls) + list(abbrs))
    return j


def hash_slots(keys_values):
    """An open-addressing table of uint32 values, 0 empty: FNV-1a of the
    key, linear probing, a power of two at least twice the keys. A value
    (below 2**17, with bit 31 free) gets bits 18-31 of the key's hash in
    bits 17-30, so that a probe rejects most other keys without comparing
    them (LEX_JSLOT_* in lib/lexicon.c)."""
    slots = 1
    while slots < 2 * len(keys_values):
        slots *= 2
    assert slots <= 1 << 18, "slot index and fingerprint bits overlap"
    table = [0] * slots
    for key, value in keys_values:
        assert 0 < value & 0x7FFFFFFF < 1 << 17, "entry number over 17 bits"
        full = fnv1a(key)
        h = full & (slots - 1)
        while table[h]:
            h = (h + 1) & (slots - 1)
        table[h] = value | (((full >> 18) & 0x3FFF) << 17)
    return slots, table


def emit_journals(lst, w):
    j = lst.journals
    up = lst.name.upper()
    n = len(j.entries)
    text, offs = ['"\\0"'], {}
    size = 1

    def put(s):
        nonlocal size
        if s not in offs:
            offs[s] = size
            text.append(c_string(s).replace('?', '\\?')[:-1] + '\\0"')
            size += len(s.encode('utf-8')) + 1
        return offs[s]

    # bit 31 of abbr: the abbreviation's key is the title's (no other form)
    pairs = [(put(e[0]), put(e[1]) | (0x80000000 if jnorm(e[0]) == jnorm(e[1]) else 0))
             for e in j.entries]
    assert size < 0x80000000, "text offsets reach the same-key bit"
    w('#define LEX_%s_COUNT %du' % (up, n))
    w('#define LEX_%s_KEYMAX %du /* the longest key, bytes */' % (up, j.keymax))
    w('#define LEX_%s_AMBIGUOUS 0x80000000u /* an abbreviation slot: of two titles */' % up)
    w('#define LEX_%s_SAME_KEY 0x80000000u /* in .abbr: its key is the title\'s */' % up)
    w('/* U+00C0..U+00FF in a key: the letters without accent, or "" (kept) */')
    w('static const char lex_journal_fold[64][3] = {%s};' % ', '.join(c_string(f) for f in JFOLD))
    w('/* a byte in a key: 1 separates words, 2 is the word "and" ("&") */')
    w('static const unsigned char lex_journal_sep[256] = {%s' % ', '.join(
        "['%s'] = %d" % ('\\\'' if c == ord("'") else ('\\t' if c == 9 else chr(c)), 1)
        for c in sorted(JSEP)) + ", ['&'] = 2};")
    low = [0] * 256
    for c in range(1, 0x80):
        if c not in JSEP and c != ord('&'):
            low[c] = c + 32 if ord('A') <= c <= ord('Z') else c
    w('/* a byte that goes into a key as a byte of a word: that byte in lower')
    w(' * case; 0 for the separators, "&", bytes >= 0x80 and NUL (which')
    w(' * journal_key takes as a byte of a word) */')
    w('static const unsigned char lex_journal_low[256] = {%s};' % ', '.join(str(v) for v in low))
    w('/* leading articles a key drops when more words follow */')
    w('static const char *const lex_journal_articles[] = {%s, NULL};'
      % ', '.join(c_string(a.decode()) for a in JARTICLES))
    w('/* the titles and abbreviations, each ended by a NUL: %d bytes */' % size)
    w('#pragma GCC diagnostic push')
    w('#pragma GCC diagnostic ignored "-Woverlength-strings"')
    w('static const char lex_%s_text[%d] =' % (lst.name, size))
    for t in text:
        w('    ' + t)
    w('    ;')
    w('#pragma GCC diagnostic pop')
    w('/* entry k: title and abbreviation as offsets into lex_%s_text, the'
      ' latter with LEX_%s_SAME_KEY */' % (lst.name, up))
    w('static const struct {')
    w('  uint32_t full, abbr;')
    w('} lex_%s[LEX_%s_COUNT] = {' % (lst.name, up))
    for a, b in pairs:
        w('    {%d, %d},' % (a, b))
    w('};')
    fs, ft = hash_slots(sorted((k, e + 1) for k, e in j.full_of.items()))
    as_, at = hash_slots(sorted((k, (e + 1) | (0x80000000 if amb else 0))
                                for k, (e, amb) in j.abbr_of.items()))
    for kind, slots, table in (('full', fs, ft), ('abbr', as_, at)):
        w('/* %s key -> entry + 1 with hash bits (hash_slots; 0: empty slot) */' % kind)
        w('#define LEX_%s_%s_SLOTS %du' % (up, kind.upper(), slots))
        w('static const uint32_t lex_%s_%s_slot[LEX_%s_%s_SLOTS] = {' % (lst.name, kind, up, kind.upper()))
        for h, v in enumerate(table):
            if v:
                w('    [%d] = %du,' % (h, v))
        w('};')



def emit_first_byte_at(lst, w):
    """lex_<name>_at[257]: the entries with first byte c are [at[c], at[c + 1]).
    The entries are sorted in byte order (of the lower-cased words when
    caseless), so those with one first byte are together."""
    at = [0] * 257
    for key, _, _ in lst.entries:
        at[key.encode('utf-8')[0] + 1] += 1
    for c in range(256):
        at[c + 1] += at[c]
    w('/* the entries with first byte c: [at[c], at[c + 1]) */')
    w('static const unsigned short lex_%s_at[257] = {%s};'
      % (lst.name, ', '.join(map(str, at))))


def emit_second_byte_bits(lst, w):
    """lex_<name>_next[256]: for the entries with first byte c, bit b & 63
    of each second byte b, or every bit when one of them is one byte long:
    text whose second byte has no bit there starts with none of them."""
    nxt = [0] * 256
    for key, _, _ in lst.entries:
        b = key.encode('utf-8')
        nxt[b[0]] |= (1 << (b[1] & 63)) if len(b) > 1 else (1 << 64) - 1
    w('/* the second bytes of the entries with first byte c, as bits (b & 63) */')
    w('static const uint64_t lex_%s_next[256] = {%s};'
      % (lst.name, ', '.join('[%d] = 0x%xull' % (c, v) for c, v in enumerate(nxt) if v)))


def emit(lists, out):
    w = out.append
    w('/* Generated by tools/make_lexicon.py from the lists in lib/data/: edit')
    w(' * those, not this. Included by lib/lexicon.c only. */')
    w('#ifndef RP_LEXICON_TABLES_H')
    w('#define RP_LEXICON_TABLES_H')
    w('')
    w('#include <stddef.h>')
    w('#include <stdint.h>')
    fb_lists = [l for l in lists if l.index == 'first-byte']
    for lst in lists:
        up = lst.name.upper()
        n = len(lst.entries)
        w('')
        w('/* lib/data/%s.txt: %d entries, match %s%s */'
          % (lst.name, n, lst.match, ', index ' + lst.index if lst.index else ''))
        if lst.match == 'journal':
            emit_journals(lst, w)
            continue
        lens = [len(key.encode('utf-8')) for key, _, _ in lst.entries]
        w('#define LEX_%s_COUNT %du' % (up, n))
        w('#define LEX_%s_MINLEN %du /* bytes */' % (up, min(lens)))
        w('#define LEX_%s_MAXLEN %du' % (up, max(lens)))
        if lst.match == 'prefix' and lst.columns == 'word':
            w('static const rpi_lex_phrase lex_%s[] = {' % lst.name)
            for key, _, _ in lst.entries:
                w('    {%s, %d},' % (c_string(key), len(key.encode('utf-8'))))
            w('    {NULL, 0}};')
            emit_first_byte_at(lst, w)
            emit_second_byte_bits(lst, w)
        elif lst.columns == 'word':
            w('static const char *const lex_%s[] = {' % lst.name)
            for key, _, _ in lst.entries:
                w('    %s,' % c_string(key))
            w('    NULL};')
            if lst.index == 'first-byte':
                emit_first_byte_at(lst, w)
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
            assert n < 0xFFFF, "entry numbers over 16 bits"
            table = [0] * slots
            for i, (key, _, _) in enumerate(lst.entries):
                h = fnv1a(key.encode('utf-8')) & (slots - 1)
                while table[h]:
                    h = (h + 1) & (slots - 1)
                table[h] = i + 1
            w('#define LEX_%s_SLOTS %du' % (up, slots))
            w('/* FNV-1a of an entry -> its index in lex_%s + 1 (0: empty slot) */' % lst.name)
            w('static const uint16_t lex_%s_slot[LEX_%s_SLOTS] = {' % (lst.name, up))
            for h, v in enumerate(table):
                if v:
                    w('    [%d] = %d,' % (h, v))
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
        w('static const uint16_t lex_first_byte[256] = {')
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
    ap.add_argument('--report', help='where to write how the conflicts of the journal '
                    'lists were resolved (none: not written)')
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
    if len([l for l in lists if getattr(l, 'index', '') == 'first-byte']) > 16:
        errors.append('more than 16 lists with a first-byte index (16 bits a byte)')
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
    if args.report:
        lines = []
        for lst in lists:
            if lst.match == 'journal':
                lines += lst.journals.report
        with open(args.report, 'w', encoding='utf-8', newline='\n') as f:
            f.write(''.join(l + '\n' for l in lines))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
