#!/bin/sh
# Gongkai's two commands on Debian 12:
#   scripts/dev.sh run    install what is needed, build, open the window
#   scripts/dev.sh test   install what is needed, build, run every test under xvfb-run
# Extra arguments after "run" go to the app; after "test", to meson test.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${GONGKAI_BUILD_DIR:-$top/build}
mode=${1:-run}
[ $# -gt 0 ] && shift

# Build, test and runtime packages, from Debian 12's archive.
packages="build-essential meson ninja-build pkg-config gettext python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libxml2-dev libsqlite3-dev
  libopencc-dev libopencc-data libxlsxwriter-dev
  desktop-file-utils appstream locales fonts-noto-cjk
  xvfb xauth dbus dbus-x11 sqlite3"

as_root () {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages () {
  missing=""
  for p in $packages; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' \
      || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "Installing:$missing"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
  fi
  # The zh_CN translation is tested and used under LANG=zh_CN.UTF-8.
  if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
    as_root sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
    grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | as_root tee -a /etc/locale.gen >/dev/null
    as_root locale-gen >/dev/null
  fi
}

build () {
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$top"
  fi
  meson compile -C "$build"
}

summary () {
  # meson's own summary is not a line CI reads: count results from its log.
  python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
except OSError:
    lines = []
for line in lines:
    if not line.strip():
        continue
    result = json.loads(line).get("result")
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
# skipped tests are named on a line of their own: the last line is the one
# CI reads, exactly "N passed, N failed"
if skipped:
    print(f"{skipped} skipped (see {sys.argv[1]})")
print(f"{passed} passed, {failed} failed")
PY
}

case "$mode" in
  run)
    install_packages
    build
    GSETTINGS_SCHEMA_DIR="$build/data" GONGKAI_LOCALEDIR="$build/po" \
      exec "$build/src/gui/gongkai" "$@"
    ;;
  test)
    # CI reads the last line even when installing or building stops us
    trap 'code=$?; [ "$code" -eq 0 ] || { echo "Nothing was tested: see the error above." >&2; echo "0 passed, 1 failed"; }' EXIT
    install_packages
    build
    trap - EXIT
    rm -f "$build/meson-logs/testlog.json"
    status=0
    dbus-run-session -- xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" \
      meson test -C "$build" --print-errorlogs "$@" || status=$?
    summary
    exit $status
    ;;
  *)
    echo "usage: $0 run|test [ARGS...]" >&2
    exit 2
    ;;
esac
