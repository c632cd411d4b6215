#!/usr/bin/env bash
# Runs incidentmap's benchmarks and prints the results as Markdown (copied into docs/BENCHMARKS.md by hand).
#   scripts/bench.sh     builds in build/ (Release) first
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
hyperfine --warmup 1 --runs 3 --export-markdown /dev/stdout \
  "build/incidentmap gazetteer build --geonames assets/gazetteer/cities500.txt.zst -o build/bench-gazetteer.imgz" 2>/dev/null
rm -f build/bench-gazetteer.imgz
echo
echo "## 'incidentmap gazetteer lookup Almaty' as a whole process"
echo
hyperfine --warmup 3 --runs 30 -N --export-markdown /dev/stdout "build/incidentmap gazetteer lookup Almaty" 2>/dev/null
echo
echo "## Lookups in process (build/incidentmap_bench_gazetteer)"
echo
build/incidentmap_bench_gazetteer build/gazetteer.imgz
