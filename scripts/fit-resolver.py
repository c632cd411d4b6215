#!/usr/bin/env python3
"""Fits the geoparser's acceptance weights (gazetteer/resolver_model.hpp) on annotated corpora.

Each name the geoparser reads in a text becomes one sample per mention it would report: the evidence the resolver
computed for it (`geoparse --batch --acceptance-samples`) and whether a gold span overlaps that mention. An
L2-regularised logistic regression over those samples gives the weights. The evidence of a name depends on which
other names are accepted (the share of the text's places in a country, the places around it), so the fit runs to a
fixed point: collect with the current weights, fit, write them, collect again; three rounds. A last collection
then shifts the bias alone to the value that gives the best F1 on the fit corpora.

  scripts/fit-resolver.py [--fit CORPUS]... [--check CORPUS]... [--rounds N] [--l2 L] [--dry-run]

Defaults: fit on TR-News, FactRuEval's dev part and the project's seven gold articles; check on GeoVirus and
FactRuEval's test part (all in ../shared/data, read with the referee's own loader, ../shared/eval/geoeval.py).
Writes assets/geoparse/acceptance.tsv (unless --dry-run) with the corpora, sample counts and command in its header,
then prints the referee's summary line for every fit and check corpus. Needs build/incidentmap, built.
Results: docs/QUALITY.md.
"""
import argparse, json, math, os, pathlib, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FEATURES = ["bias", "words2", "cue", "common", "start", "proper", "caps", "alias", "public_body", "repeated",
            "inflected", "variant1", "variant2", "ordinary", "person", "kind", "context", "support"]
WEIGHTS = ROOT / "assets" / "geoparse" / "acceptance.tsv"
EXE = ROOT / "build" / "incidentmap"


def corpora_default():
    d = SHARED / "data"
    fit = [d / "geoparse" / "TR-News.xml", d / "recognition" / "factru-dev.ru.spans.jsonl"] + \
        sorted((d / "articles").glob("*.gold.json"))
    check = [d / "geoparse" / "GeoVirus.xml", d / "recognition" / "factru-test.ru.spans.jsonl"]
    return fit, check


def collect(docs):
    """(features, label) for every mention a name would report, over the documents."""
    request = "".join(json.dumps(dict(id=str(i), text=d["text"], lang=d.get("lang"), published=d.get("published")),
                                 ensure_ascii=False) + "\n" for i, d in enumerate(docs))
    out = subprocess.run([str(EXE), "geoparse", "--batch", "--acceptance-samples"], input=request,
                         capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        answer = json.loads(line)
        if "error" in answer: sys.exit(f"fit-acceptance: document {answer['id']}: {answer['error']}")
        gold = docs[int(answer["id"])]["gold"]
        for s in answer.get("acceptance_samples", []):
            x = [float(s["features"][f]) for f in FEATURES]
            for a, b in s["spans"]:
                hits = [g for g in gold if g["start"] < b and a < g["end"]]
                if any(g["ignore"] for g in hits): continue  # the gold says nothing of this stretch
                rows.append((x, 1.0 if hits else 0.0))
    return rows


def solve(a, b):
    """a x = b by Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1): m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def fit(rows, l2, start):
    """Newton's method on the L2-regularised log-loss (the bias is not regularised)."""
    n = len(FEATURES)
    w = start[:]
    for _ in range(30):
        grad = [l2 * w[k] if k else 0.0 for k in range(n)]
        hess = [[(l2 if (i == j and i) else 0.0) for j in range(n)] for i in range(n)]
        for x, y in rows:
            z = sum(wk * xk for wk, xk in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - y
            h = p * (1 - p)
            for i in range(n):
                if x[i] == 0: continue
                grad[i] += g * x[i]
                hi = h * x[i]
                row = hess[i]
                for j in range(n): row[j] += hi * x[j]
        for i in range(n): hess[i][i] += 1e-9
        step = solve(hess, grad)
        w = [wk - sk for wk, sk in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6: break
    return w


def best_offset(rows, w, gold_count):
    """The shift of the bias, in steps of 0.1 within [-2, 2], that maximises F1 over the corpora (the log-loss fits
    probabilities; the product is judged on F1, whose recall counts the gold mentions no name reached too). The
    smallest shift wins a tie."""
    scores = [(sum(wk * xk for wk, xk in zip(w, x)), y) for x, y in rows]
    positives = gold_count
    best_key, best_t = None, 0.0
    for step in range(-20, 21):
        t = step / 10
        chosen = [y for z, y in scores if z + t > 0]
        f1 = 2 * sum(chosen) / (len(chosen) + positives) if chosen or positives else 0.0
        key = (round(f1, 6), -abs(t))
        if best_key is None or key > best_key: best_key, best_t = key, t
    return best_t


def corpus_names(corpora):
    articles = [c for c in corpora if c.name.endswith(".gold.json")]
    names = [c.name for c in corpora if not c.name.endswith(".gold.json")]
    if articles: names.append(f"{len(articles)} gold articles")
    return ", ".join(names)


def read_weights():
    w = {}
    for line in WEIGHTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            k, v = line.split("\t")
            w[k] = float(v)
    return [w[f] for f in FEATURES]


def write_weights(w, header):
    text = "".join(f"# {line}\n" for line in header) + "".join(f"{f}\t{v:.4f}\n" for f, v in zip(FEATURES, w))
    tmp = WEIGHTS.with_suffix(".tsv.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, WEIGHTS)


def main():
    fit_default, check_default = corpora_default()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", action="append", type=pathlib.Path)
    ap.add_argument("--check", action="append", type=pathlib.Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--dry-run", action="store_true", help="fit and print, write nothing")
    ap.add_argument("--demonyms-for", action="append", default=["TR-News.xml"],
                    help="corpora whose gold counts demonyms, scored with --demonyms (default: TR-News.xml)")
    args = ap.parse_args()
    fit_corpora, check_corpora = args.fit or fit_default, args.check or check_default
    sys.path.insert(0, str(SHARED / "eval"))
    try:
        import geoeval
    except ImportError:
        sys.exit(f"fit-acceptance: the referee {SHARED / 'eval' / 'geoeval.py'} is not there (it lives beside a "
                 "developer's checkout)")
    for c in fit_corpora + check_corpora:
        if not c.exists(): sys.exit(f"fit-acceptance: {c} is not there")
    if not EXE.exists(): sys.exit(f"fit-acceptance: {EXE} is not built")
    docs = [d for c in fit_corpora for d in geoeval.load(str(c))]
    gold_count = sum(1 for d in docs for g in d["gold"] if not g["ignore"] and not g.get("optional"))
    original = WEIGHTS.read_text(encoding="utf-8")
    w = read_weights()
    for r in range(args.rounds + 1):
        rows = collect(docs)
        if r < args.rounds:
            w = fit(rows, args.l2, w)
        else:  # the last collection, with the fitted weights: only the bias moves, to the best F1
            w[0] += best_offset(rows, w, gold_count)
        positives = sum(y for _, y in rows)
        print(f"{'round ' + str(r + 1) if r < args.rounds else 'bias'}: {len(rows)} samples ({positives:.0f} places), weights "
              + ", ".join(f"{f} {v:+.2f}" for f, v in zip(FEATURES, w)), file=sys.stderr)
        write_weights(w, [
            "Acceptance weights of the geoparser (gazetteer/resolver_model.hpp): the log-odds that a name is a place is the",
            "sum of each feature's value times its weight, the bias shifted for the best F1. Fitted by",
            f"scripts/fit-resolver.py (L2 {args.l2}, {args.rounds} rounds, then the bias) on",
            f"{len(rows)} mentions ({positives:.0f} places) of " + corpus_names(fit_corpora) + ".",
        ])
    try:
        for c in fit_corpora[:2] + [pathlib.Path("articles")] + check_corpora:
            paths = [str(p) for p in (sorted((SHARED / "data" / "articles").glob("*.gold.json")) if c.name == "articles" else [c])]
            cmd = f"{EXE} geoparse --batch" + (" --demonyms" if c.name in args.demonyms_for else "")
            line = subprocess.run([sys.executable, str(SHARED / "eval" / "geoeval.py"), "places", "--cmd", cmd] + paths, capture_output=True, text=True,
                                  check=True).stdout.strip().splitlines()[-1]
            role = "check" if c in check_corpora else "fit  "
            print(f"{role} {c.name}: {line}")
    finally:
        if args.dry_run: WEIGHTS.write_text(original, encoding="utf-8")


if __name__ == "__main__":
    main()
