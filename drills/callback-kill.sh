#!/usr/bin/env bash
# Drill: kill -9 of the callback receiver in the middle of a flood loses no acknowledged callback.
# Senders (curl, in parallel) log every id answered 2xx; the receiver is killed without warning while
# they send; afterwards every logged id must be in livestation.event_callback, exactly.
#   usage: drills/callback-kill.sh [CALLBACKS] [SENDERS]   (default 20000 and 16; needs the jar, curl and psql)
#   ARCHIVE_JAR           the jar to run (default target/livestation-archive.jar)
#   ARCHIVE_DRILL_SERVER  libpq URL of the PostgreSQL server (default postgresql://postgres@127.0.0.1:5432)
set -uo pipefail
cd "$(dirname "$0")/.."

callbacks=${1:-20000}
senders=${2:-16}
server=${ARCHIVE_DRILL_SERVER:-postgresql://postgres@127.0.0.1:5432}
database="lsarchive_callbacks_$$"
jar=${ARCHIVE_JAR:-target/livestation-archive.jar}
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 2; }
work=$(mktemp -d)
port=$((20000 + $$ % 20000))
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

psql "$server/postgres" -qc "CREATE DATABASE $database" || exit 2
trap 'kill -9 "${receiver:-0}" 2>/dev/null; psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)"; rm -rf "$work"' EXIT
jdbc="jdbc:${server/postgresql:\/\/*@/postgresql://}/$database"
user=$(echo "$server" | sed -n 's#^postgresql://\([^@:]*\).*#\1#p')

ARCHIVE_CALLBACK_TOKEN=$token java -jar "$jar" --archive.job=callback-receiver --spring.datasource.url="$jdbc" \
  --spring.datasource.username="${user:-postgres}" --server.port="$port" --management.server.port=$((port + 1)) \
  >"$work/receiver.log" 2>&1 &
receiver=$!
until curl -sf "http://127.0.0.1:$((port + 1))/actuator/health/readiness" >/dev/null; do
  kill -0 "$receiver" 2>/dev/null || { echo "callback kill drill: the receiver did not start"; cat "$work/receiver.log"; exit 1; }
  sleep 0.5
done

# each sender: one id per request; the id goes to its log only when the answer is 2xx
send() {
  for id in $(seq "$1" "$senders" "$callbacks"); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST \
      "http://127.0.0.1:$port/callbacks/$token" \
      -d "{\"id\": $id, \"logLevel\": \"INFO\", \"channelId\": \"ls-drill\", \"event\": \"STREAM_UPDATE\", \"timestamp\": $(( 1700000000000 + id ))}")
    case $code in 2??) echo "$id" ;; esac
  done >"$work/acknowledged.$1"
}
for s in $(seq 1 "$senders"); do send "$s" & done

# kill it once a part of the flood is in
until [ "$(cat "$work"/acknowledged.* 2>/dev/null | wc -l)" -ge $((callbacks / 4)) ]; do sleep 0.2; done
kill -9 "$receiver"
echo "receiver killed (kill -9) after $(cat "$work"/acknowledged.* | wc -l) acknowledgements"
wait 2>/dev/null

sort -n "$work"/acknowledged.* | uniq >"$work/acknowledged"
psql "$server/$database" -Atc "SELECT event_id FROM livestation.event_callback ORDER BY 1" | sort -n >"$work/stored"
acknowledged=$(wc -l <"$work/acknowledged")
lost=$(comm -23 "$work/acknowledged" "$work/stored" | wc -l)
if [ "$lost" -eq 0 ] && [ "$acknowledged" -gt 0 ]; then
  echo "callback kill drill: passed, $acknowledged acknowledged, 0 lost ($(wc -l <"$work/stored") stored)"
else
  echo "callback kill drill: FAILED, $acknowledged acknowledged, $lost lost: $(comm -23 "$work/acknowledged" "$work/stored" | head -5 | tr '\n' ' ')"
  exit 1
fi
