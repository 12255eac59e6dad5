#!/usr/bin/env bash
# Runs every Fupin test: installs what is missing (Debian packages), starts a throwaway PostgreSQL on
# loopback, runs all tests on SQLite (browser tests included) and again on PostgreSQL, stops
# PostgreSQL and prints one closing line "N passed, N failed, N skipped".
# Usage: ./test.sh            (as root on Debian, or with the packages already installed)
#        ./test.sh --no-install   skip the apt step
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
t0=$SECONDS
step() { echo "== [$((SECONDS - t0))s] $*"; }

# ---- 1. Debian packages: apt runs only when something is missing ----
APT_PKGS=(postgresql chromium fonts-noto-cjk libreoffice-calc-nogui)
if [ "${1:-}" != "--no-install" ]; then
  missing=()
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    if [ "$(id -u)" -ne 0 ]; then echo "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2; exit 1; fi
    step "apt-get install ${missing[*]}"
    apt-get update -q >/dev/null
    apt-get install -y -q "${missing[@]}" >/dev/null
  fi
fi
for tool in chromium soffice; do command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install chromium libreoffice-calc-nogui" >&2; exit 1; }; done
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server not found: apt-get install postgresql" >&2; exit 1; }

# ---- 2. PostgreSQL: throwaway cluster on 127.0.0.1, trust auth, stopped on exit ----
PGPORT="${PGPORT:-55432}"
while (echo > "/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
PGROOT="$(mktemp -d /tmp/fupin-pg.XXXXXX)"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGROOT"
  pg() { runuser -u postgres -- "$PGBIN/$1" "${@:2}"; }   # initdb and postgres refuse to run as root
else
  pg() { "$PGBIN/$1" "${@:2}"; }
fi
cleanup() {
  pg pg_ctl -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGROOT"
}
trap cleanup EXIT
step "postgres start on 127.0.0.1:$PGPORT"
pg initdb -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg pg_ctl -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 start \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
export FUPIN_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

# ---- 3. build once, test on each engine ----
step "dotnet restore + build"
dotnet tool restore >/dev/null
dotnet build Fupin.slnx -c Release -warnaserror
export FUPIN_TEST_OUT="$PWD/TestResults/screens"
mkdir -p "$FUPIN_TEST_OUT"
log="$(mktemp)"
rc=0
step "tests on SQLite"
FUPIN_TEST_PROVIDER=Sqlite dotnet test Fupin.slnx -c Release --no-build --filter 'Category!=Browser' 2>&1 | tee -a "$log" || rc=1
# The browser tests run on their own: the app under test shares the process, and the other projects'
# tests running beside it on two cores starved a page load past its 90-second wait once. Their classes
# run one at a time too: two apps and two Chromiums side by side on two cores left a navigation short of
# its load event for 90 s in 3 of the 99 browser tests run that way on 2026-11-30 (none of 33 one at a time).
step "browser tests (Chromium, SQLite)"
FUPIN_TEST_PROVIDER=Sqlite dotnet test tests/Fupin.Web.Tests -c Release --no-build --filter 'Category=Browser' -- xUnit.ParallelizeTestCollections=false 2>&1 | tee -a "$log" || rc=1
step "tests on PostgreSQL"
FUPIN_TEST_PROVIDER=Postgres dotnet test Fupin.slnx -c Release --no-build --filter 'Category!=Browser' 2>&1 | tee -a "$log" || rc=1

# one closing line summed over every test project and both engines
read -r passed failed skipped < <(
  grep -aE '^(Passed|Failed)! +- Failed:' "$log" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
step "done"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "no tests ran" >&2; exit 1; fi
