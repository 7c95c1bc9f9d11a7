#!/usr/bin/env python3
"""Minimal Stata .dta (format 117/118, little endian) -> CSV converter, stdlib only.
Usage: dta2csv.py in.dta out.csv [labels.txt]"""
import struct, sys, csv

def read_dta(path):
    b = open(path, 'rb').read()
    rel = int(b[b.index(b'<release>')+9:b.index(b'</release>')])
    assert rel in (117, 118), rel
    assert b[b.index(b'<byteorder>')+11:b.index(b'</byteorder>')] == b'LSF'
    p = b.index(b'<K>') + 3; K = struct.unpack('<H', b[p:p+2])[0]
    p = b.index(b'<N>') + 3
    N = struct.unpack('<Q' if rel == 118 else '<I', b[p:p+(8 if rel == 118 else 4)])[0]
    p = b.index(b'<variable_types>') + 16
    types = struct.unpack('<%dH' % K, b[p:p+2*K])
    nl = 129 if rel == 118 else 33
    p = b.index(b'<varnames>') + 10
    names = [b[p+i*nl:p+(i+1)*nl].split(b'\0')[0].decode('utf-8') for i in range(K)]
    ll = 321 if rel == 118 else 81
    p = b.index(b'<variable_labels>') + 17
    labels = [b[p+i*ll:p+(i+1)*ll].split(b'\0')[0].decode('utf-8', 'replace') for i in range(K)]
    # strLs
    strls = {}
    q = b.index(b'<strls>') + 7
    while b[q:q+3] == b'GSO':
        v, o = struct.unpack('<IQ', b[q+3:q+15]) if rel == 118 else struct.unpack('<II', b[q+3:q+11])
        q += 15 if rel == 118 else 11
        t = b[q]; ln = struct.unpack('<I', b[q+1:q+5])[0]; q += 5
        s = b[q:q+ln]; q += ln
        strls[(v, o)] = s.rstrip(b'\0').decode('utf-8', 'replace') if t == 130 else s
    fmt = {65526: ('<d', 8), 65527: ('<f', 4), 65528: ('<i', 4), 65529: ('<h', 2), 65530: ('<b', 1)}
    miss = {65526: 8.988465674311579e307, 65527: 1.7014117331926443e38, 65528: 2147483620, 65529: 32740, 65530: 100}
    p = b.index(b'<data>') + 6
    rows = []
    for r in range(N):
        row = []
        for t in types:
            if t <= 2045:
                row.append(b[p:p+t].split(b'\0')[0].decode('utf-8', 'replace')); p += t
            elif t == 32768:
                if rel == 118:
                    v, o = struct.unpack('<HQ', b[p:p+2] + b[p+2:p+8] + b'\0\0'); p += 8
                else:
                    v, o = struct.unpack('<II', b[p:p+8]); p += 8
                row.append(strls.get((v, o), ''))
            else:
                f, n = fmt[t]; x = struct.unpack(f, b[p:p+n])[0]; p += n
                row.append(None if x > miss[t] else x)
        rows.append(row)
    return names, labels, rows

if __name__ == '__main__':
    names, labels, rows = read_dta(sys.argv[1])
    with open(sys.argv[2], 'w', newline='') as fh:
        w = csv.writer(fh); w.writerow(names)
        for row in rows:
            w.writerow(['' if x is None else (repr(x) if isinstance(x, float) else x) for x in row])
    if len(sys.argv) > 3:
        with open(sys.argv[3], 'w') as fh:
            for n, l in zip(names, labels): fh.write('%s\t%s\n' % (n, l))
