#!/usr/bin/env python3
"""Writes src/tota_meta.csv: <meta> of every ToTA file (name, date_signed, parties)."""
import re, glob, csv, os
import xml.etree.ElementTree as ET
TOTA = os.environ.get('TREATYKB_TOTA', '/work/shared/treaty_texts/tota')
out = []
for f in glob.glob(os.path.join(TOTA, 'pta_*.xml')):
    n = int(re.search(r'pta_(\d+)', f).group(1))
    txt = open(f, encoding='utf-8').read()
    meta = ET.fromstring(re.search(r'<meta>.*?</meta>', txt, re.S).group(0))
    g = lambda t: (meta.findtext(t) or '').strip()
    po = [p.text or '' for p in meta.findall('parties_original/partyisocode')]
    pa = [p.text or '' for p in meta.findall('parties/partyisocode')]
    out.append(dict(pta=n, name=g('name'), type=g('type'), wto_rta_id=g('wto_rta_id'), date_signed=g('date_signed'),
                    status=g('status'), composition=g('composition'), parties_original=' '.join(po), parties=' '.join(pa)))
out.sort(key=lambda r: r['pta'])
with open('src/tota_meta.csv', 'w', newline='') as fh:
    w = csv.DictWriter(fh, fieldnames=list(out[0])); w.writeheader(); w.writerows(out)
print(len(out), 'ToTA files')
