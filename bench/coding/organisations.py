#!/usr/bin/env python3
"""The measures of the regional organisations whose founding (or constituent trade) treaty is in the
corpus, from treatykb's tidy `instrument_measures` table, as one Markdown table (docs/coding.md).

    treatykb compare --all --knowledge coded --format csv --table instrument_measures -o coded.csv
    treatykb compare --all --knowledge both  --format csv --table instrument_measures -o both.csv
    python3 bench/coding/organisations.py coded.csv [both.csv]

A `both` row is left out where it equals the `coded` row (no hand annotation for that text).
Only the list of organisations below is written here (which text stands for which organisation,
from the ToTA and corpus metadata); every figure is read from the CSV files.
"""
import csv
import sys

# (instrument, organisation, what the text is)
ORGANISATIONS = [
    ('eaeu', 'Eurasian Economic Union', 'founding treaty 2014'),
    ('cu-ses-1999', 'Customs Union and Single Economic Space (EurAsEC precursor)', 'treaty 1999'),
    ('cu-1995', 'Customs Union of Russia, Belarus (Kazakhstan)', 'agreement 1995'),
    ('cuc-2007', 'Customs Union Commission', 'treaty 2007'),
    ('cis-fta-1994', 'CIS free trade area', 'agreement 1994'),
    ('cis-fta-2011', 'CIS free trade area', 'treaty 2011'),
    ('teu', 'European Union', 'TEU, Lisbon consolidation'),
    ('mercosur', 'MERCOSUR', 'Treaty of Asunción 1991'),
    ('pta_112', 'NAFTA', 'agreement 1992'),
    ('pta_115', 'ASEAN (AFTA)', 'CEPT agreement 1992'),
    ('pta_41', 'SADC', 'Trade Protocol 1996'),
    ('pta_138', 'EFTA', 'Stockholm Convention, consolidated'),
    ('pta_123', 'LAIA (ALADI)', 'Montevideo Treaty 1980'),
    ('pta_275', 'LAFTA', 'Montevideo Treaty 1960'),
    ('pta_117', 'ECO', 'trade agreement 2003'),
    ('pta_162', 'SAARC (SAFTA)', 'agreement 2004'),
    ('pta_14', 'Arab League (PAFTA)', 'agreement 1997'),
    ('pta_164', 'African Common Market', 'agreement 1962'),
    ('pta_172', 'Arab Common Market', 'agreement 1964'),
    ('pta_187', 'CARIFTA (Caricom precursor)', 'agreement 1965'),
    ('pta_189', 'CEFTA', 'agreement 1992'),
    ('pta_426', 'East African Community', 'accession of Burundi and Rwanda 2007'),
    ('pta_438', 'Pacific Alliance', 'Additional Protocol 2014'),
    ('pta_124', 'Pacific Islands Forum (SPARTECA)', 'agreement 1980'),
]

COLUMNS = ['nominal_depth', 'effective_depth', 'scope', 'pooling', 'delegation', 'nominal_stage', 'effective_stage']


def read(path):
    values, years = {}, {}
    with open(path, newline='') as handle:
        for row in csv.DictReader(handle):
            if row['domain']:
                continue
            values[(row['instrument'], row['measure'])] = row['stage'] or row['value']
            # The year signed, and the year of the text's version where it differs (a consolidation).
            text_year = row.get('text_year') or row['year']
            years[row['instrument']] = row['year'] if text_year == row['year'] else '%s (text %s)' % (row['year'], text_year)
    return values, years


def cell(values, instrument, measure):
    value = values.get((instrument, measure))
    if value is None or value == '':
        return '—'
    try:
        number = float(value)
        return str(int(number)) if measure == 'scope' else '%.3f' % number
    except ValueError:
        return value.replace('_', ' ')


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    sources = [('coded', read(argv[1]))] + ([('both', read(argv[2]))] if len(argv) > 2 else [])
    print('| organisation | text | year | knowledge | depth nominal / effective | scope | pooling | delegation | stage nominal / effective |')
    print('|---|---|---:|---|---|---:|---:|---:|---|')
    for instrument, organisation, text in ORGANISATIONS:
        shown = None
        for name, (values, years) in sources:
            if (instrument, 'nominal_depth') not in values:
                continue
            c = {m: cell(values, instrument, m) for m in COLUMNS}
            if c == shown:
                continue  # both = coded: no hand annotation speaks for this instrument
            shown = c
            print('| %s | %s (`%s`) | %s | %s | %s / %s | %s | %s | %s | %s / %s |' % (
                organisation, text, instrument, years.get(instrument, ''), name, c['nominal_depth'],
                c['effective_depth'], c['scope'], c['pooling'], c['delegation'], c['nominal_stage'],
                c['effective_stage']))


if __name__ == '__main__':
    main(sys.argv)
