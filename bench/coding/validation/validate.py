#!/usr/bin/env python3
"""Validate treatykb measures against published hand codings (issue 12, item 5).

Joins published_codings.csv (MIA delegation/pooling at the year of the text's version: the
signature, or the consolidation a text states; DESTA depth per agreement) with a treatykb tidy CSV (one row per instrument x measure), and reports, per
published measure, Spearman's rho (average ranks for ties) with n, and the 5 largest rank
disagreements.  Plain Python 3, no third-party packages.

Usage:
    python3 validate.py TREATYKB_TIDY.csv [--published published_codings.csv]
                        [--match founding,exact,reviewed,probable] [--top 5] [--joined out.csv]

Everything that depends on column or measure names is in the CONFIG block below.
"""
import argparse
import csv
import math
import sys

# ----------------------------------------------------------------------------- CONFIG
# Column names of the treatykb tidy CSV (left: role used here, right: column in the file).
TK_COLUMNS = {
    'instrument': 'instrument',   # treatykb alias (e.g. "mercosur") or ToTA id "pta_N"
    'measure': 'measure',
    'value': 'value',
    'year': 'year',               # signing year of the instrument; optional (set to None if absent)
    'text_year': 'text_year',     # year of the version the text represents (a consolidation is
                                  # later than the signature); optional, else 'year' is used
}
# Column names of published_codings.csv.
PUB_COLUMNS = {
    'source': 'source',
    'measure': 'measure',
    'organisation': 'organisation_or_agreement',
    'instrument': 'treatykb_instrument',
    'year': 'year',
    'value': 'value',
    'match': 'match',
}
# Which treatykb measure is compared with which published measure:
#   published measure -> treatykb measure name.  Edit when treatykb's names are known.
MEASURE_MAP = {
    'delegation': 'delegation',
    'pooling': 'pooling',
    # DESTA's depth counts the provisions an agreement contains (obligations as written): the
    # closest treatykb measure is the nominal depth, before discounts for autonomy.
    'depth_index': 'nominal_depth',
    'depth_rasch': 'nominal_depth',
}
# Match classes used by default (see README.md): MIA "founding"; DESTA "exact", "reviewed", "probable".
# Others available: "related", "alt-year", "alt-version".
DEFAULT_MATCH = ('founding', 'exact', 'reviewed', 'probable')
# Sources whose coding is per IO-year: the published year must equal the year of the text's version
# (treatykb's text_year, else its year of signature).
YEAR_INDEXED_SOURCES = ('mia',)
# Preference when several published rows remain for one instrument x measure.
MATCH_PRIORITY = ('founding', 'exact', 'reviewed', 'probable', 'related', 'alt-version', 'alt-year')
# ----------------------------------------------------------------------------- END CONFIG


def to_float(s):
    try:
        x = float(s)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def to_year(s):
    x = to_float(s)
    return int(x) if x is not None else None


def average_ranks(xs):
    """Ranks 1..n, ties get the mean of the ranks they span."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        r = (i + j) / 2.0 + 1.0
        for k in range(i, j + 1):
            ranks[order[k]] = r
        i = j + 1
    return ranks


def pearson(a, b):
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    sab = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    saa = sum((x - ma) ** 2 for x in a)
    sbb = sum((y - mb) ** 2 for y in b)
    if saa == 0 or sbb == 0:
        return None
    return sab / math.sqrt(saa * sbb)


def spearman(x, y):
    """Spearman's rho = Pearson correlation of average ranks (correct with ties)."""
    if len(x) < 3:
        return None, None, None
    rx, ry = average_ranks(x), average_ranks(y)
    return pearson(rx, ry), rx, ry


def read_treatykb(path):
    c = TK_COLUMNS
    out = {}
    with open(path, newline='', encoding='utf-8-sig') as fh:
        rd = csv.DictReader(fh)
        missing = [v for k, v in c.items() if v and k not in ('year', 'text_year') and v not in rd.fieldnames]
        if missing:
            sys.exit('treatykb CSV lacks column(s) %s; edit TK_COLUMNS' % missing)
        has_year = bool(c.get('year')) and c['year'] in rd.fieldnames
        has_text_year = bool(c.get('text_year')) and c['text_year'] in rd.fieldnames
        compared = set(MEASURE_MAP.values())
        for r in rd:
            v = to_float(r[c['value']])
            if v is None or r[c['measure']].strip() not in compared:  # e.g. one row per domain
                continue
            key = (r[c['instrument']].strip(), r[c['measure']].strip())
            if key in out:
                print('warning: duplicate treatykb row %s; keeping the first' % (key,), file=sys.stderr)
                continue
            year = to_year(r[c['year']]) if has_year else None
            text_year = to_year(r[c['text_year']]) if has_text_year else None
            out[key] = (v, year, text_year if text_year is not None else year)
    return out


def read_published(path, matches):
    c = PUB_COLUMNS
    rows = []
    with open(path, newline='', encoding='utf-8') as fh:
        for r in csv.DictReader(fh):
            if matches and r.get(c['match'], '') not in matches:
                continue
            v = to_float(r[c['value']])
            if v is None:
                continue
            rows.append(dict(source=r[c['source']], measure=r[c['measure']], org=r[c['organisation']],
                             instrument=r[c['instrument']].strip(), year=to_year(r[c['year']]), value=v,
                             match=r.get(c['match'], '')))
    return rows


def join(tk, pub):
    """One published row per (published measure, instrument); year rule for per-year sources."""
    prio = {m: i for i, m in enumerate(MATCH_PRIORITY)}
    groups = {}
    for p in pub:
        groups.setdefault((p['measure'], p['instrument']), []).append(p)
    joined, notes = [], []
    for (pm, inst), cands in sorted(groups.items()):
        tm = MEASURE_MAP.get(pm)
        if tm is None or (inst, tm) not in tk:
            continue
        tv, ty, text_year = tk[(inst, tm)]
        if cands[0]['source'] in YEAR_INDEXED_SOURCES and text_year is not None:
            same = [p for p in cands if p['year'] == text_year]
            if not same:
                notes.append('%s %s: no %s coding for the text year %s (have %s); skipped'
                             % (inst, pm, cands[0]['source'], text_year, sorted({p['year'] for p in cands})))
                continue
            cands = same
            ty = text_year
        cands = sorted(cands, key=lambda p: prio.get(p['match'], 99))
        p = cands[0]
        if p['source'] not in YEAR_INDEXED_SOURCES and ty is not None and p['year'] is not None and p['year'] != ty:
            notes.append('%s %s: %s row year %s differs from treatykb year %s (kept; per-agreement coding)'
                         % (inst, pm, p['source'], p['year'], ty))
        joined.append(dict(p, tk_measure=tm, tk_value=tv, tk_year=ty))
    return joined, notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('treatykb_csv')
    ap.add_argument('--published', default='published_codings.csv')
    ap.add_argument('--match', default=','.join(DEFAULT_MATCH),
                    help='comma-separated match classes to use ("all" for every row)')
    ap.add_argument('--top', type=int, default=5)
    ap.add_argument('--joined', help='write the joined table to this CSV')
    a = ap.parse_args()
    matches = None if a.match == 'all' else set(m.strip() for m in a.match.split(','))
    tk = read_treatykb(a.treatykb_csv)
    pub = read_published(a.published, matches)
    joined, notes = join(tk, pub)
    for n in notes:
        print('note: ' + n)
    print('match classes: %s' % ('all' if matches is None else ','.join(sorted(matches))))
    results = []
    for pm in sorted({j['measure'] for j in joined}):
        rows = [j for j in joined if j['measure'] == pm]
        x = [j['tk_value'] for j in rows]
        y = [j['value'] for j in rows]
        rho, rx, ry = spearman(x, y)
        src = rows[0]['source']
        print('\n== %s %s vs treatykb %s: n = %d, Spearman rho = %s'
              % (src, pm, rows[0]['tk_measure'], len(rows), 'n/a' if rho is None else '%.3f' % rho))
        results.append((src, pm, len(rows), rho))
        if rx is None:
            continue
        for j, r1, r2 in zip(rows, rx, ry):
            j['tk_rank'], j['pub_rank'] = r1, r2
            j['rank_diff'] = r1 - r2
        worst = sorted(rows, key=lambda j: -abs(j['rank_diff']))[:a.top]
        print('   largest rank disagreements (rank 1 = lowest; n=%d):' % len(rows))
        print('   %-16s %-45s %5s %10s %6s %10s %6s %7s' % ('instrument', 'published as', 'year', 'treatykb', 'rank',
                                                       'published', 'rank', 'diff'))
        for j in worst:
            print('   %-16s %-45s %5s %10.4g %6.1f %10.4g %6.1f %+7.1f'
                  % (j['instrument'], j['org'][:45], j['year'], j['tk_value'], j['tk_rank'], j['value'],
                     j['pub_rank'], j['rank_diff']))
    if not joined:
        print('no instrument in common between the two files (check TK_COLUMNS / MEASURE_MAP / --match)')
    if a.joined:
        cols = ['source', 'measure', 'org', 'instrument', 'year', 'value', 'match', 'tk_measure', 'tk_value',
                'tk_year', 'tk_rank', 'pub_rank', 'rank_diff']
        with open(a.joined, 'w', newline='') as fh:
            w = csv.DictWriter(fh, fieldnames=cols, extrasaction='ignore')
            w.writeheader()
            w.writerows(joined)
    return results


if __name__ == '__main__':
    main()
