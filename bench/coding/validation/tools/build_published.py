#!/usr/bin/env python3
"""Builds published_codings.csv from the source files in src/ (see README.md for provenance).
Re-runnable: python3 tools/build_published.py"""
import csv, collections

MIA_PROV = ('MIA-Authority v2, DP_May 2021.dta (codebook "version May 31, 2021"; Hooghe, Marks, Lenz, Bezuijen, '
            'Ceka, Derderyan 2017), row ioname={io} year={y}, variable {var}; read from the copy at '
            'github.com/globalgov/manyios@ed96b2f3ea977dfe24f88872abe116692ecad540:'
            'data-raw/organizations/MIA/DP_May 2021.dta (sha256 e428aefc...d120); original: '
            'https://garymarks.web.unc.edu/international-authority/')
DESTA_PROV = ('DESTA agreement-level indices (Duer, Baccini, Elsig 2014), row number={num} base_treaty={base} '
              'name="{name}" year={y}, variable {var}; read from the third-party copy '
              'github.com/camilla-zhang/ma-thesis@764d9eb91d727c00eb4fba5d23d88dc8f119559e:data/desta.csv '
              '(DESTA release not stated in that repo; contains entries to 2020); original: '
              'https://www.designoftradeagreements.org/downloads/')

# ToTA id -> treatykb alias (from /work/main/treaty_texts/corpus.xml)
ALIAS = {440: 'eaeu', 413: 'cis-fta-2011', 90: 'cis-fta-1994', 429: 'cu-1995', 97: 'cu-ses-1999',
         441: 'eaeu-arm', 444: 'eaeu-kgz', 447: 'eaeu-vnm', 110: 'teu', 119: 'mercosur'}
def inst(pta):
    return ALIAS.get(pta, 'pta_%d' % pta)

# ---- MIA: (pta, MIA ioname, year, match, note) -- chosen by hand, see README.md
MIA = [
    (119, 'Mercosur', 1991, 'founding', 'Treaty of Asuncion signed 1991-03-26'),
    (110, 'EU', 2007, 'founding', 'pta_110 text is the consolidated TEU in its Lisbon version (signed 2007); corpus.xml dates teu 1992-02-07, ToTA meta says "EC Treaty" 1957-03-25'),
    (110, 'EU', 1992, 'alt-year', 'corpus.xml date of teu (Maastricht); text is the Lisbon consolidation'),
    (110, 'EU', 1957, 'alt-year', 'ToTA meta date_signed of pta_110; text is the Lisbon consolidation'),
    (138, 'EFTA', 2013, 'founding', 'pta_138 text is the EFTA Convention "consolidated version, last amended on 1 July 2013"'),
    (138, 'EFTA', 1960, 'alt-year', 'ToTA meta date_signed (Stockholm Convention 1960-01-04); text is the 2013 consolidation'),
    (123, 'ALADI', 1980, 'founding', 'Montevideo Treaty 1980 establishing LAIA/ALADI'),
    (275, 'ALADI', 1961, 'alt-year', 'LAFTA Montevideo Treaty signed 1960-02-18; MIA ALADI series (incl. LAFTA) starts 1961, no 1960 coding'),
    (112, 'NAFTA', 1994, 'alt-year', 'NAFTA signed 1992-12-17; MIA NAFTA series starts 1994 (entry into force), no 1992 coding'),
    (187, 'Caricom', 1968, 'alt-year', 'CARIFTA signed 1965-12-15; MIA Caricom series starts 1968 (CARIFTA in force), no 1965 coding'),
    (90, 'CIS', 1994, 'related', 'CIS Agreement on a Free Trade Area 1994, not the CIS Charter'),
    (413, 'CIS', 2011, 'related', 'CIS Treaty on a Free Trade Area 2011, not the CIS Charter'),
    (115, 'ASEAN', 1992, 'related', 'CEPT Agreement for AFTA 1992, not the ASEAN Declaration/Charter'),
    (41, 'SADC', 1996, 'related', 'SADC Protocol on Trade 1996, not the SADC Treaty'),
    (113, 'SAARC', 1993, 'related', 'SAPTA 1993, not the SAARC Charter'),
    (162, 'SAARC', 2004, 'related', 'SAFTA 2004, not the SAARC Charter'),
    (426, 'EAC2', 2007, 'related', 'Treaty of accession of Rwanda (and Burundi) to the EAC 2007'),
    (14, 'LOAS', 1997, 'related', 'Arab League agreement (PAFTA/GAFTA) 1997, not the Pact of the League'),
    (363, 'PIF', 2001, 'related', 'PICTA 2001 concluded among Pacific Islands Forum members'),
    (124, 'PIF', 1980, 'related', 'SPARTECA 1980 concluded within the South Pacific Forum'),
]

# ---- DESTA: manual decisions for ToTA files the automatic rule left open: pta -> (desta number, match, note)
DESTA_MANUAL = {
    14: ('462', 'reviewed', 'PAFTA = Greater Arab FTA'), 16: ('17', 'reviewed', ''), 17: ('96', 'reviewed', 'DESTA year 2004, ToTA 2005'),
    40: ('304', 'reviewed', ''), 65: ('330', 'probable', 'pta_65 text is EU-Mexico Joint Council Decision (2000 FTA); ToTA date 1997'),
    89: ('603', 'reviewed', ''), 97: ('434', 'probable', 'pta_97 text is the 1999 Treaty on the Customs Union and Single Economic Space; DESTA 434 "EAEC" 1999'),
    100: ('28', 'probable', 'DESTA Andorra EC 1989, ToTA 1991'),
    110: ('324', 'reviewed', 'pta_110 text is the Lisbon consolidated TEU; DESTA "EC Lisbon" 2007'),
    114: ('382', 'reviewed', ''), 115: ('64', 'reviewed', ''), 117: ('371', 'reviewed', 'ECOTA'), 118: ('402', 'reviewed', ''),
    122: ('77', 'reviewed', 'DESTA year 1983, ToTA 1982'), 124: ('668', 'reviewed', ''), 127: ('100', 'reviewed', 'APTA = Bangkok Agreement 1975'),
    133: ('647', 'reviewed', ''), 136: ('682', 'reviewed', ''), 164: ('2', 'reviewed', ''),
    170: ('14', 'reviewed', 'DESTA names Serbia for Serbia and Montenegro'), 172: ('29', 'probable', 'DESTA Arab Common Market 1962, ToTA 1964'),
    182: ('157', 'reviewed', ''), 187: ('179', 'reviewed', ''), 196: ('261', 'reviewed', ''),
    201: ('285', 'reviewed', 'DESTA year 1995, ToTA 1996'), 213: ('303', 'reviewed', ''),
    215: ('305', 'probable', 'DESTA EC Estonia 1993, ToTA EC-Estonia FTA 1994'), 217: ('309', 'reviewed', 'DESTA 1972, ToTA 1973'),
    223: ('319', 'reviewed', ''), 225: ('325', 'reviewed', ''), 233: ('344', 'reviewed', ''), 235: ('346', 'reviewed', ''),
    246: ('377', 'reviewed', ''), 255: ('422', 'probable', 'DESTA Equatorial Customs Union 1959'),
    257: ('98', 'reviewed', 'Baltic FTA'), 259: ('430', 'reviewed', 'DESTA 1991, ToTA 1992'), 280: ('580', 'reviewed', 'DESTA 1991, ToTA 1992'),
    286: ('619', 'reviewed', ''), 288: ('511', 'reviewed', 'DESTA 1997, ToTA 1998'), 295: ('648', 'reviewed', ''),
    316: ('689', 'reviewed', ''), 317: ('690', 'reviewed', ''), 318: ('584', 'reviewed', ''), 319: ('585', 'reviewed', ''), 320: ('586', 'reviewed', ''),
    322: ('341', 'reviewed', ''), 363: ('639', 'reviewed', ''), 381: ('908', 'reviewed', 'G3 Colombia-Mexico-Venezuela 1994'),
    382: ('616', 'reviewed', 'DESTA 2004, ToTA 2003'), 396: ('855', 'reviewed', 'DESTA 2017, ToTA 2016'),
    413: ('811', 'reviewed', ''), 438: ('836', 'related', 'DESTA Pacific Alliance 2012 (framework); pta_438 is the 2014 Additional Protocol'),
    138: ('395a', 'probable', 'pta_138 text is the EFTA Convention consolidated to 2013 (incl. Vaduz 2001); DESTA 395a "EFTA (consolidated)" 2001'),
    449: ('899', 'reviewed', ''), 450: ('899', 'reviewed', ''),
    # An audit of all 410 files for bodies that repeat another file's (words 20-80 of the body)
    # found one whose text does not match its date: pta_206 (dated 1976) holds the 2002
    # Euro-Mediterranean Association Agreement, word for word pta_16's text bar OCR noise.
    206: ('16', 'text-mismatch', "the file's text is the 2002 Euro-Mediterranean Association Agreement (as pta_16), "
                                 "not the 1976 Cooperation Agreement DESTA row 16 codes; set aside"),
}
DESTA_ALT = {110: ('293', 'alt-version', 'DESTA "EC" 1957 (Rome); pta_110 text is the Lisbon consolidation'),
             138: ('375', 'alt-version', 'DESTA EFTA base treaty (Stockholm 1960); pta_138 text is the 2013 consolidation')}

def main():
    idx = {r['number']: r for r in csv.DictReader(open('src/desta_indices_camilla.csv', encoding='utf-8-sig'))}
    tota = {int(r['pta']): r for r in csv.DictReader(open('src/tota_meta.csv'))}
    mia = {}
    for r in csv.DictReader(open('src/MIA_DP_May2021.csv')):
        mia[(r['ioname'], int(float(r['year'])))] = r
    out = []
    for pta, io, y, match, note in MIA:
        r = mia[(io, y)]
        for var in ('delegation', 'pooling'):
            out.append(dict(source='mia', measure=var, organisation_or_agreement='%s (%s)' % (io, r['acronym']),
                            treatykb_instrument=inst(pta), year=y, value='%.6f' % float(r[var]),
                            provenance=MIA_PROV.format(io=io, y=y, var=var), match=match, note=note))
    # automatic DESTA matches
    cands = collections.defaultdict(list)
    for r in csv.DictReader(open('src/desta_candidates.csv')):
        cands[int(r['pta'])].append(r)
    chosen = {}
    for pta, c in cands.items():
        top = c[0]
        if not top['desta_number']:
            continue
        sec = c[1] if len(c) > 1 else None
        uniq = sec is None or not (float(sec['jaccard']) >= 0.9 and sec['desta_year'] == top['desta_year']
                                   and int(sec['name_overlap']) >= int(top['name_overlap']))
        if float(top['jaccard']) >= 0.9 and top['tota_year'] == top['desta_year'] and uniq and int(top['name_overlap']) >= 1:
            chosen[pta] = (top['desta_number'], 'exact', 'auto: same signing year, party overlap %s' % top['jaccard'])
            if 'Interim Agreement' in tota[pta]['name'] and 'EPA' not in top['desta_name']:
                # DESTA codes the Europe Agreement; the interim (trade-only) agreement is a different document
                chosen[pta] = (top['desta_number'], 'related', 'auto match, but ToTA text is the interim agreement and DESTA row is %s' % top['desta_name'])
    for pta, v in DESTA_MANUAL.items():
        chosen[pta] = v
    pairs = [(p, v) for p, v in chosen.items()] + list(DESTA_ALT.items())
    for pta, (num, match, note) in sorted(pairs, key=lambda x: (x[0], x[1][1] != 'alt-version')):
        d = idx[num]
        for var in ('depth_index', 'depth_rasch'):
            out.append(dict(source='desta', measure=var, organisation_or_agreement=d['name'].strip(),
                            treatykb_instrument=inst(pta), year=d['year'], value=d[var],
                            provenance=DESTA_PROV.format(num=num, base=d['base_treaty'], name=d['name'].strip(), y=d['year'], var=var),
                            match=match, note=('ToTA: %s (%s). ' % (tota[pta]['name'], tota[pta]['date_signed']) + note).strip()))
    cols = ['source', 'measure', 'organisation_or_agreement', 'treatykb_instrument', 'year', 'value', 'provenance', 'match', 'note']
    with open('published_codings.csv', 'w', newline='') as fh:
        w = csv.DictWriter(fh, fieldnames=cols); w.writeheader(); w.writerows(out)
    c = collections.Counter((r['source'], r['match']) for r in out)
    print(len(out), 'rows;', dict(c))

if __name__ == '__main__':
    main()
