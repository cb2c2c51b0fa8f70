#!/bin/sh
# Every translatable string of the UI must be translated in every language of
# po/LINGUAS: extract a fresh template and count what each catalogue lacks.
set -eu
top=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top"
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
while read -r f; do
  [ -f "$f" ] || { echo "POTFILES.in lists a missing file: $f"; exit 1; }
done < "$tmp/files"
# Every source that calls gettext must be listed.
for f in $(grep -rlE '(^|[^A-Za-z_])(_|N_|C_|NC_|g_dngettext)\s*\(' src/gui src/core src/cli 2>/dev/null; \
           grep -rl 'translatable="yes"' ui 2>/dev/null); do
  grep -qx "$f" "$tmp/files" || { echo "not in po/POTFILES.in: $f"; exit 1; }
done
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=ngettext:1,2 --flag=g_strdup_printf:1:c-format --flag=g_dngettext:2:pass-c-format \
  --files-from="$tmp/files" -o "$tmp/gongkai.pot"
status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgfmt --check -o /dev/null "po/$lang.po"
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/gongkai.pot" -o "$tmp/$lang.po"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when it prints anything.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  total=$(grep -c '^msgid ' "$tmp/gongkai.pot")
  echo "$lang: $((total - 1)) strings, $untranslated untranslated, $fuzzy fuzzy"
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -A1 '^msgid ' | head -40
    status=1
  fi
done
exit $status
