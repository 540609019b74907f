#!/bin/sh
# Short libFuzzer run for CI: fuzz EXE for SECONDS, seeded with SEED_DIR
# (read-only: new inputs go to a scratch directory that is removed after).
set -eu
exe=$1; seconds=$2; seed=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
       -print_final_stats=1 "$work" "$seed"
