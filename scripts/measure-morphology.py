#!/usr/bin/env python3
"""Which morphological analyser the geoparser should use for Russian, by measurement.

For every capitalised Cyrillic word of a FactRuEval part, it asks whether the word reaches a Cyrillic name of the
gazetteer's tables (cities500's names and alternate names, country and region names) as written, through its
Hunspell lemmas (ru_RU), or through its Snowball stem (the names stemmed alike), and counts that separately for the
words that are a gold place span on their own and for the words outside any gold span. A good analyser reaches many
of the first and few of the second.

  scripts/measure-morphology.py ../shared/data/recognition/factru-dev.ru.spans.jsonl

Needs the command-line tools `hunspell` (Debian: hunspell, hunspell-ru) and `stemwords` (libstemmer-tools), zstd.
Results: docs/QUALITY.md.
"""
import json, pathlib, re, subprocess, sys, collections
assets = pathlib.Path(__file__).resolve().parent.parent / "assets" / "gazetteer"
if len(sys.argv) != 2: sys.exit(__doc__)
cyr = re.compile(r'^[А-ЯЁ][а-яё]+$')
names = set()
z = subprocess.run(['zstdcat', str(assets / 'cities500.txt.zst')], capture_output=True, text=True).stdout
for line in z.splitlines():
    f = line.split('\t')
    for n in [f[1], f[2]] + f[3].split(','):
        if cyr.match(n): names.add(n.lower())
for fn, col in (('country_names.tsv', 2), ('admin1_names.tsv', 2)):
    for line in open(assets / fn, encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if len(f) > col and cyr.match(f[col]): names.add(f[col].lower())
gold, other = collections.Counter(), collections.Counter()
for line in open(sys.argv[1], encoding='utf-8'):
    d = json.loads(line); t = d['text']
    spans = [(s['start'], s['end']) for s in d['spans']]
    for m in re.finditer(r'[А-ЯЁ][а-яё]+', t):
        if m.start() > 0 and t[m.start()-1].isalpha(): continue
        ingold = any(a <= m.start() < b for a, b in spans)
        whole = (m.start(), m.end()) in spans
        if whole: gold[m.group()] += 1
        elif not ingold: other[m.group()] += 1
words = sorted(set(gold) | set(other))
hs = subprocess.run(['hunspell', '-d', 'ru_RU', '-s'], input='\n'.join(words) + '\n', capture_output=True, text=True).stdout
lem = collections.defaultdict(list)
for line in hs.splitlines():
    p = line.split()
    if len(p) == 2: lem[p[0]].append(p[1])
sw = subprocess.run(['stemwords', '-l', 'russian'], input='\n'.join(w.lower() for w in words) + '\n', capture_output=True, text=True).stdout.split('\n')
stem = dict(zip(words, sw))
ns = subprocess.run(['stemwords', '-l', 'russian'], input='\n'.join(sorted(names)) + '\n', capture_output=True, text=True).stdout.split('\n')
stemmed_names = set(ns)
def hun(w):  # a place name reached: as written, or through a capitalised lemma (a proper noun of the dictionary)
    if w.lower() in names: return True
    return any(l[0].isupper() and l.lower() in names for l in lem[w])
def hun_common(w):  # the dictionary knows it as an ordinary word: every lemma lower case
    return bool(lem[w]) and all(l[0].islower() for l in lem[w])
def snow(w): return w.lower() in names or stem[w] in stemmed_names
for name, f in (('as written', lambda w: w.lower() in names), ('hunspell', hun), ('snowball', snow)):
    g = sum(c for w, c in gold.items() if f(w)); o = sum(c for w, c in other.items() if f(w))
    print(f'{name:12} gold one-word place spans reached {g}/{sum(gold.values())} = {g/sum(gold.values()):.3f};'
          f' other capitalised words reaching a name {o}/{sum(other.values())} = {o/sum(other.values()):.3f}')
g = sum(c for w, c in gold.items() if hun(w) and not hun_common(w))
o2 = sum(c for w, c in other.items() if hun(w) and not hun_common(w))
print(f'hunspell, less words it knows as ordinary: gold {g}/{sum(gold.values())} = {g/sum(gold.values()):.3f}; other {o2}/{sum(other.values())} = {o2/sum(other.values()):.3f}')
