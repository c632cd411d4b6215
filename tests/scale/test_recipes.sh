#!/usr/bin/env bash
# The scale-out recipes of docs/SCALING.md give the same incidents as one process: GNU parallel over the test corpus's
# files, and Dask distributed (a LocalCluster of three worker processes) over NDJSON documents, each into a PostGIS
# project of its own, compared with a single ingest. Exit 77 (skipped) when parallel, Dask or PostGIS is missing.
#   tests/scale/test_recipes.sh INCIDENTMAP SOURCE_DIR
set -euo pipefail
exe=$1
src=$2
command -v parallel >/dev/null || { echo "skipped: GNU parallel is not installed (Debian: parallel)"; exit 77; }
/usr/bin/python3 -c "import distributed" 2>/dev/null || { echo "skipped: Dask distributed is not installed (Debian: python3-distributed)"; exit 77; }
work=$(mktemp -d)
trap '"$src/tests/postgis_server.sh" stop "$work" || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
code=0; "$src/tests/postgis_server.sh" start "$work" >/dev/null || code=$?
[ "$code" -eq 77 ] && { echo "skipped: PostgreSQL 15 with PostGIS is not installed"; exit 77; }
[ "$code" -eq 0 ] || exit 1
db() { "$src/tests/postgis_server.sh" createdb "$work"; }
corpus=$src/tests/data/corpus

# GNU parallel: one file per ingest process, three at a time.
single=$(db); spread=$(db)
"$exe" ingest "$corpus" --into "$single" --published 2023-07-05 2>/dev/null
find "$corpus" -type f | sort | parallel -j 3 -n 1 "$exe" ingest {} --into "'$spread'" --published 2023-07-05 2>/dev/null
"$exe" export "$single" -o "$work/single.geojson" 2>/dev/null
"$exe" export "$spread" -o "$work/parallel.geojson" 2>/dev/null
cmp "$work/single.geojson" "$work/parallel.geojson" || { echo "GNU parallel gave other incidents than one process"; exit 1; }

# Dask: 120 NDJSON documents (the corpus's Minsk reports and reports of 39 protests, each told three times).
{
  cat "$corpus/minsk.ru.ndjson"
  for i in $(seq 1 39); do for s in a b c; do
    printf '{"id":"%s-%d","lang":"en","published":"2023-07-%02d","text":"Protesters marched in Lyon on Monday, desk %s reports. Police arrested %d people."}\n' \
      "$s" "$i" $(( i % 28 + 1 )) "$s" $(( i + 1 ))
  done; done
} > "$work/docs.ndjson"
one=$(db); many=$(db)
"$exe" ingest "$work/docs.ndjson" --into "$one" 2>/dev/null
/usr/bin/python3 "$src/scripts/dask-ingest.py" --incidentmap "$exe" --into "$many" --workers 3 --partitions 9 "$work/docs.ndjson"
"$exe" export "$one" -o "$work/one.geojson" 2>/dev/null
"$exe" export "$many" -o "$work/dask.geojson" 2>/dev/null
cmp "$work/one.geojson" "$work/dask.geojson" || { echo "Dask gave other incidents than one process"; exit 1; }
echo "GNU parallel and Dask recipes: the same incidents as one process ($(grep -c '"Feature"' "$work/dask.geojson") from the Dask run)"
