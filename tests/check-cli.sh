#!/bin/sh
# The command-line faces of the project: versions, help, and clear refusals.
# Usage: check-cli.sh BUILD_DIR
set -u
b=${1:?usage: check-cli.sh BUILD_DIR}
fail=0
expect() { # expect WHAT STATUS COMMAND...
  what=$1; want=$2; shift 2
  out=$("$@" 2>&1); got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $what: exit $got, expected $want"; echo "$out" | sed 's/^/  /'; fail=1
  else
    echo "ok   $what"
  fi
  last_output=$out
}

version=$(sed -n "s/^  version: '\(.*\)',/\1/p" "$IOC_SOURCE_DIR/meson.build")
expect "ioc-cli --version" 0 "$b/src/cli/ioc-cli" --version
[ "$last_output" = "ioc-cli $version" ] || { echo "FAIL version text: $last_output"; fail=1; }
expect "ioc-cli --help" 0 "$b/src/cli/ioc-cli" --help
echo "$last_output" | grep -q "Usage:" || { echo "FAIL help has no usage line"; fail=1; }
expect "ioc-cli without a command" 2 "$b/src/cli/ioc-cli"
expect "ioc-cli unknown command" 2 "$b/src/cli/ioc-cli" frobnicate
echo "$last_output" | grep -q "frobnicate" || { echo "FAIL error does not name the command"; fail=1; }

if [ -x "$b/src/ioc-dashboard" ]; then
  expect "ioc-dashboard --version" 0 "$b/src/ioc-dashboard" --version
  [ "$last_output" = "ioc-dashboard $version" ] || { echo "FAIL version text: $last_output"; fail=1; }
  expect "ioc-dashboard --help" 0 "$b/src/ioc-dashboard" --help
  for opt in --page --base-url --wall; do
    echo "$last_output" | grep -q -- "$opt" || { echo "FAIL --help does not list $opt"; fail=1; }
  done
fi
exit $fail
