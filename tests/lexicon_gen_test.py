#!/usr/bin/env python3
"""tools/make_lexicon.py: accepts the lists in lib/data/, sorts an unsorted
list, and fails on a duplicate entry, a conflicting entry and a list no code
uses. TAP output.

    lexicon_gen_test.py tools/make_lexicon.py lib/data lib/lexicon.c NAME...
"""

import os
import subprocess
import sys
import tempfile

HEADER = '# t: a test list\n# source: typed for this test\n# match: %s\n'


def run(gen, data, names, user=None, out=None, report=None):
    cmd = [sys.executable, gen, '--data', data]
    if report:
        cmd += ['--report', report]
    if user:
        cmd += ['--user', user]
    if out:
        cmd += ['-o', out]
    p = subprocess.run(cmd + names, capture_output=True, text=True)
    return p.returncode, p.stderr


def write(folder, name, text):
    with open(os.path.join(folder, name + '.txt'), 'w', encoding='utf-8') as f:
        f.write(text)


def main():
    gen, data, lexicon_c, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    results = []

    def check(ok, what, detail=''):
        results.append((ok, what, detail))

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'tables.h')
        rc, err = run(gen, data, names, lexicon_c, out)
        check(rc == 0 and os.path.getsize(out) > 0, 'the lists of lib/data compile', err)

        d = os.path.join(tmp, 'ok')
        os.mkdir(d)
        write(d, 'words', HEADER % 'exact' + 'b\nc\na\n')
        user = os.path.join(tmp, 'user.c')
        with open(user, 'w') as f:
            f.write('lex_words lex_months lex_journals\n')
        rc, err = run(gen, d, ['words'], user, out)
        with open(out, encoding='utf-8') as f:
            body = f.read()
        check(rc == 0 and '"a",\n    "b",\n    "c",' in body, 'an unsorted list is sorted', err)

        # a journal list (full|abbrev): conflicts resolved by rule, reported,
        # the same tables whatever the order of the rows
        jh = ('# journals: test\n# source: typed for this test\n# match: journal\n'
              '# index: hash\n# columns: full|abbrev\n')
        rows = ['Journal of Tests|J Tests',          # MEDLINE form of the next
                'Journal of Tests|J. Tests',
                'Journal of Tests|J. of Tests (Lond.)',  # a conflict: longer key
                'Zeitschrift für Tests|Z. Tests',
                'Zeitschrift fur Tests|Z. Tests',    # same key as the previous title
                'Tests Quarterly|Tests Q.',
                'Tests Quebec|Tests Q.',             # the same abbreviation, two journals
                'Annals of Tests|Ann. Tests',
                'Annals of Tests : official journal|Ann. Tests',  # a subtitle: one journal
                'Archives of Tests|Arch Tests',      # MEDLINE only: dots added
                'Nature|Nature',
                'Nature|Nat']                        # one word: stays unabbreviated
        with open(user, 'w') as f:
            f.write('lex_journals\n')
        tables = []
        for k, order in enumerate((rows, rows[::-1])):
            d = os.path.join(tmp, 'journals%d' % k)
            os.mkdir(d)
            write(d, 'journals', jh + ''.join(r + '\n' for r in order))
            rep = os.path.join(tmp, 'report%d.txt' % k)
            rc, err = run(gen, d, ['journals'], user, out, rep)
            with open(out, encoding='utf-8') as f:
                tables.append(f.read())
            with open(rep, encoding='utf-8') as f:
                report = f.read()
        check(rc == 0 and err == '', 'a journal list with conflicts compiles, silently', err)
        check(tables[0] == tables[1], 'a journal list: the same tables in any row order')
        check("title 'Journal of Tests': abbreviation 'J. Tests' kept, 'J. of Tests (Lond.)' left out"
              in report, 'a title with two abbreviations: the shorter ISO 4 key kept, reported',
              report)
        check("abbreviation 'Tests Q.': ambiguous, titles 'Tests Quebec', 'Tests Quarterly'"
              in report and 'Ann. Tests' not in report,
              'an abbreviation of two journals: ambiguous, reported (a subtitle is one journal)',
              report)
        check("title 'Nature': abbreviation 'Nature' kept, 'Nat.' left out" in report,
              'a one-word title keeps itself', report)
        check('"Arch. Tests\\0"' in tables[0] and '"J. Tests\\0"' in tables[0] and
              '"J Tests\\0"' not in tables[0],
              'dots: the ISO 4 form shown, added to a MEDLINE-only abbreviation', tables[0][-600:])
        check('1 ambiguous abbreviations' in report.split('\n')[0] and
              '2 titles with two abbreviations' in report.split('\n')[0],
              'the report opens with the counts', report.split('\n')[0])

        # (what, files in the folder, names the build passes, stderr expected)
        bad = [
            ('a duplicate entry fails', {'words': ('exact', 'a\nb\na\n')}, ['words'],
             "words.txt:6: duplicate entry 'a' (first at line 4)"),
            ('a caseless list: a duplicate but for case fails',
             {'words': ('caseless', 'Journal\njournal\n')}, ['words'], 'duplicate entry'),
            ('the same word with another value fails as a conflict',
             {'months': ('caseless', '# columns: word|int\nmar|3\nmay|5\nMar|4\n')}, ['months'],
             "conflicting entry 'mar': 4 here, 3 at line 5"),
            ('a list file not named by the build fails',
             {'words': ('exact', 'a\n'), 'extra': ('exact', 'x\n')}, ['words'],
             "list 'extra' is used by no code"),
            ('a named list the code never reads fails',
             {'words': ('exact', 'a\n'), 'cities': ('exact', 'Paris\n')}, ['words', 'cities'],
             'never reads lex_cities'),
            ('a journal list: the same row twice fails',
             {'journals': ('journal', '# index: hash\n# columns: full|abbrev\n'
                                      'Journal of Tests|J. Tests\nJournal of Tests|J. Tests\n')},
             ['journals'], "duplicate entry ('Journal of Tests', 'J. Tests')"),
            ('a journal list without its hash index fails',
             {'journals': ('journal', '# columns: full|abbrev\nJournal of Tests|J. Tests\n')},
             ['journals'], 'a journal list has the columns full|abbrev and a hash index'),
            ('a list without its source fails', {'words': (None, '# match: exact\na\n')},
             ['words'], 'no "# source:" line'),
            ('a phrase list: a quoted entry equal to a bare one is a duplicate',
             {'words': ('prefix', 'Proc\n"Proc"\n')}, ['words'], 'duplicate entry'),
            ('a phrase list: an entry opening a quote it does not close fails',
             {'words': ('prefix', '", Edited by\n')}, ['words'], 'opens a quote'),
        ]
        for k, (what, lists, passed, expect) in enumerate(bad):
            d = os.path.join(tmp, 'bad%d' % k)
            os.mkdir(d)
            for name, (match, body) in lists.items():
                write(d, name, (HEADER % match if match else '') + body)
            rc, err = run(gen, d, passed, user)
            check(rc == 1 and expect in err, what, err)

    print('1..%d' % len(results))
    for i, (ok, what, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, what))
        if not ok:
            for line in detail.splitlines():
                print('# ' + line)
    return 0 if all(r[0] for r in results) else 1


if __name__ == '__main__':
    sys.exit(main())
