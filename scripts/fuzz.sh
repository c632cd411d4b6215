#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang 14 in build-fuzz/ and runs each of them in turn.
#   scripts/fuzz.sh [SECONDS] [TARGET...]   each target for SECONDS (default 60); every target unless some are named
# Needs clang-14 and libclang-rt-14-dev (scripts/install-deps.sh --fuzz).
# Seeds are made anew on each run from the tests, the docs and the embedded data (make_seeds below); what a target
# learns stays in build-fuzz/corpus/TARGET for the next run. Two runs on different targets may go side by side. A crash, a sanitizer report, an uncaught exception, an
# input running past 25 s or a process over 4 GiB stops that target and leaves the input in
# build-fuzz/findings/TARGET/; the others still run, and the script exits 1. A summary table ends the run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
all=(fuzz_text fuzz_batch fuzz_incident_file fuzz_geonames fuzz_tables fuzz_osm fuzz_index fuzz_viewer_files fuzz_eval_corpus)
targets=("${@:-${all[@]}}")
dir=build-fuzz
jobs=${JOBS:-2}

CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINCIDENTMAP_FUZZ=ON \
  -DINCIDENTMAP_BUILD_TESTS=OFF -DINCIDENTMAP_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$dir" -j "$jobs" --target "${targets[@]}" incidentmap-full

seeds=$dir/seeds/$$  # this run's: two runs on different targets may go side by side
trap 'rm -rf "$seeds"' EXIT
# Writes stdin to seeds/TARGET/NAME behind the one-letter variant prefix the target reads (fuzz/fuzz_input.hpp).
seed() { mkdir -p "$seeds/$1"; { printf '%s' "$3"; cat; } >"$seeds/$1/$2"; }
# The body of the C++ raw string that starts on the line matching PATTERN in FILE.
raw_string() { sed -n "/$2/,/^)\"/p" "$1" | sed '1s/.*R"(//;$d'; }

make_seeds() {
  local n=0 lang tsv line
  for tsv in tests/extract/sentences/*.tsv; do
    lang=$(basename "$tsv" .tsv)
    while IFS=$'\t' read -r _ line; do
      n=$((n + 1))
      printf '%s' "$line" | seed fuzz_text "$lang-$n" "${lang:0:1}"
      printf '{"id":%d,"lang":"%s","published":"2022-01-06","text":"%s"}\n' "$n" "$lang" "${line//\"/\\\"}" |
        seed fuzz_batch "$lang-$n" "$([ $((n % 2)) = 0 ] && echo g || echo x)"
    done < <(grep -v '^#' "$tsv" | grep $'\t' | head -40)
  done
  while IFS=$'\t' read -r file lang published; do
    seed fuzz_text "sample-$file" "${lang:0:1}" <"assets/samples/$file"
  done < <(grep -v '^#' assets/samples/samples.tsv)

  local samples=$dir/sample-incidents
  mkdir -p "$samples"
  "$dir/incidentmap-full" extract assets/samples/manchester.txt --lang en --published 2022-03-07 -o "$samples/m.geojson" 2>/dev/null
  local ext letter
  for ext in geojson:j csv:c geojsonl:l kml:k gpkg:p fgb:f; do
    letter=${ext#*:}; ext=${ext%:*}
    [ "$ext" = geojson ] || "$dir/incidentmap-full" extract assets/samples/lyon.txt --lang fr --published 2021-11-19 -o "$samples/l.$ext" 2>/dev/null
    seed fuzz_incident_file "lyon.$ext" "$letter" <"$samples/$([ "$ext" = geojson ] && echo m || echo l).$ext"
  done

  { zstdcat assets/gazetteer/cities500.txt.zst || true; } | head -40 >"$samples/cities.txt"  # zstdcat ends by SIGPIPE
  seed fuzz_geonames cities t <"$samples/cities.txt"
  seed fuzz_geonames cities-zst z <"$samples/cities.txt"
  zstd -q -c "$samples/cities.txt" | seed fuzz_geonames cities-raw-zst r
  printf '1\t1526384\tru\tАлматы\t1\t\t\t\t\t\n2\t1526384\ten\tAlmaty\t\t1\t\t\t\t\n3\t1526384\tlink\thttps://en.wikipedia.org/wiki/Almaty\t\t\t\t\t\t\n' |
    seed fuzz_geonames alternate-names a

  head -5 assets/gazetteer/landmarks.csv | seed fuzz_tables landmarks l
  head -5 assets/gazetteer/admin1.tsv | seed fuzz_tables admin1 d
  head -5 assets/gazetteer/admin1_names.tsv | seed fuzz_tables admin1-names n
  sed -n 2p assets/gazetteer/landmarks.csv | seed fuzz_tables csv-record c

  raw_string tests/gazetteer/test_osm_import.cpp 'std::ofstream(path) << R"(<?xml' | seed fuzz_osm tiny.osm ""

  "$dir/incidentmap-full" gazetteer build --geonames "$samples/cities.txt" --no-embedded-landmarks -o "$samples/tiny.imgz" >/dev/null 2>&1
  seed fuzz_index tiny.imgz "" <"$samples/tiny.imgz"

  sed -n '/^  {$/,/^  }$/p' viewer/view_state.hpp | sed 's#^//##; s/, \.\.\.//' | seed fuzz_viewer_files view-state v
  sed -n '/^```$/,/^```$/p' docs/VIEWER.md | grep -v '^```' | seed fuzz_viewer_files tour s

  raw_string tests/eval/test_evaluation.cpp 'write(dir \/ "GeoVirus.xml", R"(' | seed fuzz_eval_corpus geovirus.xml x
  { raw_string tests/eval/test_evaluation.cpp 'constexpr std::string_view kLyonGold' | sed 's/lyon.fr.txt/article.txt/'
    printf '\0%s' "$(sed -n 's/^constexpr std::string_view kLyonText = "\(.*\)";$/\1/p' tests/eval/test_evaluation.cpp)"; } |
    seed fuzz_eval_corpus lyon.gold g
}
make_seeds

failed=0
summary=()
for t in "${targets[@]}"; do
  rm -rf "$dir/findings/$t"
  mkdir -p "$dir/corpus/$t" "$dir/findings/$t"
  max_len=8192
  [ "$t" = fuzz_index ] && max_len=2000000
  echo "== $t: ${seconds} s"
  log=$dir/findings/$t.log
  set +e
  "$dir/fuzz/$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 -max_len=$max_len -print_final_stats=1 \
    -artifact_prefix="$dir/findings/$t/" "$dir/corpus/$t" "$seeds/$t" 2>&1 | tee "$log" |
    grep --line-buffered -E '^#[0-9]+.*(INITED|pulse)|ERROR|promise|SUMMARY|Done'
  code=${PIPESTATUS[0]}
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  units=$(find "$dir/corpus/$t" -type f | wc -l)
  if [ "$code" = 0 ]; then result=ok; else result="FAILED (exit $code, $(ls "$dir/findings/$t" | head -1))"; failed=1; fi
  summary+=("$(printf '%-20s %12s runs %7s inputs  %s' "$t" "${runs:-?}" "$units" "$result")")
done
echo
echo "fuzz summary (${seconds} s each):"
printf '  %s\n' "${summary[@]}"
exit $failed
