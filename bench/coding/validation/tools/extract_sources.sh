#!/bin/sh
# Recreates src/ inputs from the GitHub snapshots fetched into /work/.mirror (see README.md).
set -e
cd "$(dirname "$0")/.."
mkdir -p src
M=/work/.mirror
git -C $M/globalgov+manyios/repo show "ed96b2f3ea977dfe24f88872abe116692ecad540:data-raw/organizations/MIA/DP_May 2021.dta" > src/DP_May2021.dta
git -C $M/globalgov+manyios/repo show "ed96b2f3ea977dfe24f88872abe116692ecad540:data-raw/organizations/MIA/Codebook-MIA_authority_may-2021.pdf" > src/MIA_codebook.pdf
python3 tools/dta2csv.py src/DP_May2021.dta src/MIA_DP_May2021.csv src/MIA_varlabels.txt
git -C $M/camilla-zhang+ma-thesis/repo show 764d9eb91d727c00eb4fba5d23d88dc8f119559e:data/desta.csv > src/desta_indices_camilla.csv
git -C $M/globalgov+manytrade/repo show 878032250b6893e75800f1f8432762f7fd66f28d:data-raw/agreements/DESTA/DESTA.csv > src/desta_treaties_manytrade.csv
sha256sum src/DP_May2021.dta src/desta_indices_camilla.csv src/desta_treaties_manytrade.csv
