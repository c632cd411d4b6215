#!/usr/bin/env bash
# Proves the README's promise: its two commands, exactly as the README writes them, set up, build, run the demo and
# pass the tests on a fresh Debian 12 machine. The machine is a minimal bookworm root (debootstrap --variant=minbase)
# made from the Debian mirror this machine's apt uses; the commit under test is cloned into it; the commands are
# read from the README's "Two commands" section, so the check and the README cannot drift apart.
#
#   scripts/check-fresh-machine.sh [--commit REV] [--cache DIR] [--fresh] [--keep]
#
#   --commit REV   the commit to clone into the root (default: HEAD of this checkout)
#   --cache DIR    where the pristine root is kept as a tarball between runs
#                  (default: ${XDG_CACHE_HOME:-$HOME/.cache}/incidentmap)
#   --fresh        ignore the cached tarball and run debootstrap again
#   --keep         leave the root behind (its path is printed) instead of removing it
#
# Needs root (debootstrap, chroot, mounts), git, and a reachable mirror; installs debootstrap and zstd if missing.
# Whatever happens, the mounts it made are undone before it exits. Exit status: 0 when both commands succeed, the
# demo's files are there and ctest ran; 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

commit=HEAD
cache=${XDG_CACHE_HOME:-$HOME/.cache}/incidentmap
fresh=0
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --commit) commit=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check-fresh-machine: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "check-fresh-machine: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot and mounts); run it with sudo"
commit=$(git rev-parse --verify "$commit^{commit}") || fail "'$commit' is not a commit of $repo"

started=$(date +%s)
stage_started=$started
stage() {  # stage NAME: closes the previous stage with its time and opens the next
  local now; now=$(date +%s)
  [ -n "${stage_name:-}" ] && printf '== %-48s %5d s\n' "$stage_name done" $((now - stage_started))
  stage_name=$1
  stage_started=$now
  [ -n "$stage_name" ] && printf '== %s\n' "$stage_name"
  return 0
}

# --- The README's two commands -------------------------------------------------------------------------------------
# The first two ```sh blocks of the section headed "## Two commands", each one command.
readme_commands=$(awk '
  /^## / { in_section = ($0 == "## Two commands") }
  in_section && /^```sh$/ { in_block = 1; next }
  in_section && in_block && /^```$/ { in_block = 0; print "----"; next }
  in_section && in_block { print }
' README.md)
install_cmd=$(printf '%s\n' "$readme_commands" | awk 'BEGIN { n = 0 } /^----$/ { n++; next } n == 0')
test_cmd=$(printf '%s\n' "$readme_commands" | awk 'BEGIN { n = 0 } /^----$/ { n++; next } n == 1')
[ -n "$install_cmd" ] && [ -n "$test_cmd" ] ||
  fail "README.md has no two \`\`\`sh blocks under '## Two commands' to check"
echo "check-fresh-machine: commit $(git rev-parse --short "$commit"), the README's commands:"
printf '  1. %s\n  2. %s\n' "$install_cmd" "$test_cmd"

# --- The mirror apt is configured with -----------------------------------------------------------------------------
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ "$codename" = bookworm ] || echo "check-fresh-machine: this machine is '$codename'; the root is bookworm all the same"
mirror=$(apt-get indextargets --format '$(SITE) $(RELEASE) $(ORIGIN)' 2>/dev/null |
  awk '$2 == "bookworm" && $3 == "Debian" { print $1; exit }')
if [ -z "$mirror" ]; then
  mirror=http://deb.debian.org/debian
  echo "check-fresh-machine: apt has no bookworm source configured; using $mirror"
fi
echo "check-fresh-machine: mirror $mirror"
reachable() {  # reachable URL: with whichever client this machine has
  if command -v curl >/dev/null 2>&1; then curl -fsS --max-time 30 -o /dev/null "$1"
  elif command -v wget >/dev/null 2>&1; then wget -q -T 30 -O /dev/null "$1"
  else python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=30).read(1)' "$1"
  fi
}
if ! reachable "$mirror/dists/bookworm/Release"; then
  cat >&2 <<EOF
check-fresh-machine: FAILED: the Debian mirror $mirror cannot be reached.
  The fresh-machine check needs it to make a bookworm root and to install the README's packages into it.
  Nothing was checked: this is not a pass.
EOF
  exit 1
fi

# --- A fresh root --------------------------------------------------------------------------------------------------
work=$(mktemp -d /var/tmp/incidentmap-fresh.XXXXXX)
root=$work/root
mounts=()
cleanup() {
  local status=$?
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" 2>/dev/null ||
      echo "check-fresh-machine: could not unmount ${mounts[$i]}" >&2
  done
  if [ "$keep" -eq 1 ]; then
    echo "check-fresh-machine: the root is kept at $root"
  elif ! findmnt -rn -o TARGET | grep -q "^$work"; then
    rm -rf "$work"
  else
    echo "check-fresh-machine: $work still has mounts; left in place" >&2
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The tools this check itself needs on this machine (not the new user's: those come from the README's command).
tools=()
command -v debootstrap >/dev/null 2>&1 || tools+=(debootstrap)
command -v zstd >/dev/null 2>&1 || tools+=(zstd)
if [ ${#tools[@]} -gt 0 ]; then
  stage "installing ${tools[*]} on this machine"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${tools[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${tools[@]}" >/dev/null; } ||
    fail "could not install ${tools[*]}"
fi

tarball=$cache/bookworm-minbase-$(dpkg --print-architecture).tar.zst
mkdir -p "$root"
if [ "$fresh" -eq 0 ] && [ -s "$tarball" ]; then
  stage "unpacking the cached minbase root ($tarball)"
  tar --zstd -xpf "$tarball" -C "$root"
else
  stage "debootstrap --variant=minbase bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap did not make a root (log above)"; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  mkdir -p "$cache"
  tar --zstd -cpf "$tarball.tmp-$$" -C "$root" . && mv "$tarball.tmp-$$" "$tarball"
  echo "check-fresh-machine: cached the root as $tarball ($(du -h "$tarball" | cut -f1))"
fi

cp /etc/resolv.conf "$root/etc/resolv.conf"
# Debian's convention for a chroot: packages do not start their daemons (postgresql-15 would start a cluster on port
# 5432 and keep the root's mounts busy). The tests start their own server.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
for m in proc sys dev dev/pts; do
  mkdir -p "$root/$m"
  case "$m" in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sysfs "$root/sys" ;;
    dev) mount --bind /dev "$root/dev" ;;
    dev/pts) mount -t devpts devpts "$root/dev/pts" ;;
  esac
  mounts+=("$root/$m")
done

# --- The commit under test, as a clean clone -------------------------------------------------------------------------
stage "cloning $(git rev-parse --short "$commit") into the root"
clone=/root/incidentmap
git clone -q --no-local --no-checkout "$repo" "$root$clone"
git -C "$root$clone" checkout -q --detach "$commit"

in_root() {  # in_root COMMAND: runs a shell command in the clone, with a login-like clean environment
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "cd $clone && $1"
}

stage "README command 1: $install_cmd"
in_root "$install_cmd" > "$work/command1.log" 2>&1 ||
  { tail -40 "$work/command1.log" >&2; fail "the README's first command failed in the fresh root (log tail above)"; }
tail -5 "$work/command1.log"
for f in demo.geojson demo.png; do
  [ -s "$root$clone/$f" ] || fail "the demo did not write $f"
done
echo "check-fresh-machine: the demo wrote demo.geojson ($(stat -c %s "$root$clone/demo.geojson") bytes)" \
  "and demo.png ($(stat -c %s "$root$clone/demo.png") bytes)"

stage "README command 2: $test_cmd"
in_root "$test_cmd" > "$work/command2.log" 2>&1 ||
  { tail -60 "$work/command2.log" >&2; fail "the README's test command failed in the fresh root (log tail above)"; }
summary=$(grep -E '^[0-9]+% tests passed' "$work/command2.log") || fail "ctest printed no summary"
echo "check-fresh-machine: ctest: $summary"
# With no ../shared beside the clone, the tests that need it must say they were skipped, not pass.
skipped=$(sed -n '/The following tests did not run:/,/^$/p' "$work/command2.log" | grep 'Skipped' || true)
if [ -n "$skipped" ]; then
  echo "check-fresh-machine: skipped, as they should be without ../shared:"
  printf '%s\n' "$skipped"
else
  fail "no test reported itself as skipped, though the fresh root has no ../shared"
fi
stage ""

echo "check-fresh-machine: PASSED in $(( $(date +%s) - started )) s"
