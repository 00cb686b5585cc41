#!/usr/bin/env python3
"""How often refparse recognises a journal: for each gold file, the
article-journal records whose parsed container-title a lookup in
lib/data/journals.txt hits (as a title, an abbreviation, or an
abbreviation of two journals), and the same for the gold container.

    journal_hits.py build/cli/refparse GOLD.jsonl...

The lookup is tools/make_lexicon.py's own (the keys and the conflict
rules lib/lexicon.c's tables are built from). Python 3 standard library.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_lexicon as ml  # noqa: E402


def load(data):
    lst = ml.List('journals', data)
    errors = []
    ml.read_list(lst, errors)
    if errors:
        sys.exit('\n'.join(errors))
    return lst.journals


def kind(j, s):
    k = ml.jnorm(s or '')
    if not k:
        return None
    if k in j.full_of:
        return 'title'
    if k in j.abbr_of:
        return 'ambiguous' if j.abbr_of[k][1] else 'abbrev'
    return None


def main(argv):
    exe, files = argv[0], argv[1:]
    here = os.path.dirname(os.path.abspath(__file__))
    j = load(os.path.join(here, '..', 'lib', 'data', 'journals.txt'))
    print('%-16s %6s %6s %6s %6s %6s %8s %8s' % ('set', 'recs', 'title', 'abbrev', 'ambig',
                                                 'hits', 'parsed%', 'gold%'))
    tot = [0] * 6
    for path in files:
        gold = [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]
        out = subprocess.run([exe, 'parse', '--input', 'jsonl', '-j', '1', path],
                             capture_output=True, text=True, check=True).stdout
        parsed = {}
        for line in out.splitlines():
            o = json.loads(line)
            parsed[str(o.get('id'))] = o
        n = t = a = m = g = gn = 0
        for rec in gold:
            p = parsed.get(str(rec['id']), {})
            if p.get('type') == 'article-journal' and p.get('container-title'):
                n += 1
                k = kind(j, p['container-title'])
                t += k == 'title'
                a += k == 'abbrev'
                m += k == 'ambiguous'
            gc = rec['gold'].get('container-title')
            if rec['gold'].get('type') == 'article-journal' and gc:
                gn += 1
                g += kind(j, gc) is not None
        hits = t + a + m
        for i, v in enumerate((n, t, a, m, gn, g)):
            tot[i] += v
        print('%-16s %6d %6d %6d %6d %6d %7.1f%% %7.1f%%' % (
            os.path.basename(path).replace('.dev.jsonl', ''), n, t, a, m, hits,
            100.0 * hits / n if n else 0, 100.0 * g / gn if gn else 0))
    n, t, a, m, gn, g = tot
    print('%-16s %6d %6d %6d %6d %6d %7.1f%% %7.1f%%' % (
        'all', n, t, a, m, t + a + m, 100.0 * (t + a + m) / n if n else 0,
        100.0 * g / gn if gn else 0))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
