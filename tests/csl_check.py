"""csl_check.py: a structural check of CSL-JSON items, written for refparse.

The key and type lists are typed from the CSL 1.0.2 specification
(https://docs.citationstyles.org/en/stable/specification.html, "Appendix
III: Types" and "Appendix IV: Variables").  tests/cli_test.py uses it always,
and validates against the official schema (tests/data/csl-data.json) as
well.  check(item) returns a list of problems ([] = ok).
"""

TYPES = set("""article article-journal article-magazine article-newspaper bill
book broadcast chapter classic collection dataset document entry
entry-dictionary entry-encyclopedia event figure graphic hearing interview
legal_case legislation manuscript map motion_picture musical_score pamphlet
paper-conference patent performance periodical personal_communication post
post-weblog regulation report review review-book software song speech
standard thesis treaty webpage""".split())

NAME_VARS = set("""author chair collection-editor compiler composer
container-author contributor curator director editor editorial-director
executive-producer guest host interviewer illustrator narrator organizer
original-author performer producer recipient reviewed-author script-writer
series-creator translator""".split())

DATE_VARS = set("accessed available-date event-date issued original-date submitted".split())

TEXT_VARS = set("""citation-key language journalAbbreviation shortTitle
abstract annote archive archive_collection archive_location archive-place
authority call-number chapter-number citation-number citation-label
collection-number collection-title container-title container-title-short
dimensions division DOI edition event event-title event-place
first-reference-note-number genre ISBN ISSN issue jurisdiction keyword
locator medium note number number-of-pages number-of-volumes
original-publisher original-publisher-place original-title page page-first
part part-title PMCID PMID printing publisher publisher-place references
reviewed-genre reviewed-title scale section source status supplement title
title-short URL version volume volume-title volume-title-short
year-suffix""".split())

NAME_KEYS = set("""family given dropping-particle non-dropping-particle suffix
comma-suffix static-ordering literal parse-names""".split())


def check(item):
    bad = []
    if not isinstance(item, dict):
        return ["not an object"]
    if "id" not in item or not isinstance(item["id"], (str, int, float)):
        bad.append("id missing or not a string/number")
    if item.get("type") not in TYPES:
        bad.append(f"type {item.get('type')!r} is not a CSL type")
    for k, v in item.items():
        if k in ("id", "type"):
            continue
        if k == "custom":
            if not isinstance(v, dict):
                bad.append("custom is not an object")
        elif k == "categories":
            if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                bad.append("categories is not a list of strings")
        elif k in NAME_VARS:
            if not isinstance(v, list):
                bad.append(f"{k} is not a list")
                continue
            for n in v:
                if not isinstance(n, dict) or not n or set(n) - NAME_KEYS:
                    bad.append(f"{k}: bad name {n!r}")
                elif any(not isinstance(x, (str, int, float, bool)) for x in n.values()):
                    bad.append(f"{k}: bad name part in {n!r}")
        elif k in DATE_VARS:
            dp = v.get("date-parts") if isinstance(v, dict) else None
            if not isinstance(v, dict) or (dp is None and "literal" not in v and "raw" not in v):
                bad.append(f"{k} is not a CSL date")
            elif dp is not None and not (
                    isinstance(dp, list) and 1 <= len(dp) <= 2 and
                    all(isinstance(p, list) and 1 <= len(p) <= 3 and
                        all(isinstance(x, (str, int)) for x in p) for p in dp)):
                bad.append(f"{k}: bad date-parts {dp!r}")
        elif k in TEXT_VARS:
            if not isinstance(v, (str, int, float)):
                bad.append(f"{k} is not a string or number")
        else:
            bad.append(f"unknown key {k!r}")
    return bad
