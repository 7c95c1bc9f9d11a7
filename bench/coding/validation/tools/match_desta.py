#!/usr/bin/env python3
"""Candidate matching ToTA pta_N -> DESTA rows (name + signing year + parties). Output for manual review."""
import csv, json, re, sys
iso = json.load(open('/usr/share/iso-codes/json/iso_3166-1.json'))['3166-1']
num2a3 = {int(c['numeric']): c['alpha_3'] for c in iso}
num2a3.update({900: 'XKX', 530: 'ANT', 891: 'SCG', 890: 'YUG', 200: 'CSK', 810: 'SUN', 280: 'DEU', 278: 'DDR'})
lst = list(csv.DictReader(open('src/desta_treaties_manytrade.csv', encoding='utf-8'), delimiter=';'))
parties = {}
for r in lst:
    s = set()
    for i in range(1, 92):
        v = r.get('c%d' % i)
        if v and v != 'NA':
            s.add(num2a3.get(int(v), 'N%s' % v))
    parties[r['number']] = s
idx = list(csv.DictReader(open('src/desta_indices_camilla.csv', encoding='utf-8-sig')))
tota = list(csv.DictReader(open('src/tota_meta.csv')))
STOP = {'agreement', 'free', 'trade', 'the', 'and', 'of', 'on', 'between', 'economic', 'partnership', 'fta', 'eu', 'ec', 'eec', 'area', 'association', 'interim', 'accession', 'republic'}
def toks(s):
    s = s.lower().replace('european union', 'ec').replace('eu ', 'ec ')
    return {t for t in re.findall(r'[a-z]+', s) if t not in STOP and len(t) > 2}
ALIAS = {'eu': 'ec', 'us': 'united states'}
out = csv.writer(sys.stdout)
out.writerow(['pta', 'tota_name', 'tota_year', 'desta_number', 'desta_base', 'desta_name', 'desta_year', 'entry_type', 'jaccard', 'name_overlap', 'score'])
for t in tota:
    ty = int(t['date_signed'][:4]) if t['date_signed'] else None
    tp = set(t['parties_original'].split()) or set(t['parties'].split())
    tt = toks(t['name'])
    cands = []
    for d in idx:
        dy = int(d['year'])
        if ty is None or abs(dy - ty) > 1:
            continue
        dp = parties.get(d['number']) or parties.get(d['base_treaty']) or set()
        jac = len(tp & dp) / len(tp | dp) if (tp | dp) else 0
        no = len(tt & toks(d['name']))
        score = jac + 0.3 * min(no, 2) + (0.3 if dy == ty else 0)
        if jac >= 0.5 or no >= 1:
            cands.append((score, jac, no, d))
    cands.sort(key=lambda x: -x[0])
    if not cands:
        out.writerow([t['pta'], t['name'], ty, '', '', '', '', '', '', '', ''])
    for score, jac, no, d in cands[:2]:
        out.writerow([t['pta'], t['name'], ty, d['number'], d['base_treaty'], d['name'].strip(), d['year'], d['entry_type'], '%.2f' % jac, no, '%.2f' % score])
