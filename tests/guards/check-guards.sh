#!/bin/sh
# Proves the version guards work: code that uses API newer than the pinned
# platform (or deprecated before it) fails to compile with the project's flags.
#   check-guards.sh GUARDS_DIR CC PLATFORM_ARG...
set -u
dir=$1; cc=$2; shift 2
cflags="$* $(pkg-config --cflags gtk4 libadwaita-1)"
werror="-Werror=deprecated-declarations -Werror=implicit-function-declaration"
status=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

compile () {
  # shellcheck disable=SC2086
  $cc -std=gnu11 -fsyntax-only $werror $cflags "$@" >"$out" 2>&1
}

must_build () {
  if compile "$dir/$1"; then
    echo "ok: $1 builds"
  else
    echo "FAIL: $1 should build"; cat "$out"; status=1
  fi
}

must_fail () {
  probe=$1; symbol=$2; shift 2
  if compile "$@" "$dir/$probe"; then
    echo "FAIL: $probe built, but it uses $symbol"; status=1
  elif grep -q "$symbol" "$out"; then
    echo "ok: $probe refused: $(grep -m1 "$symbol" "$out" | sed 's/^.*error: //')"
  else
    echo "FAIL: $probe failed for another reason"; cat "$out"; status=1
  fi
}

must_build probe-allowed.c
must_fail probe-gtk-4-10.c gtk_file_dialog_new
must_fail probe-adw-1-4.c adw_toolbar_view_new
must_fail probe-glib-2-76.c g_set_str
must_fail probe-deprecated.c g_get_current_time
# The same mechanism, seen from a newer runtime: lower each ceiling by one
# release and the 4.8 / 1.2 calls above are refused as "not available".
must_fail probe-allowed.c gdk_file_list_new_from_list \
  -UGDK_VERSION_MIN_REQUIRED -DGDK_VERSION_MIN_REQUIRED=GDK_VERSION_4_6 \
  -UGDK_VERSION_MAX_ALLOWED -DGDK_VERSION_MAX_ALLOWED=GDK_VERSION_4_6
must_fail probe-allowed.c adw_message_dialog_new \
  -UADW_VERSION_MIN_REQUIRED -DADW_VERSION_MIN_REQUIRED=ADW_VERSION_1_1 \
  -UADW_VERSION_MAX_ALLOWED -DADW_VERSION_MAX_ALLOWED=ADW_VERSION_1_1
must_fail probe-allowed.c g_signal_group_new \
  -UGLIB_VERSION_MIN_REQUIRED -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_70 \
  -UGLIB_VERSION_MAX_ALLOWED -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_70
exit $status
