#!/usr/bin/env python3
"""Markdown table of the test sentences per ACLED sub-event type and language (tests/extract/sentences/*.tsv).

Usage: scripts/sub-event-table.py [SENTENCES_DIR]

Reads each language's file (EXPECTED<TAB>SENTENCE, EXPECTED the sub-event types joined by " + ", or "none") and
prints, for each of ACLED's 25 sub-event types, how many sentences of each language tell one, then the sentences
that tell none. The types and their order are ACLED's (core/incident.cpp).
"""
import pathlib, re, sys

here = pathlib.Path(__file__).resolve().parent.parent
sentences = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here / "tests/extract/sentences"
# The table of types is the program's own: read it from core/incident.cpp rather than repeat it.
types = re.findall(r'\{"([^"]+)", EventType::(\w+)\}', (here / "core/incident.cpp").read_text(encoding="utf-8"))
langs = ["fr", "en", "ru"]
counts = {t: {l: 0 for l in langs} for t, _ in types}
none = {l: 0 for l in langs}
for lang in langs:
    path = sentences / f"{lang}.tsv"
    if not path.exists():
        continue
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        expected = line.split("\t", 1)[0]
        if expected == "none":
            none[lang] += 1
            continue
        for t in expected.split(" + "):
            if t not in counts:
                sys.exit(f"{path}: '{t}' is no ACLED sub-event type")
            counts[t][lang] += 1
names = {"battles": "Battles", "explosions_remote_violence": "Explosions/Remote violence",
         "violence_against_civilians": "Violence against civilians", "protests": "Protests", "riots": "Riots",
         "strategic_developments": "Strategic developments"}
print("| event type | sub-event type | fr | en | ru |")
print("|---|---|---|---|---|")
for t, e in types:
    print(f"| {names[e]} | {t} | " + " | ".join(str(counts[t][l]) for l in langs) + " |")
print("| (no political event) | disasters, accidents, crime, drugs seized | " + " | ".join(str(none[l]) for l in langs) + " |")
