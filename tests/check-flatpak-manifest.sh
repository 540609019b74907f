#!/bin/sh
# The Flatpak manifest is valid JSON and names the app, its command, a GNOME
# runtime new enough for GTK 4.8 / libadwaita 1.2, libshumate as a module and
# the finish-args of the house style.
set -eu
m=${1:?usage: check-flatpak-manifest.sh MANIFEST}
jq -e . "$m" >/dev/null || { echo "not valid JSON: $m"; exit 1; }
check() {
  if ! jq -e "$1" "$m" >/dev/null; then echo "manifest check failed: $1"; exit 1; fi
}
check '.id == "vn.gov.angiang.IocDashboard"'
check '.command == "ioc-dashboard"'
check '.runtime == "org.gnome.Platform" and .sdk == "org.gnome.Sdk"'
check '(.["runtime-version"] | tonumber) >= 43'
check '[.modules[] | objects | .name] | index("libshumate") != null'
check '.modules[-1].name == "ioc-dashboard"'
for arg in --share=ipc --socket=fallback-x11 --socket=wayland --device=dri --share=network; do
  check ".[\"finish-args\"] | index(\"$arg\") != null"
done
echo "ok: $m"
