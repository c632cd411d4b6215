#!/usr/bin/env bash
# Installs every Debian 12 package incidentmap needs to build, test and run.
# Non-interactive; run as root or with sudo available. Installs only what is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libgdal-dev gdal-bin libproj-dev libgeos-dev
  libimgui-dev libglfw3-dev libgl-dev libopengl-dev libegl-dev libegl-mesa0 libgl1-mesa-dri libstb-dev
  catch2 libicu-dev libxml2-dev libhunspell-dev hunspell-ru hunspell-fr-classical hunspell-en-us libcli11-dev nlohmann-json3-dev libfmt-dev libzstd-dev libxxhash-dev libsqlite3-dev libbenchmark-dev
  xvfb xauth fonts-dejavu-core hyperfine
  postgresql-15 postgresql-15-postgis-3 parallel python3-distributed
)

# --fuzz: also clang 14 with libFuzzer, for scripts/fuzz.sh (CI runs it; users need it only to fuzz).
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev zstd)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
