#!/usr/bin/env python3
"""Write lib/data/journals.txt from JabRef's journal-abbreviation lists.

    import_journals.py DIR [-o lib/data/journals.txt]

DIR holds the CSV files of JabRef/abbrv.jabref.org, folder journals/
(full title, abbreviation, and in some lists more columns this ignores).
Rows are kept as JabRef has them, one `full|abbreviation` line each, sorted;
a row that two lists share byte for byte is written once. Rows whose
abbreviation is a sigle or a BibTeX string rather than a title abbreviation
are left out with their whole list (SKIP). Conflicts (one title, two
abbreviations; one abbreviation, two titles) stay in the file: the
generator (tools/make_lexicon.py) resolves them and reports them.
Python 3 standard library only; run by hand when the lists are updated.
"""

import argparse
import csv
import os
import sys

# classics sigla ("ArchN", "AlbaRegia"), not ISO 4, and BibTeX macros
SKIP = ('journal_abbreviations_annee-philologique.csv',
        'journal_abbreviations_dainst.csv',
        'journal_abbreviations_ieee_strings.csv')

HEADER = """\
# journals: journal titles and their abbreviations, one `full|abbreviation`
# a line (ISO 4 with dots, or MEDLINE without), for rpi_lex_journal: the
# writer adds the other form of a printed container (container-title-short,
# custom.container-title-full). Written by tools/import_journals.py; edit
# that, or the lists upstream, not this file.
# source: JabRef's journal-abbreviation lists, github.com/JabRef/abbrv.jabref.org,
# folder journals/, commit a6879a86014356ced6b1b705f5ee24eb1d173950 (2026-06-23),
# all lists but %s.
# Licence: CC0 1.0 Universal (public domain dedication), as JabRef publishes them.
# match: journal
# index: hash
# columns: full|abbrev
"""


def clean(s):
    return ' '.join(s.split())


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('dir')
    ap.add_argument('-o', '--output', default='lib/data/journals.txt')
    args = ap.parse_args(argv)
    rows = set()
    read = skipped = 0
    files = sorted(f for f in os.listdir(args.dir) if f.endswith('.csv'))
    for name in files:
        if name in SKIP:
            continue
        with open(os.path.join(args.dir, name), encoding='utf-8', newline='') as f:
            for rec in csv.reader(f):
                if len(rec) < 2:
                    continue
                read += 1
                full, abbr = clean(rec[0]), clean(rec[1])
                if not full or not abbr or '|' in full + abbr or full.startswith('#'):
                    skipped += 1
                    continue
                rows.add((full, abbr))
    used = ', '.join(s[len('journal_abbreviations_'):-4] for s in SKIP)
    with open(args.output, 'w', encoding='utf-8', newline='\n') as f:
        f.write(HEADER % used)
        for full, abbr in sorted(rows, key=lambda r: (r[0].encode(), r[1].encode())):
            f.write('%s|%s\n' % (full, abbr))
    print('%d rows read, %d malformed, %d written (%d shared by two lists)'
          % (read, skipped, len(rows), read - skipped - len(rows)), file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
