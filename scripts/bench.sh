#!/usr/bin/env bash
# Runs incidentmap's benchmarks and prints the results as Markdown (copied into docs/BENCHMARKS.md by hand).
#   scripts/bench.sh     builds in build/ (Release) first
#   SCALE_PLACES=N       size of the synthetic GeoNames dump for the scale step (default 12,000,000, allCountries'
#                        size; 0 skips it). The dump takes 1.4 GB in \$TMPDIR while the step runs.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build >/dev/null
cmake --build build -j "${JOBS:-2}" >/dev/null

echo "## Machine"
echo
echo "- $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "- $(lsb_release -ds 2>/dev/null || grep PRETTY_NAME /etc/os-release | cut -d= -f2 | tr -d '"'), $(g++ --version | head -1)"
echo
echo "## Building the default gazetteer index (cities500 + embedded tables)"
echo
# hyperfine opens its export file with truncation: a table written to /dev/stdout would wipe a redirected log.
table="$(mktemp)"
hyperfine --style none --warmup 1 --runs 3 --export-markdown "$table" \
  "build/incidentmap gazetteer build --geonames assets/gazetteer/cities500.txt.zst -o build/bench-gazetteer.imgz" >/dev/null
cat "$table"
rm -f build/bench-gazetteer.imgz
echo
echo "## Filling the basemap's polygons: ear clipping against GEOS's constrained Delaunay triangulation"
echo
build/incidentmap_bench_triangulation
echo
echo "## 'incidentmap gazetteer lookup Almaty' as a whole process"
echo
hyperfine --style none --warmup 3 --runs 30 -N --export-markdown "$table" "build/incidentmap gazetteer lookup Almaty" >/dev/null
cat "$table"
rm -f "$table"
echo
echo "## Lookups in process (build/incidentmap_bench_gazetteer)"
echo
build/incidentmap_bench_gazetteer build/gazetteer.imgz

if [ "${SCALE_PLACES:-12000000}" != 0 ]; then
  places="${SCALE_PLACES:-12000000}"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo
  echo "## Scale: a synthetic GeoNames dump of $places places (build/incidentmap_synthetic_geonames)"
  echo
  build/incidentmap_synthetic_geonames "$places" > "$tmp/synthetic.txt"
  /usr/bin/time -v build/incidentmap gazetteer build --geonames "$tmp/synthetic.txt" -o "$tmp/synthetic.imgz" \
    > "$tmp/log" 2>&1
  built="$(grep '^built ' "$tmp/log" | sed 's/^built [^:]*: //')"
  wall="$(grep 'Elapsed (wall clock)' "$tmp/log" | awk '{print $NF}')"
  peak="$(grep 'Maximum resident set size' "$tmp/log" | awk '{printf "%.2f GB", $NF / 1048576}')"
  echo "| input | build | wall clock | peak memory (RSS) |"
  echo "|---|---|---|---|"
  echo "| $(du -h "$tmp/synthetic.txt" | cut -f1), $(wc -l < "$tmp/synthetic.txt") lines | $built | $wall | $peak |"
fi

echo
echo "## Viewer: one million synthetic incidents (view --bench), 1280x800, Xvfb + Mesa llvmpipe"
echo
xvfb-run -a -s "-screen 0 1280x800x24" build/incidentmap view --bench "${BENCH_INCIDENTS:-1000000}" --size 1280x800
echo
echo "## Viewer: the same with 10 incidents (the basemap alone)"
echo
xvfb-run -a -s "-screen 0 1280x800x24" build/incidentmap view --bench 10 --size 1280x800

echo
echo "## Reading text: GeoVirus + TR-News repeated ten times (needs ../shared)"
echo
# requests OUT CORPUS...: the corpora's texts, read with the referee's loader, ten times over, as NDJSON requests.
requests() {
  python3 - "$@" <<'PY'
import json, sys
sys.path.insert(0, "../shared/eval")
import geoeval
docs = [d for corpus in sys.argv[2:] for d in geoeval.load(corpus)]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for _ in range(10):
        for d in docs:
            f.write(json.dumps(dict(id=d["id"], text=d["text"], lang=d["lang"], published=d["published"]), ensure_ascii=False) + "\n")
PY
}
# timed NAME COMMAND... < REQUESTS: one run, as a line with its throughput.
timed() {
  local name=$1; shift
  local start end
  start=$(date +%s.%N); "$@" < "$req" > /dev/null; end=$(date +%s.%N)
  python3 -c "print('- \`$name\`: %d bytes in %.2f s, %.2f MB/s' % ($bytes, $end - $start, $bytes / 1e6 / ($end - $start)))"
}
if [ -d ../shared/data/geoparse ]; then
  req="$(mktemp)"
  requests "$req" ../shared/data/geoparse/TR-News.xml ../shared/data/geoparse/GeoVirus.xml
  bytes="$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1])))" "$req")"
  timed "geoparse --batch" build/incidentmap geoparse --batch
  timed "extract --batch" build/incidentmap extract --batch
  echo
  if [ -d ../shared/data/recognition ]; then
    echo "Russian: FactRuEval dev + test repeated ten times:"
    requests "$req" ../shared/data/recognition/factru-dev.ru.spans.jsonl ../shared/data/recognition/factru-test.ru.spans.jsonl
    bytes="$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1])))" "$req")"
    timed "geoparse --batch (Russian)" build/incidentmap geoparse --batch
    echo
  fi
  rm -f "$req"
  echo "Start-up and one empty request (median of 20 runs):"
  python3 - <<'PY'
import statistics, subprocess, time
for cmd in (["build/incidentmap", "geoparse", "--batch"], ["build/incidentmap", "extract", "--batch"]):
    runs = []
    for _ in range(21):
        t = time.perf_counter()
        subprocess.run(cmd, input=b'{"id":"1","text":"","lang":"en"}\n', capture_output=True, check=True)
        runs.append(time.perf_counter() - t)
    print("- `%s`: %.1f ms" % (" ".join(cmd[1:]), statistics.median(runs[1:]) * 1000))
# The first text of a language also loads that language's Hunspell dictionary.
for lang, text in (("en", "Protesters gathered in Almaty on Friday."), ("fr", "Des manifestants se sont réunis à Almaty."),
                   ("ru", "В Москве прошёл митинг.")):
    runs = []
    for _ in range(11):
        t = time.perf_counter()
        subprocess.run(["build/incidentmap", "geoparse", "--batch"], capture_output=True, check=True,
                       input=('{"id":"1","text":"%s","lang":"%s"}\n' % (text, lang)).encode())
        runs.append(time.perf_counter() - t)
    print("- `geoparse --batch`, one %s sentence: %.1f ms" % (lang, statistics.median(runs[1:]) * 1000))
PY
else
  echo "skipped: ../shared/data/geoparse is not there"
fi
