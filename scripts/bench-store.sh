#!/usr/bin/env bash
# The corpus and store benchmarks of issue 18, printed as Markdown (copied into docs/BENCHMARKS.md by hand):
#  1. ingest of N synthetic articles of news length (scripts/make-news.py) into a new GeoPackage on one core
#     (taskset -c 0): wall clock, articles a second, and peak memory for N/5 and N articles (flat memory: the same);
#  2. a project of 1M incidents (the ingested incidents repeated at shifted places, imported with --no-merge);
#  3. export of it to GeoJSON and to FlatGeobuf beside ogr2ogr on the same layer, RUNS times each, alternating;
#  4. render of it (opening the GeoPackage, filtering, drawing 1280x800), RUNS times.
#   scripts/bench-store.sh [ARTICLES] [INCIDENTS]   defaults 10000 and 1000000; RUNS=3; WORK=dir (default a temporary
#                                                    one, removed at the end; about 3 GB for 1M incidents)
# Uses Debian's python3 (/usr/bin/python3), GNU time and GDAL's ogr2ogr.
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${1:-10000}"
incidents="${2:-1000000}"
runs="${RUNS:-3}"
exe="$PWD/build/incidentmap"
cmake -S . -B build >/dev/null
cmake --build build -j "${JOBS:-2}" >/dev/null
if [ -n "${WORK:-}" ]; then work="$WORK"; mkdir -p "$work"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi

# timed LABEL COMMAND...: one run; prints "seconds peak_kb" from GNU time.
timed() {
  local log="$work/time.log"
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$work/stderr.log" || { cat "$work/stderr.log" >&2; return 1; }
  cat "$log"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "## Machine"
echo
echo "- $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "- $(grep PRETTY_NAME /etc/os-release | cut -d= -f2 | tr -d '"'), $(ogr2ogr --version), commit $(git rev-parse --short HEAD)"
echo

echo "## Ingest into a GeoPackage, one core (taskset -c 0)"
echo
rm -rf "$work/news" "$work/news-small"
/usr/bin/python3 scripts/make-news.py "$articles" "$work/news"
small=$((articles / 5))
mkdir -p "$work/news-small"
files=("$work"/news/*)  # sorted by name
cp "${files[@]:0:$small}" "$work/news-small/"
echo "| articles | bytes | wall clock | articles/s | peak memory |"
echo "|---|---|---|---|---|"
for dir in news-small news; do
  n="$(ls "$work/$dir" | wc -l)"
  bytes="$(cat "$work/$dir"/* | wc -c)"
  rm -f "$work/$dir.gpkg"
  read -r s kb < <(timed taskset -c 0 "$exe" ingest "$work/$dir" --into "$work/$dir.gpkg" --published 2024-01-10)
  echo "| $n | $bytes | $s s | $(awk -v n="$n" -v s="$s" 'BEGIN { printf "%.0f", n / s }') | $((kb / 1024)) MB |"
done
echo
echo "$(grep -o '[0-9]* incidents in the project' "$work/stderr.log" || true) after the last ingest."
echo

echo "## A project of $incidents incidents"
echo
"$exe" export "$work/news.gpkg" -o "$work/seed.geojson" 2>/dev/null
/usr/bin/python3 - "$work/seed.geojson" "$work/many.geojson" "$incidents" <<'PY'
import json, sys
src = json.load(open(sys.argv[1]))["features"]
n, total = len(src), int(sys.argv[3])
with open(sys.argv[2], "w") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    for i in range(total):
        feature, k = src[i % n], i // n
        p = dict(feature["properties"])
        p["id"] = f"{p['id']}-{k}"
        g = feature["geometry"]
        if g:
            x, y = g["coordinates"]
            g = {"type": "Point", "coordinates": [round(x + (k % 10) * 0.01, 5), round(y + (k // 10 % 100) * 0.01, 5)]}
        f.write(("" if i == 0 else ",\n") + json.dumps({"type": "Feature", "id": p["id"], "geometry": g, "properties": p},
                                                        ensure_ascii=False))
    f.write("\n]}\n")
PY
rm -f "$work/many.gpkg"  # a project of exactly INCIDENTS, also when WORK is reused
read -r s kb < <(timed "$exe" import "$work/many.geojson" --into "$work/many.gpkg" --no-merge)
echo "\`import many.geojson --into many.gpkg --no-merge\`: $s s, peak $((kb / 1024)) MB; the GeoPackage is $(du -m "$work/many.gpkg" | cut -f1) MB."
echo

echo "## Export of the $incidents incidents, beside ogr2ogr (median of $runs, alternating)"
echo
echo "| output | incidentmap export | ogr2ogr | ratio | export peak memory |"
echo "|---|---|---|---|---|"
for format in GeoJSON FlatGeobuf; do
  ext=geojson; [ "$format" = FlatGeobuf ] && ext=fgb
  # FlatGeobuf keeps no feature without a geometry: the export leaves the unlocated out (--bbox of the world),
  # ogr2ogr drops them itself.
  select=(); [ "$format" = FlatGeobuf ] && select=(--bbox -180,-90,180,90)
  ours=(); theirs=(); peak=0
  for _ in $(seq "$runs"); do
    rm -f "$work/out.$ext" "$work/ogr.$ext"
    read -r s kb < <(timed "$exe" export "$work/many.gpkg" -o "$work/out.$ext" "${select[@]}")
    ours+=("$s"); peak=$kb
    read -r s kb < <(timed ogr2ogr -f "$format" "$work/ogr.$ext" "$work/many.gpkg" incidents)
    theirs+=("$s")
  done
  a="$(printf '%s\n' "${ours[@]}" | median)"; b="$(printf '%s\n' "${theirs[@]}" | median)"
  echo "| $format | $a s (${ours[*]}) | $b s (${theirs[*]}) | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }') | $((peak / 1024)) MB |"
done
echo

echo "## render of the $incidents-incident GeoPackage, 1280x800 (median of $runs)"
echo
times=()
for _ in $(seq "$runs"); do
  read -r s kb < <(timed "$exe" render "$work/many.gpkg" -o "$work/many.png")
  times+=("$s")
done
echo "\`render many.gpkg -o many.png\`: $(printf '%s\n' "${times[@]}" | median) s (${times[*]}), peak $((kb / 1024)) MB"
