#!/usr/bin/env bash
# Whether geoparse and extract stay linear in the text: times and peak memory on texts of 1 to 100 MB, of two kinds,
# printed as a Markdown table (docs/BENCHMARKS.md records a run).
#   one-line   "Explosion in Paris killed three. " repeated, without a line break (a pasted page, a log)
#   incidents  one report a paragraph, a different day and one of four cities each: many incidents to assemble
#
# Usage: scripts/bench-linear.sh [SIZES_MB...]     (default: 1 4 16 64 100; build/incidentmap must be built)
set -euo pipefail
cd "$(dirname "$0")/.."
exe=build/incidentmap
[ -x "$exe" ] || { echo "bench-linear: build first (cmake --build build)" >&2; exit 2; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 4 16 64 100)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_text() {  # KIND MB FILE
  python3 - "$1" "$2" "$3" <<'PY'
import datetime, sys
kind, mb, path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
target = int(mb * 1_000_000)
with open(path, "w", encoding="utf-8") as f:
    written = 0
    if kind == "one-line":
        unit = "Explosion in Paris killed three. "
        n = max(1, target // len(unit))
        f.write(unit * n)
    else:
        cities = ["Paris", "Lyon", "Marseille", "Toulouse"]
        day, i = datetime.date(2000, 1, 1), 0
        while written < target:
            s = f"An explosion in {cities[i % 4]} killed {i % 7 + 2} people on {(day + datetime.timedelta(days=i // 4)).isoformat()}.\n\n"
            f.write(s)
            written += len(s)
            i += 1
PY
}

echo "| text | MB | geoparse s | geoparse MB/s | geoparse peak MB | extract s | extract MB/s | extract peak MB |"
echo "|---|---|---|---|---|---|---|---|"
for kind in one-line incidents; do
  for mb in "${sizes[@]}"; do
    file="$work/$kind-$mb.txt"
    make_text "$kind" "$mb" "$file"
    bytes=$(stat -c %s "$file")
    row="| $kind | $(python3 -c "print(round($bytes/1e6, 1))")"
    for cmd in geoparse extract; do
      # A text over the default 64 MiB request limit needs it raised.
      /usr/bin/time -f "%e %M" -o "$work/time" "$exe" "$cmd" "$file" --lang en --max-bytes $((bytes + 1)) > /dev/null 2> "$work/err" ||
        { echo "bench-linear: $cmd failed on $file:" >&2; cat "$work/err" >&2; exit 1; }
      read -r secs kb < "$work/time"
      row="$row | $secs | $(python3 -c "print(round($bytes/1e6/max($secs, 0.01), 1))") | $(( kb / 1024 ))"
    done
    echo "$row |"
    rm -f "$file"
  done
done
