#!/bin/sh
# run-with-keyring.sh TEST [ARGS…] — runs TEST against a real Secret Service:
# a gnome-keyring-daemon (secrets component only) unlocked with an empty
# password, in a private D-Bus session and private XDG directories, so the
# developer's own keyring is never touched.
#
# meson runs it as `dbus-run-session -- run-with-keyring.sh TEST` with
# IOC_TEST_OWN_BUS=1; run by hand (no marker, or no bus at all) it starts its
# own session first. If the daemon cannot be started, TEST still runs and
# reports a skip with the reason (IOC_TEST_KEYRING_SKIP).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

if [ "${IOC_TEST_OWN_BUS:-}" != 1 ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  if command -v dbus-run-session >/dev/null 2>&1; then
    IOC_TEST_OWN_BUS=1 exec dbus-run-session -- "$0" "$@"
  fi
  IOC_TEST_KEYRING_SKIP="dbus-run-session is not installed (package dbus-daemon)" exec "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ioc-keyring.XXXXXX") || exit 99
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
       XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

pid=
if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  export IOC_TEST_KEYRING_SKIP="gnome-keyring-daemon is not installed (package gnome-keyring)"
else
  # An empty line on stdin is the (empty) password that creates and unlocks
  # the login keyring; --foreground keeps it our child so we can stop it.
  echo | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$tmp/daemon.log" 2>&1 &
  pid=$!
  owned=
  i=0
  while [ $i -lt 100 ]; do
    if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
         --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null \
       | grep -q true; then
      owned=1
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    sleep 0.1
    i=$((i + 1))
  done
  if [ -z "$owned" ]; then
    export IOC_TEST_KEYRING_SKIP="gnome-keyring-daemon did not start: $(tr '\n' ' ' <"$tmp/daemon.log")"
  fi
fi

"$@"
rc=$?

if [ -n "$pid" ]; then
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
fi
rm -rf "$tmp"
exit $rc
