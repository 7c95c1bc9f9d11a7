#!/usr/bin/env python3
"""Agreement of the coder with the hand coding (bench/coding/run.sh; docs/coding.md).

Usage: agreement.py HAND_GLOB_DIR CODED_FILE[,CODED_FILE...] INSTRUMENT [CLASSES]

The coded files are the instrument's own and, for the parties, those of the instruments that
accede to it (their member_state facts name the instrument acceded to).

The hand coding (kb/knowledge) is the reference. Facts are compared per class of relation:
  bodies          body, body_composition, seats_per_state, staffing_rule, body_part_of
  decision_rules  decision_rule, vote_weight, appeal
  competence      competence; norm whose action is not a national-autonomy action
  autonomy        norm with action unilateral_measure, national_policy or exception; transitional
  authority       body_domain, body_field, area_role, area_rule, area_weight, dispute_item,
                  domain_rule (what kb/rules/authority.xml reads to place bodies in the MIA
                  decision areas and policy streams, a body's fields of activity, and the courts'
                  dispute-settlement items)
  parties         member_state(INSTRUMENT, state): scored as facts wherever the hand coding
                  states them (an accession treaty makes a state a member of the instrument
                  it accedes to), so the anchored figures are those of the facts
Judged precision: bench/coding/adjudication.tsv judges, one by one, the extra proposals of the
bodies and decision-rule classes (right, doubtful, wrong, with a reason); the report adds the
precision counting the extras judged right, beside the precision against the hand coding, and lists
the extras not judged and the judgements that no longer match a proposal.
Declared scope: bench/coding/hand_scope.tsv lists the parts whose hand file says in its header that
it codes some classes only (the Court's Statute: the dispute-settlement items); the first table
leaves out, on both sides, the facts of the other classes there. The tables over every covered part
and over every proposal follow it unchanged.
Two levels: "anchored" — the same fact at the same provision (or one provision enclosing the
other, since a translation may be divided less finely); "fact" — the same fact anywhere in the
instrument (what the coder knows, whatever provision it quotes). Per language of the coded text.
"""
import glob
import re
import sys
import xml.etree.ElementTree as ET

NS = "{urn:treatykb:rules:1}"
AUTONOMY_ACTIONS = {"unilateral_measure", "national_policy", "exception"}


def fact_class(fact):
    relation = fact.split("(", 1)[0]
    if relation in ("body", "body_composition", "seats_per_state", "staffing_rule", "body_part_of"):
        return "bodies"
    if relation in ("decision_rule", "vote_weight", "appeal"):
        return "decision_rules"
    if relation == "competence":
        return "competence"
    if relation in ("body_domain", "body_field", "area_role", "area_rule", "area_weight", "dispute_item", "domain_rule"):
        return "authority"
    if relation == "member_state":
        return "parties"
    if relation == "transitional":
        return "autonomy"
    if relation == "norm":
        args = [a.strip() for a in fact[fact.index("(") + 1:-1].split(",")]
        return "autonomy" if args[3] in AUTONOMY_ACTIONS else "competence"
    return None


def normal(fact, eid):
    """The fact with @ replaced by the provision, spaces and decimals normalised."""
    fact = re.sub(r"\s+", " ", fact.strip()).replace("@", "#")
    fact = re.sub(r"\b(\d+)\.0\b", r"\1", fact)
    # transitional's free-text date is compared by its presence only
    if fact.startswith("transitional("):
        args = fact[len("transitional("):-1].split(",", 2)
        fact = "transitional(#, %s, _)" % args[1].strip()
    return fact


def party_of(fact, instrument):
    """member_state(INSTRUMENT, X) of this instrument (the symbol writes - as _)."""
    return fact.replace(" ", "").startswith("member_state(%s," % instrument.replace("-", "_"))


def read(files, instrument):
    """-> list of (class, fact, eid, language or None, rule, quote)"""
    out = []
    for path in files:
        root = ET.parse(path).getroot()
        for annotation in root.iter(NS + "annotation"):
            provision = annotation.get("provision", "")
            if not provision.startswith(instrument + "#"):
                # parties: a state becomes a member where it accedes (eaeu-arm#art_1), in the hand
                # coding and in the coder's proposals for the accession treaty (its language counts)
                for fact in annotation.findall(NS + "fact"):
                    if party_of(fact.text, instrument):
                        quotes = annotation.findall(NS + "quote")
                        language = quotes[0].get("lang") if annotation.get("rule") and quotes else None
                        out.append(("parties", normal(fact.text, "*"), "*", language, annotation.get("rule", "hand"),
                                    quotes[0].text if quotes else ""))
                continue
            eid = provision.split("#", 1)[1]
            quotes = annotation.findall(NS + "quote")
            language = quotes[0].get("lang") if annotation.get("rule") and quotes else None
            quote = quotes[0].text if quotes else ""
            for fact in annotation.findall(NS + "fact"):
                klass = fact_class(fact.text)
                if klass == "parties" and not party_of(fact.text, instrument):
                    continue
                if klass == "parties":  # compared as facts: the provision does not count
                    eid = "*"
                if klass:
                    out.append((klass, normal(fact.text, eid), eid, language, annotation.get("rule", "hand"), quote))
    return out


def related(a, b):
    return a == b or a.startswith(b + "__") or b.startswith(a + "__") or a == "*" or b == "*"


def score(hand, coded, klass):
    H = [(f, e) for c, f, e, *_ in hand if c == klass]
    C = [(f, e, r, q) for c, f, e, _, r, q in coded if c == klass]
    H_set = sorted(set(H))
    C_set = sorted(set((f, e) for f, e, _, _ in C))
    hit_h = [h for h in H_set if any(f == h[0] and related(e, h[1]) for f, e in C_set)]
    hit_c = [c for c in C_set if any(f == c[0] and related(e, c[1]) for f, e in H_set)]
    facts_h = set(f for f, _ in H_set)
    facts_c = set(f for f, _ in C_set)
    return {
        "hand": len(H_set), "coded": len(C_set),
        "recall": len(hit_h) / len(H_set) if H_set else None,
        "precision": len(hit_c) / len(C_set) if C_set else None,
        "fact_recall": len(facts_h & facts_c) / len(facts_h) if facts_h else None,
        "fact_precision": len(facts_h & facts_c) / len(facts_c) if facts_c else None,
        "missed": [h for h in H_set if h not in hit_h],
        "extra": [(f, e, r, q) for f, e, r, q in C if (f, e) not in hit_c],
    }


def fmt(x):
    return "—" if x is None else "%.2f" % x


def part_of(eid):
    """The part of the instrument a provision belongs to: its annex (annex_7), else the Treaty."""
    return eid.split("__", 1)[0] if eid.startswith("annex_") else "treaty"


def tsv_rows(path):
    """-> (line number, tab-separated fields) of each line of a TSV file that is not blank or a # comment."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip() and not line.startswith("#"):
                yield number, line.rstrip("\n").split("\t")


def read_scope(path, instrument):
    """-> {part: set of classes} from hand_scope.tsv: the parts whose hand coding declares that it
    codes only some classes."""
    out = {}
    for number, fields in tsv_rows(path):
        if len(fields) != 4 or not fields[1] or not fields[2]:
            sys.exit("%s:%d: expected instrument, part, classes (comma-separated) and the header's "
                     "words, separated by tabs" % (path, number))
        if fields[0] == instrument:
            out[fields[1]] = set(fields[2].split(","))
    return out


def in_scope(scope, klass, eid):
    """Does the hand coding declare that it codes this class at this provision?"""
    return eid == "*" or klass in scope.get(part_of(eid), {klass})


def table(hand, coded_all, languages, classes):
    print("| class | language | hand | coded | recall | precision | fact recall | fact precision |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    results = {}
    for klass in classes:
        for language in languages + ["ru+en"]:
            coded = [c for c in coded_all if language == "ru+en" or c[3] == language]
            r = score(hand, coded, klass)
            results[(klass, language)] = r
            print("| %s | %s | %d | %d | %s | %s | %s | %s |" % (
                klass, language, r["hand"], r["coded"], fmt(r["recall"]), fmt(r["precision"]),
                fmt(r["fact_recall"]), fmt(r["fact_precision"])))
    return results


JUDGED_CLASSES = ["bodies", "decision_rules"]


def read_judgements(path):
    """-> {(class, fact, eid): [(judgement, reason), ...]} from the adjudication file (# comments):
    one judgement per judge, the first judge's then the second's."""
    out = {}
    for number, fields in tsv_rows(path):
        judgements = [tuple(fields[i:i + 2]) for i in range(3, len(fields), 2)]
        if len(fields) not in (5, 7) or any(j not in ("right", "doubtful", "wrong") for j, _ in judgements):
            sys.exit("%s:%d: expected class, provision, fact, then one or two pairs of "
                     "right|doubtful|wrong and a reason, separated by tabs" % (path, number))
        klass, eid, fact = fields[:3]
        out[(klass, normal(fact, eid), eid)] = judgements
    return out


def kappa(pairs):
    """Cohen's kappa of two judges' labels."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(1 for x, y in pairs if x == y) / n
    labels = set(x for x, _ in pairs) | set(y for _, y in pairs)
    expected = sum((sum(1 for x, _ in pairs if x == l) / n) * (sum(1 for _, y in pairs if y == l) / n) for l in labels)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def judged(results, judgements):
    """The precision once the extras are judged, per class (ru+en) and judge, and what is not judged."""
    judges = max((len(j) for j in judgements.values()), default=0)
    print("\n## Judged precision (ru+en, the parts the hand coding covers)\n")
    print("The extras are judged one by one in bench/coding/adjudication.tsv (judge 1: the developers; "
          "judge 2: a second judge shown neither judge 1 nor the hand coding); the hand coding stays "
          "the reference. \"both\": right for both judges.\n")
    print("| class | judge | coded | agree with the hand coding | extras right | doubtful | wrong | not judged "
          "| precision (hand) | precision (hand + judged right) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    used = set()
    unjudged = []
    pairs = []
    for klass in JUDGED_CLASSES:
        r = results.get((klass, "ru+en"))
        if not r:
            continue
        extras = sorted(set((f, e) for f, e, _, _ in r["extra"]))
        agree = r["coded"] - len(extras)
        for judge in [str(i + 1) for i in range(judges)] + (["both"] if judges == 2 else []):
            counts = {"right": 0, "doubtful": 0, "wrong": 0, None: 0}
            for f, e in extras:
                key = (klass, f, e)
                given = judgements.get(key, [])
                if judge == "both":
                    labels = [j for j, _ in given]
                    label = None if len(labels) < 2 else ("right" if labels == ["right", "right"] else
                                                          "wrong" if "wrong" in labels else "doubtful")
                else:
                    index = int(judge) - 1
                    label = given[index][0] if index < len(given) else None
                counts[label] += 1
                if given:
                    used.add(key)
                elif judge == "1":
                    unjudged.append(key)
                if judge == "1" and len(given) == 2:
                    pairs.append((given[0][0], given[1][0]))
            print("| %s | %s | %d | %d | %d | %d | %d | %d | %s | %s |" % (
                klass, judge, r["coded"], agree, counts["right"], counts["doubtful"], counts["wrong"], counts[None],
                fmt(agree / r["coded"] if r["coded"] else None),
                fmt((agree + counts["right"]) / r["coded"] if r["coded"] else None)))
    if pairs:
        same = sum(1 for x, y in pairs if x == y)
        print("\nThe two judges agree on %d of %d extras (Cohen's kappa %s)." % (same, len(pairs), fmt(kappa(pairs))))
    for klass, f, e in unjudged:
        print("\n- not judged: %s `%s` at %s" % (klass, f, e))
    for key in sorted(set(judgements) - used):
        print("\n- judged, but no longer an extra proposal: %s `%s` at %s" % key)


def main():
    hand_dir, coded_file, instrument = sys.argv[1:4]
    hand = read(sorted(glob.glob(hand_dir + "/**/*.xml", recursive=True)), instrument)
    coded_all = read(coded_file.split(","), instrument)
    classes = ["bodies", "decision_rules", "competence", "autonomy", "authority", "parties"]
    if len(sys.argv) > 4:  # a subset, e.g. "authority,parties"
        classes = sys.argv[4].split(",")
    languages = sorted(set(l for *_, l, _, _ in [(c[0], c[1], c[2], c[3], c[4], c[5]) for c in coded_all] if l))
    # The reference covers the parts the hand coding annotates (the Treaty and some annexes): a
    # proposal in an annex nobody coded by hand cannot be judged against it. The main table scores
    # the proposals in those parts; the second, every proposal.
    covered = sorted(set(part_of(e) for _, _, e, *_ in hand if e != "*"))
    in_covered = [c for c in coded_all if part_of(c[2]) in covered or c[2] == "*"]
    print("## Agreement with the hand coding: %s\n" % instrument)
    # Within a covered part, the hand file may say that it codes some classes only (the Court's
    # Statute: the dispute-settlement items): bench/coding/hand_scope.tsv quotes those headers.
    # The first table leaves out, on both sides, the facts of a class the part's hand coding does
    # not set out to code; the second and third do not, and stay the figures of record beside it.
    here = __file__.rsplit("/", 1)[0] + "/" if "/" in __file__ else ""
    scope = read_scope(here + "hand_scope.tsv", instrument) if glob.glob(here + "hand_scope.tsv") else {}
    if scope:
        print("Within the hand coding's declared scope (bench/coding/hand_scope.tsv: %s):\n" % "; ".join(
            "%s for %s only" % (part, ", ".join(sorted(k))) for part, k in sorted(scope.items())))
        table([h for h in hand if in_scope(scope, h[0], h[2])],
              [c for c in in_covered if in_scope(scope, c[0], c[2])], languages, classes)
        print()
    print("Over the parts the hand coding covers (%s):\n" % ", ".join(covered))
    results = table(hand, in_covered, languages, classes)
    print("\nOver every proposal (the other parts have no hand coding, so their proposals count as extra):\n")
    table(hand, coded_all, languages, classes)
    for klass in [k for k in ["bodies", "decision_rules", "authority", "parties"] if k in classes]:
        r = results[(klass, "ru+en")]
        print("\n### %s: disagreements (ru+en)\n" % klass)
        print("Hand facts the coder did not propose at their provision:\n")
        for f, e in r["missed"]:
            print("- `%s` at %s" % (f, e))
        print("\nCoder proposals the hand coding does not have at that provision:\n")
        seen = set()
        for f, e, rule, quote in r["extra"]:
            if (f, e) in seen:
                continue
            seen.add((f, e))
            print("- `%s` at %s (rule %s): \"%s\"" % (f, e, rule, (quote or "")[:140]))
    adjudication = here + "adjudication.tsv"
    if instrument == "eaeu" and glob.glob(adjudication):
        judged(results, read_judgements(adjudication))
    for klass in [k for k in ["competence", "autonomy"] if k in classes]:
        r = results[(klass, "ru+en")]
        print("\n### %s: %d hand facts missed, %d proposals unmatched (ru+en; not listed)" % (
            klass, len(r["missed"]), len(r["extra"])))


if __name__ == "__main__":
    main()
