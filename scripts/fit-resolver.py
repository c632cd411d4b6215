#!/usr/bin/env python3
"""Fits the geoparser's resolver weights (gazetteer/resolver_model.hpp) on annotated corpora.

`geoparse --batch --acceptance-samples` writes, for every name the geoparser reads in a text, the evidence the
resolver weighed for it and, for each of its candidate places, what spoke for that candidate. Two models are fitted:

- acceptance (assets/geoparse/acceptance.tsv): one sample per mention the name would report, labelled by whether a
  gold span overlaps it; an L2-regularised logistic regression;
- choice (assets/geoparse/choice.tsv), with --choice only: one sample per name that a located gold mention overlaps
  and whose candidates include at least one within 161 km of the gold point and one farther; a conditional logit
  (the probability of the candidates near the gold point among all of them), L2-regularised. Off by default: fitted
  on the 278 such names of the default corpora, it did worse on the check corpus than the hand-set weights
  (docs/QUALITY.md), so choice.tsv keeps those until there is more located data to fit on.

What is known of a name depends on which other names are accepted and where they are placed (the share of the
text's places in a country, the places around it), so the fit runs to a fixed point: collect with the current
weights, fit both, write them, collect again; three rounds. A last collection then shifts the acceptance bias alone
to the value that gives the best F1 on the fit corpora.

  scripts/fit-resolver.py [--fit CORPUS]... [--check CORPUS]... [--rounds N] [--l2 L] [--choice] [--dry-run]

Defaults: fit on TR-News, FactRuEval's dev part and the project's seven gold articles; check on GeoVirus and
FactRuEval's test part (all in ../shared/data, read with the referee's own loader, ../shared/eval/geoeval.py).
Writes the weight files it fits (unless --dry-run) with the corpora and sample counts in their headers, then prints the
referee's summary line for every fit and check corpus. Needs build/incidentmap, built. Results: docs/QUALITY.md.
"""
import argparse, json, math, os, pathlib, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXE = ROOT / "build" / "incidentmap"
EVIDENCE = ["bias", "words2", "cue", "common", "start", "proper", "caps", "alias", "public_body", "repeated",
            "inflected", "variant1", "variant2", "ordinary", "person", "kind", "context", "support", "qualified", "division"]
CHOICE = ["prior", "variant", "country_share", "named_country", "near", "division", "listed", "foreign"]
ACCEPTANCE_FILE = ROOT / "assets" / "geoparse" / "acceptance.tsv"
CHOICE_FILE = ROOT / "assets" / "geoparse" / "choice.tsv"
RIGHT_KM = 161.0


def corpora_default():
    d = SHARED / "data"
    fit = [d / "geoparse" / "TR-News.xml", d / "recognition" / "factru-dev.ru.spans.jsonl"] + \
        sorted((d / "articles").glob("*.gold.json"))
    check = [d / "geoparse" / "GeoVirus.xml", d / "recognition" / "factru-test.ru.spans.jsonl"]
    return fit, check


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def collect(docs):
    """Acceptance rows (features, label) and choice rows (candidate features, indices of the right ones)."""
    request = "".join(json.dumps(dict(id=str(i), text=d["text"], lang=d.get("lang"), published=d.get("published")),
                                 ensure_ascii=False) + "\n" for i, d in enumerate(docs))
    out = subprocess.run([str(EXE), "geoparse", "--batch", "--acceptance-samples"], input=request,
                         capture_output=True, text=True, check=True).stdout
    accept, choice = [], []
    for line in out.splitlines():
        answer = json.loads(line)
        if "error" in answer: sys.exit(f"fit-resolver: document {answer['id']}: {answer['error']}")
        gold = docs[int(answer["id"])]["gold"]
        for s in answer.get("acceptance_samples", []):
            x = [float(s["features"][f]) for f in EVIDENCE]
            located = None
            for a, b in s["spans"]:
                hits = [g for g in gold if g["start"] < b and a < g["end"]]
                if any(g["ignore"] for g in hits): continue  # the gold says nothing of this stretch
                accept.append((x, 1.0 if hits else 0.0))
                located = located or next((g for g in hits if g.get("lat") is not None), None)
            if located is None or len(s["candidates"]) < 2: continue
            cands = [[float(c["features"][f]) for f in CHOICE] for c in s["candidates"]]
            right = [i for i, c in enumerate(s["candidates"])
                     if km(located["lat"], located["lon"], c["lat"], c["lon"]) <= RIGHT_KM]
            if 0 < len(right) < len(cands): choice.append((cands, right))
    return accept, choice


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


def newton(start, l2, free, accumulate, iterations):
    """Newton steps on an L2-regularised loss until they are negligible. `accumulate(w, grad, hess)` adds the loss's
    gradient and Hessian (or Fisher information) at w; the weight at index `free`, if any, is not regularised."""
    n = len(start)
    w = start[:]
    for _ in range(iterations):
        grad = [0.0 if k == free else l2 * w[k] for k in range(n)]
        hess = [[(l2 if i == j and i != free else 0.0) for j in range(n)] for i in range(n)]
        accumulate(w, grad, hess)
        for i in range(n): hess[i][i] += 1e-9
        step = solve(hess, grad)
        w = [wk - sk for wk, sk in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6: break
    return w


def add_outer(hess, weight, v):
    """hess += weight * v v^T, skipping the zero entries of v (most features are 0 for most samples)."""
    for i, vi in enumerate(v):
        if vi == 0: continue
        wi = weight * vi
        row = hess[i]
        for j, vj in enumerate(v): row[j] += wi * vj


def fit_logistic(rows, l2, start):
    """The L2-regularised log-loss (the bias, feature 0, is not regularised)."""
    def accumulate(w, grad, hess):
        for x, y in rows:
            z = sum(wk * xk for wk, xk in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for i, xi in enumerate(x): grad[i] += (p - y) * xi
            add_outer(hess, p * (1 - p), x)
    return newton(start, l2, 0, accumulate, 30)


def softmax(z):
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e]


def fit_conditional_logit(samples, l2, start):
    """Fisher scoring on the L2-regularised log-probability of the right candidates among all of a name's."""
    n = len(start)

    def accumulate(w, grad, fisher):
        for cands, right in samples:
            z = [sum(wk * xk for wk, xk in zip(w, x)) for x in cands]
            p = softmax(z)
            q = softmax([z[i] for i in right])
            mean_p = [sum(p[c] * cands[c][k] for c in range(len(cands))) for k in range(n)]
            mean_q = [sum(q[j] * cands[i][k] for j, i in enumerate(right)) for k in range(n)]
            for k in range(n): grad[k] += mean_p[k] - mean_q[k]
            for c in range(len(cands)): add_outer(fisher, p[c], [cands[c][k] - mean_p[k] for k in range(n)])
    return newton(start, l2, None, accumulate, 50)


def best_offset(rows, w, gold_count):
    """The shift of the bias, in steps of 0.1 within [-2, 2], that maximises F1 over the corpora (the log-loss fits
    probabilities; the product is judged on F1, whose recall counts the gold mentions no name reached too). The
    smallest shift wins a tie."""
    scores = [(sum(wk * xk for wk, xk in zip(w, x)), y) for x, y in rows]
    best_key, best_t = None, 0.0
    for step in range(-20, 21):
        t = step / 10
        chosen = [y for z, y in scores if z + t > 0]
        f1 = 2 * sum(chosen) / (len(chosen) + gold_count) if chosen or gold_count else 0.0
        key = (round(f1, 6), -abs(t))
        if best_key is None or key > best_key: best_key, best_t = key, t
    return best_t


def corpus_names(corpora):
    articles = [c for c in corpora if c.name.endswith(".gold.json")]
    names = [c.name for c in corpora if not c.name.endswith(".gold.json")]
    if articles: names.append(f"{len(articles)} gold articles")
    return ", ".join(names)


def read_weights(path, names):
    w = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            k, v = line.split("\t")
            w[k] = float(v)
    return [w[f] for f in names]


def write_weights(path, names, w, header):
    text = "".join(f"# {line}\n" for line in header) + "".join(f"{f}\t{v:.4f}\n" for f, v in zip(names, w))
    tmp = path.with_suffix(".tsv.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main():
    fit_default, check_default = corpora_default()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", action="append", type=pathlib.Path)
    ap.add_argument("--check", action="append", type=pathlib.Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--choice", action="store_true", help="fit the choice weights too")
    ap.add_argument("--dry-run", action="store_true", help="fit and print, then put the weights back as they were")
    ap.add_argument("--demonyms-for", action="append", default=["TR-News.xml"],
                    help="corpora whose gold counts demonyms, scored with --demonyms (default: TR-News.xml)")
    args = ap.parse_args()
    fit_corpora, check_corpora = args.fit or fit_default, args.check or check_default
    sys.path.insert(0, str(SHARED / "eval"))
    try:
        import geoeval
    except ImportError:
        sys.exit(f"fit-resolver: the referee {SHARED / 'eval' / 'geoeval.py'} is not there (it lives beside a "
                 "developer's checkout)")
    for c in fit_corpora + check_corpora:
        if not c.exists(): sys.exit(f"fit-resolver: {c} is not there")
    if not EXE.exists(): sys.exit(f"fit-resolver: {EXE} is not built")
    docs = [d for c in fit_corpora for d in geoeval.load(str(c))]
    gold_count = sum(1 for d in docs for g in d["gold"] if not g["ignore"] and not g.get("optional"))
    originals = {p: p.read_text(encoding="utf-8") for p in (ACCEPTANCE_FILE, CHOICE_FILE)}
    wa, wc = read_weights(ACCEPTANCE_FILE, EVIDENCE), read_weights(CHOICE_FILE, CHOICE)
    for r in range(args.rounds + 1):
        accept, choice = collect(docs)
        if r < args.rounds:
            wa = fit_logistic(accept, args.l2, wa)
            if args.choice: wc = fit_conditional_logit(choice, args.l2, wc)
        else:  # the last collection, with the fitted weights: only the acceptance bias moves, to the best F1
            wa[0] += best_offset(accept, wa, gold_count)
        positives = sum(y for _, y in accept)
        label = f"round {r + 1}" if r < args.rounds else "bias"
        print(f"{label}: acceptance {len(accept)} samples ({positives:.0f} places): "
              + ", ".join(f"{f} {v:+.2f}" for f, v in zip(EVIDENCE, wa)), file=sys.stderr)
        print(f"{label}: choice {len(choice)} names: " + ", ".join(f"{f} {v:+.2f}" for f, v in zip(CHOICE, wc)),
              file=sys.stderr)
        fitted = f"scripts/fit-resolver.py (L2 {args.l2}, {args.rounds} rounds, then the acceptance bias) on"
        write_weights(ACCEPTANCE_FILE, EVIDENCE, wa, [
            "Acceptance weights of the geoparser (gazetteer/resolver_model.hpp): the log-odds that a name is a place",
            "is the sum of each feature's value times its weight, the bias shifted for the best F1. Fitted by",
            fitted, f"{len(accept)} mentions ({positives:.0f} places) of {corpus_names(fit_corpora)}."])
        if args.choice: write_weights(CHOICE_FILE, CHOICE, wc, [
            "Choice weights of the geoparser (gazetteer/resolver_model.hpp): a candidate place's score is the sum of",
            "each feature's value times its weight, and a name is its candidate of highest score. Fitted by", fitted,
            f"{len(choice)} names with candidates within {RIGHT_KM:.0f} km of the gold point and farther, of "
            f"{corpus_names(fit_corpora)}."])
    try:
        for c in fit_corpora[:2] + [pathlib.Path("articles")] + check_corpora:
            paths = [str(p) for p in (sorted((SHARED / "data" / "articles").glob("*.gold.json")) if c.name == "articles" else [c])]
            cmd = f"{EXE} geoparse --batch" + (" --demonyms" if c.name in args.demonyms_for else "")
            line = subprocess.run([sys.executable, str(SHARED / "eval" / "geoeval.py"), "places", "--cmd", cmd] + paths,
                                  capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            role = "check" if c in check_corpora else "fit  "
            print(f"{role} {c.name}: {line}")
    finally:
        if args.dry_run:
            for p, text in originals.items(): p.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
