#!/bin/sh
# test-sim-curl.sh — curl and jq as a plain Open311 client of ioc-feed-sim:
# list, filter, page, post an update twice with the same update_id, get the
# conflict. Also: the same seed gives the same bytes from two processes.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

SIM=$1
WORK=$(mktemp -d)
PIDS=""
cleanup () {
  for p in $PIDS; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

fail () { echo "not ok - $*"; exit 1; }

start () { # name, options...; sets URL
  name=$1; shift
  "$SIM" --port 0 "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS="$PIDS $!"
  i=0
  while [ ! -s "$WORK/$name.out" ]; do
    i=$((i + 1)); [ $i -lt 200 ] || fail "simulator did not start: $(cat "$WORK/$name.err")"
    sleep 0.05
  done
  URL=$(head -n1 "$WORK/$name.out")
  echo "$URL" | grep -Eq '^http://127\.0\.0\.1:[0-9]+/$' || fail "unexpected first line: $URL"
}

echo "1..8"
start a --seed 11 --now 2026-11-22T10:00:00+07:00 --speed 0
O="${URL}open311/v2"

# 1. list
n=$(curl -sf "$O/requests.json?page_size=100" | jq 'length')
[ "$n" -eq 100 ] || fail "list returned $n"
echo "ok 1 - list"

# 2. filter
bad=$(curl -sf "$O/requests.json?service_code=GT&status=closed&page_size=1000" \
  | jq '[.[] | select(.service_code != "GT" or .status != "closed")] | length')
[ "$bad" -eq 0 ] || fail "filter let $bad through"
echo "ok 2 - filter"

# 3. page: pages of 30 until a short page, no duplicates, same as one big page
start_date=2026-09-01T00:00:00%2B07:00
all=$(curl -sf "$O/requests.json?start_date=$start_date&page_size=1000" | jq -r '.[].service_request_id' | sort)
page=1; : >"$WORK/paged"
while :; do
  got=$(curl -sf "$O/requests.json?start_date=$start_date&page_size=30&page=$page")
  echo "$got" | jq -r '.[].service_request_id' >>"$WORK/paged"
  [ "$(echo "$got" | jq length)" -eq 30 ] || break
  page=$((page + 1))
done
[ "$(sort "$WORK/paged")" = "$all" ] || fail "paging differs from one page"
[ "$(sort "$WORK/paged" | uniq -d | wc -l)" -eq 0 ] || fail "paging repeated a request"
echo "ok 3 - page ($page pages)"

# 4. post an update, twice with the same update_id
req=$(curl -sf "$O/requests.json?status=open&page_size=1")
id=$(echo "$req" | jq -r '.[0].service_request_id')
upd=$(echo "$req" | jq -r '.[0].updated_datetime')
post () {
  curl -s -o "$WORK/post.json" -w '%{http_code}' -X POST "$O/servicerequestupdates.json" \
    --data-urlencode api_key=ioc-sim-demo --data-urlencode "service_request_id=$id" \
    --data-urlencode "update_id=$1" --data-urlencode "status=$2" \
    --data-urlencode "description=Đã cử cán bộ kiểm tra" \
    --data-urlencode "if_updated_datetime=$upd"
}
[ "$(post 6f1c2d9e-curl-1 open)" = 200 ] || fail "first post"
first=$(cat "$WORK/post.json")
[ "$(post 6f1c2d9e-curl-1 open)" = 200 ] || fail "repeated post"
[ "$(cat "$WORK/post.json")" = "$first" ] || fail "repeated post answered differently"
echo "$first" | jq -e --arg id "$id" '.[0].service_request_id == $id and .[0].update_id == "6f1c2d9e-curl-1"' >/dev/null \
  || fail "post answer $first"
echo "ok 4 - post twice, same answer"

# 5. applied once
count=$(curl -sf "$O/servicerequestupdates.json?start_date=2026-11-21T00:00:00%2B07:00" \
  | jq '[.[] | select(.update_id == "6f1c2d9e-curl-1")] | length')
[ "$count" -eq 1 ] || fail "update applied $count times"
echo "ok 5 - applied once"

# 6. conflict: a second change based on the old updated_datetime
[ "$(post 6f1c2d9e-curl-2 closed)" = 409 ] || fail "stale if_updated_datetime not refused"
jq -e '.[0].code == 409 and (.[0].description | length > 0)' "$WORK/post.json" >/dev/null || fail "409 body"
echo "ok 6 - conflict"

# 7. conditional GET
etag=$(curl -sfI "$O/services.json" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
[ -n "$etag" ] || fail "no ETag"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$O/services.json")" = 304 ] || fail "no 304"
echo "ok 7 - ETag and 304"

# 8. same seed, same bytes, from two processes
start b --seed 11 --now 2026-11-22T10:00:00+07:00 --speed 0
B=$URL
start c --seed 11 --now 2026-11-22T10:00:00+07:00 --speed 0
C=$URL
for p in "open311/v2/requests.json?extensions=true&page_size=1000" "open311/v2/services.xml" \
         "sta/v1.1/Datastreams?\$expand=Observations(\$top=2)" "tthc/v1/daily.json?from=2026-10-01&to=2026-11-22"; do
  hb=$(curl -sf "$B$p" | sed "s#$B##g" | sha256sum)
  hc=$(curl -sf "$C$p" | sed "s#$C##g" | sha256sum)
  [ "$hb" = "$hc" ] || fail "different bytes for $p"
done
echo "ok 8 - same seed, same bytes"
