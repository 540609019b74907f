#!/bin/sh
# Fails when a translatable string has no Vietnamese translation, when a file
# with translatable strings is missing from po/POTFILES.in, or when msgfmt
# finds an error in po/vi.po.
set -eu
src=${1:?usage: check-translations.sh SOURCE_DIR}
cd "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# 1. Every source file with translatable strings is listed.
for f in $(find src ui data -type f \( -name '*.c' -o -name '*.ui' \) | sort); do
  if grep -q '_("\|N_("\|C_("\|translatable="yes"' "$f" && ! grep -qx "$f" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done
while read -r f; do
  case "$f" in ""|\#*) continue ;; esac
  [ -f "$f" ] || { echo "po/POTFILES.in names a missing file: $f"; status=1; }
done < po/POTFILES.in

# 2. msgfmt is happy with the translation.
msgfmt --check --output-file=/dev/null po/vi.po || status=1
stats=$(LC_ALL=C msgfmt --statistics --output-file=/dev/null po/vi.po 2>&1)
echo "vi.po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "vi.po has untranslated or fuzzy messages"; status=1 ;;
esac

# 3. Every current msgid has a translation (vi.po may lag behind the sources).
xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --output="$tmp/ioc.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
  --add-comments=Translators 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
if ! msgcmp po/vi.po "$tmp/ioc.pot" 2>"$tmp/cmp"; then
  sed 's/^/  /' "$tmp/cmp" | head -50
  echo "po/vi.po lacks translations: run msgmerge and translate"
  status=1
fi
exit $status
