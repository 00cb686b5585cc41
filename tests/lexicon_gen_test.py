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


def run(gen, data, names, user=None, out=None):
    cmd = [sys.executable, gen, '--data', data]
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
            f.write('lex_words lex_months\n')
        rc, err = run(gen, d, ['words'], user, out)
        with open(out, encoding='utf-8') as f:
            body = f.read()
        check(rc == 0 and '"a",\n    "b",\n    "c",' in body, 'an unsorted list is sorted', err)

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
