#!/usr/bin/env python3
"""Writes treatykb's rule-language version of the peer-benchmark programs, and the defeasible theory.

Usage: make_programs.py OUTDIR
  For every OUTDIR/<P>/ written by gen-programs (A*, B*: transitive closure; C, C-asis: the conflict
  join) it writes OUTDIR/<P>/treatykb.xml reading the same facts/*.facts tables.
  It also writes OUTDIR/D/treatykb.xml: a defeasible theory of 100,000 rules in 10,000 superiority
  chains (see bench/engine/README.md).
"""
import os
import sys

HEADER = '<program xmlns="urn:treatykb:rules:1">\n'


def relation(name, *args):
    return (f'  <relation name="{name}">' +
            "".join(f'<arg name="{a}" type="{t}"/>' for a, t in args) + "</relation>\n")


def tc_program():
    return (HEADER + relation("e", ("x", "integer"), ("y", "integer")) +
            relation("tc", ("x", "integer"), ("y", "integer")) +
            '  <facts relation="e" file="facts/e.facts"/>\n'
            '  <rule id="tc_edge"><head>tc(?x, ?y)</head><body>e(?x, ?y)</body></rule>\n'
            '  <rule id="tc_step"><head>tc(?x, ?z)</head><body>tc(?x, ?y), e(?y, ?z)</body></rule>\n'
            "</program>\n")


def conflict_program(as_written):
    body = ("competence(?d, union, ?a), permission(?s, ?d2, unilateral, ?b), within(?d2, ?d)" if as_written else
            "competence(?d, union, ?a), within(?d2, ?d), permission(?s, ?d2, unilateral, ?b)")
    return (HEADER + relation("domain", ("d", "integer")) +
            relation("parent", ("c", "integer"), ("p", "integer")) +
            relation("competence", ("d", "integer"), ("k", "symbol"), ("a", "integer")) +
            relation("permission", ("s", "integer"), ("d", "integer"), ("k", "symbol"), ("b", "integer")) +
            relation("within", ("x", "integer"), ("y", "integer")) +
            relation("conflict", ("d", "integer"), ("s", "integer"), ("a", "integer"), ("b", "integer")) +
            "".join(f'  <facts relation="{r}" file="facts/{r}.facts"/>\n'
                    for r in ("domain", "parent", "competence", "permission")) +
            '  <rule id="within_self"><head>within(?x, ?x)</head><body>domain(?x)</body></rule>\n'
            '  <rule id="within_up"><head>within(?x, ?z)</head><body>parent(?x, ?y), within(?y, ?z)</body></rule>\n'
            f'  <rule id="conflict"><head>conflict(?d, ?s, ?a, ?b)</head><body>{body}</body></rule>\n'
            "</program>\n")


# The defeasible theory: chains c = 0..9,999 of 10 rules each. Rule k of chain c concludes
# holds(c, ?x) for even k and ~holds(c, ?x) for odd k, from item(c, ?x); rule k+1 overrides rule k.
# Under team defeat the last rule of each chain (k = 9, against) beats every supporter, so
# ~holds(c, x) is concluded for every item: 10,000 chains x 10 items = 100,000 conclusions from
# 1,000,000 applicable rule instances.
CHAINS, LENGTH, ITEMS = 10_000, 10, 10


def defeasible_program(directory):
    os.makedirs(os.path.join(directory, "facts"), exist_ok=True)
    with open(os.path.join(directory, "facts", "item.facts"), "w") as f:
        for c in range(CHAINS):
            for x in range(ITEMS):
                f.write(f"{c}\t{x}\n")
    with open(os.path.join(directory, "treatykb.xml"), "w") as f:
        f.write(HEADER + relation("item", ("chain", "integer"), ("x", "integer")) +
                relation("holds", ("chain", "integer"), ("x", "integer")) +
                '  <facts relation="item" file="facts/item.facts"/>\n')
        for c in range(CHAINS):
            for k in range(LENGTH):
                head = ("" if k % 2 == 0 else "~") + f"holds({c}, ?x)"
                f.write(f'  <rule id="c{c}_{k}" strength="defeasible"><head>{head}</head>'
                        f"<body>item({c}, ?x)</body></rule>\n")
                if k > 0:
                    f.write(f'  <override superior="c{c}_{k}" inferior="c{c}_{k - 1}"/>\n')
        f.write("</program>\n")


def main():
    out = sys.argv[1]
    for name in sorted(os.listdir(out)):
        directory = os.path.join(out, name)
        if not os.path.isdir(os.path.join(directory, "facts")) or name == "D":
            continue
        with open(os.path.join(directory, "treatykb.xml"), "w") as f:
            if name.startswith(("A", "B")):
                f.write(tc_program())
            else:
                f.write(conflict_program(name == "C-asis"))
    defeasible_program(os.path.join(out, "D"))


if __name__ == "__main__":
    main()
