#!/usr/bin/env python3
"""Splits the annexes of the EAEU Treaty out of the Kazakh ratification law's text.

Input: the text of quyse/kz-laws rus/83703.md (the whole file, or any contiguous slice of it).
An annex starts at a line "ПРИЛОЖЕНИЕ № N" whose next non-blank line is "к Договору о
Евразийском" and runs to the line before the next such heading. Appendices inside an annex
("Приложение" in mixed case, "к Протоколу ...") are not annex headings and stay in their annex.
The text is copied exactly; only the blank lines before the next heading are cut, so that each
file ends with one newline (as treaty_texts/eaeu_treaty_2014_annex01_ru.md does).

An annex is written only when the input holds it whole (its heading and the next annex's
heading, or the end of the Treaty's text when --last is given). The last annex (No. 33) ends
before the depositary's certificate ("Настоящим удостоверяю, что данный текст является полной и
аутентичной копией ..."), which is not treaty text, as the ratification law's header is not. With --check, annexes that
already exist are compared, not written, and a difference is reported.

Usage: extract-annexes.py SOURCE OUTDIR [--only 2,19,28] [--check] [--last]
"""
import argparse
import pathlib
import re
import sys

HEADING = re.compile(r"^ПРИЛОЖЕНИЕ № (\d+)$")
CERTIFICATE = "Настоящим удостоверяю"
ADDRESSEE = "к Договору о Евразийском"


def annex_starts(lines):
    """(annex number, line index) for each annex heading, in order."""
    starts = []
    for index, line in enumerate(lines):
        match = HEADING.match(line)
        if not match:
            continue
        following = next((l for l in lines[index + 1:] if l.strip()), "")
        if following.startswith(ADDRESSEE):
            starts.append((int(match.group(1)), index))
    return starts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("outdir")
    parser.add_argument("--only", default="", help="comma-separated annex numbers")
    parser.add_argument("--check", action="store_true", help="compare existing files")
    parser.add_argument("--last", action="store_true",
                        help="the input ends with the last annex, which is then whole")
    args = parser.parse_args()

    text = pathlib.Path(args.source).read_text(encoding="utf-8")
    lines = text.split("\n")
    starts = annex_starts(lines)
    wanted = {int(n) for n in args.only.split(",") if n}
    status = 0
    for position, (number, begin) in enumerate(starts):
        if position + 1 < len(starts):
            end = starts[position + 1][1]
        elif args.last:
            end = next((i for i in range(begin, len(lines)) if lines[i].startswith(CERTIFICATE)),
                       len(lines))
        else:
            print(f"annex {number}: its end is not in the input; not written", file=sys.stderr)
            continue
        if wanted and number not in wanted:
            continue
        body = "\n".join(lines[begin:end]).rstrip("\n") + "\n"
        target = pathlib.Path(args.outdir) / f"eaeu_treaty_2014_annex{number:02d}_ru.md"
        if target.exists() and args.check:
            same = target.read_text(encoding="utf-8") == body
            print(f"annex {number}: {'same as' if same else 'DIFFERS from'} {target.name}")
            status |= 0 if same else 1
            continue
        target.write_text(body, encoding="utf-8")
        print(f"annex {number}: lines {begin + 1}-{end} -> {target.name} ({len(body)} chars)")
    return status


if __name__ == "__main__":
    sys.exit(main())
