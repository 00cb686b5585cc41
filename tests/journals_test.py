#!/usr/bin/env python3
"""`refparse parse` on hand-written references: a container that is a
journal of lib/data/journals.txt gets its other form (a full title its ISO 4
abbreviation as container-title-short, an abbreviation its full title as
custom.container-title-full), exactly; what was printed stays as printed;
an unknown journal and an abbreviation of two journals get nothing. Every
item is checked against tests/csl_check.py. TAP output.

    journals_test.py build/cli/refparse
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csl_check  # noqa: E402

# (what, reference, container-title, container-title-short, custom full)
CASES = [
    ('full title -> ISO 4 abbreviation',
     'Smith J. A study of kinases. Journal of Biological Chemistry. 2001;276(3):45-9.',
     'Journal of Biological Chemistry', 'J. Biol. Chem.', None),
    ('full title with "The" -> ISO 4 abbreviation',
     'Smith J. A study of kinases. The Journal of Biological Chemistry. 2001;276(3):45-9.',
     'The Journal of Biological Chemistry', 'J. Biol. Chem.', None),
    ('full title with "&" for "and" -> ISO 4 abbreviation',
     'Lee K, Park S. Speed and crashes. Accident Analysis & Prevention. 2015;80:1-10.',
     'Accident Analysis & Prevention', 'Accid. Anal. Prev.', None),
    ('MEDLINE abbreviation (no dots) -> full title',
     'Smith J. A study of kinases. J Biol Chem. 2001;276(3):45-9.',
     'J Biol Chem', None, 'Journal of Biological Chemistry'),
    ('ISO 4 abbreviation with dots -> full title',
     'Smith, J. (2001). A study of kinases. J. Biol. Chem., 276(3), 45-49.',
     'J. Biol. Chem', None, 'Journal of Biological Chemistry'),
    ('MEDLINE abbreviation -> full title (another journal)',
     'Brown A. Nursing the elderly. Nurs Stand. 2010;24(5):35-40.',
     'Nurs Stand', None, 'Nursing Standard'),
    ('a journal only MEDLINE lists: its abbreviation with the dots ISO 4 puts',
     'Brown A. Darwin at sea. Archives of natural history. 2010;24(5):35-40.',
     'Archives of natural history', 'Arch. Nat. Hist.', None),
    ('unknown journal -> nothing',
     'Smith J. A study of kinases. Journal of Nothing Known. 2001;276(3):45-9.',
     'Journal of Nothing Known', None, None),
    ('abbreviation of two journals (Journal of Agricultural Science, of ... Sciences) -> nothing',
     'Smith J. Wheat yields. J Agric Sci. 2001;136(3):45-9.',
     'J Agric Sci', None, None),
    ('one-word title: ISO 4 abbreviates none -> nothing',
     'Smith J. A study of kinases. Nature. 2001;410(3):45-9.',
     'Nature', None, None),
]


def main():
    exe = sys.argv[1]
    text = ''.join(c[1] + '\n' for c in CASES)
    p = subprocess.run([exe, 'parse', '-j', '1'], input=text, capture_output=True,
                       text=True)
    items = [json.loads(l) for l in p.stdout.splitlines()]
    print('1..%d' % (len(CASES) + 1))
    print('%s 1 - one item per reference (exit %d)' % (
        'ok' if p.returncode == 0 and len(items) == len(CASES) else 'not ok', p.returncode))
    bad = 0
    for n, (what, _, ct, short, full) in enumerate(CASES, 2):
        it = items[n - 2] if n - 2 < len(items) else {}
        got = (it.get('container-title'), it.get('container-title-short'),
               it.get('custom', {}).get('container-title-full'))
        problems = csl_check.check(it) if it else ['no item']
        ok = got == (ct, short, full) and not problems
        bad += not ok
        print('%s %d - %s' % ('ok' if ok else 'not ok', n, what))
        if not ok:
            print('#  expected %r\n#  got      %r %s' % ((ct, short, full), got, problems))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
