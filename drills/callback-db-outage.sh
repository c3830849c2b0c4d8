#!/usr/bin/env bash
# Drill: a database outage under the callback receiver loses nothing acknowledged and needs no restart; a
# SIGTERM in the middle of the traffic stores every callback it acknowledged and ends its window at the stop.
# The receiver reaches PostgreSQL through drills/tcp-proxy.py, which the drill stops for OUTAGE seconds (every
# connection cut, new ones refused; the PostgreSQL server itself is never touched) while senders (curl, in
# parallel; each delivers an id again after a non-2xx answer, a second later, until it is acknowledged, as an
# at-least-once sender does) keep posting. Checked: no 2xx during the outage, 503s instead; 2xx again after it
# from the same process; exit 143 and the summary line after SIGTERM; no window of uninterrupted
# acknowledgement spans the outage or reaches past the stop; the ids the senders saw acknowledged are the ids in
# livestation.event_callback, exactly.
#   usage: drills/callback-db-outage.sh [OUTAGE_SECONDS] [SENDERS]   (default 60 and 8; needs the jar, python3, curl, psql)
#   ARCHIVE_JAR           the jar to run (default target/livestation-archive.jar)
#   ARCHIVE_DRILL_SERVER  libpq URL of the PostgreSQL server (default postgresql://postgres@127.0.0.1:5432)
set -uo pipefail
cd "$(dirname "$0")/.."

outage=${1:-60}
senders=${2:-8}
server=${ARCHIVE_DRILL_SERVER:-postgresql://postgres@127.0.0.1:5432}
database="lsarchive_outage_$$"
jar=${ARCHIVE_JAR:-target/livestation-archive.jar}
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 2; }
work=$(mktemp -d)
port=$((20000 + $$ % 20000))
proxy_port=$((port + 2))
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
user=$(echo "$server" | sed -n 's#^postgresql://\([^@:]*\).*#\1#p')
host_port=${server#*@}
db_host=${host_port%%:*}
db_port=${host_port##*:}
[ "$db_port" = "$host_port" ] && db_port=5432
now_ms() { date +%s%3N; }

psql "$server/postgres" -qc "CREATE DATABASE $database" || exit 2
trap 'kill -9 "${receiver:-0}" "${proxy:-0}" 2>/dev/null; touch "$work/stop" "$work/halt"; wait "${sending[@]}" 2>/dev/null;
  psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)"; rm -rf "$work"' EXIT

start_proxy() {
  python3 drills/tcp-proxy.py "$proxy_port" "$db_host" "$db_port" >>"$work/proxy.log" 2>&1 &
  proxy=$!
  disown "$proxy"
  until (exec 3<>"/dev/tcp/127.0.0.1/$proxy_port") 2>/dev/null; do sleep 0.1; done
}
start_proxy

ARCHIVE_CALLBACK_TOKEN=$token java -jar "$jar" --archive.job=callback-receiver \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$proxy_port/$database" \
  --spring.datasource.username="${user:-postgres}" --server.port="$port" --management.server.port=$((port + 1)) \
  >"$work/receiver.log" 2>&1 &
receiver=$!
until curl -sf "http://127.0.0.1:$((port + 1))/actuator/health/readiness" >/dev/null; do
  kill -0 "$receiver" 2>/dev/null || { echo "callback db outage drill: the receiver did not start"; cat "$work/receiver.log"; exit 1; }
  sleep 0.5
done
sending=()

# each sender: its ids one after the other, each delivered until 2xx; every answer logged as "<ms> <status>"
send() {
  local id=$1
  while [ ! -e "$work/stop" ]; do
    while :; do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 -X POST "http://127.0.0.1:$port/callbacks/$token" \
        -d "{\"id\": $id, \"logLevel\": \"INFO\", \"channelId\": \"ls-drill\", \"event\": \"STREAM_UPDATE\", \"timestamp\": $(( 1700000000000 + id ))}")
      echo "$(now_ms) $code" >>"$work/answers.$1"
      case $code in 2??) echo "$id" >>"$work/acknowledged.$1"; break ;; esac
      [ -e "$work/halt" ] && break
      sleep 1
    done
    id=$((id + senders))
  done
}
sending=()
for s in $(seq 1 "$senders"); do send "$s" & sending+=($!); done
acknowledged_count() { cat "$work"/acknowledged.* 2>/dev/null | wc -l; }
until [ "$(acknowledged_count)" -ge 200 ]; do sleep 0.2; done

# the outage: the proxy stops, every connection through it is cut
kill -9 "$proxy"
while (exec 3<>"/dev/tcp/127.0.0.1/$proxy_port") 2>/dev/null; do sleep 0.1; done
outage_from=$(now_ms)
echo "database unreachable for ${outage}s (proxy stopped) after $(acknowledged_count) acknowledgements"
sleep "$outage"
readiness() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$((port + 1))/actuator/health/readiness"; }
ready_during=$(readiness)
outage_to=$(now_ms)
start_proxy

# recovery: the same process acknowledges again
recovered=""
for _ in $(seq 1 600); do
  recovered=$(cat "$work"/answers.* | awk -v t="$outage_to" '$1 > t && $2 ~ /^2/ { print $1 }' | sort -n | head -1)
  [ -n "$recovered" ] && break
  sleep 0.1
done
kill -0 "$receiver" 2>/dev/null || { echo "callback db outage drill: FAILED, the receiver ended during the outage"; tail -5 "$work/receiver.log"; exit 1; }
[ -n "$recovered" ] || { echo "callback db outage drill: FAILED, nothing acknowledged within 60 s after the outage"; exit 1; }
sleep 5
ready_after=$(readiness)

# graceful stop in the middle of the traffic
stop_at=$(now_ms)
kill -TERM "$receiver"
wait "$receiver"
exit_code=$?
stopped_at=$(now_ms)
touch "$work/stop" "$work/halt"
wait "${sending[@]}" 2>/dev/null

during=$(cat "$work"/answers.* | awk -v f=$((outage_from + 3000)) -v t="$outage_to" '$1 > f && $1 <= t')
acked_during=$(echo "$during" | awk '$2 ~ /^2/' | wc -l)
refused_during=$(echo "$during" | awk '$2 == 503' | wc -l)
sort -n "$work"/acknowledged.* | uniq >"$work/acknowledged"
psql "$server/$database" -Atc "SELECT event_id FROM livestation.event_callback ORDER BY 1" | sort -n >"$work/stored"
acknowledged=$(wc -l <"$work/acknowledged")
lost=$(comm -23 "$work/acknowledged" "$work/stored" | wc -l)
unacknowledged=$(comm -13 "$work/acknowledged" "$work/stored" | wc -l)
windows=$(psql "$server/$database" -Atc "SELECT count(*) FROM livestation.callback_receiver_window")
# a window across the outage would claim the receiver acknowledged everything while its database was gone
middle=$(( (outage_from + outage_to) / 2 ))
spanning=$(psql "$server/$database" -Atc "SELECT count(*) FROM livestation.callback_receiver_window
  WHERE up_from < to_timestamp($middle / 1000.0) AND up_through > to_timestamp($middle / 1000.0)")
past_stop=$(psql "$server/$database" -Atc "SELECT count(*) FROM livestation.callback_receiver_window
  WHERE up_through > to_timestamp($stopped_at / 1000.0)")
traces=$(grep -c '^[[:space:]]*at ' "$work/receiver.log")
summary=$(grep -o 'Callback receiver: [0-9]* received.*' "$work/receiver.log" | tail -1)

problems=()
[ "$acked_during" -eq 0 ] || problems+=("$acked_during acknowledgements during the outage")
[ "$refused_during" -gt 0 ] || problems+=("no 503 during the outage")
[ "$ready_during" = 503 ] || problems+=("readiness answered $ready_during during the outage, not 503")
[ "$ready_after" = 200 ] || problems+=("readiness answered $ready_after after the outage, not 200")
[ "$lost" -eq 0 ] || problems+=("$lost acknowledged ids not stored: $(comm -23 "$work/acknowledged" "$work/stored" | head -5 | tr '\n' ' ')")
[ "$unacknowledged" -eq 0 ] || problems+=("$unacknowledged stored ids never acknowledged")
[ "$spanning" -eq 0 ] || problems+=("$spanning windows span the outage")
[ "$past_stop" -eq 0 ] || problems+=("$past_stop windows reach past the stop")
[ "$exit_code" -eq 143 ] || problems+=("exit code $exit_code after SIGTERM, not 143")
[ -n "$summary" ] || problems+=("no summary line after SIGTERM")
[ "$traces" -eq 0 ] || problems+=("$traces stack trace lines in the receiver's log (an outage is one line)")
if [ ${#problems[@]} -eq 0 ]; then
  echo "callback db outage drill: passed, $acknowledged acknowledged, 0 lost, 0 stored unacknowledged; ${outage}s outage:" \
    "$refused_during answers 503, 0 acknowledged, not ready; acknowledging and ready again $(( (recovered - outage_to) ))ms after the database" \
    "came back, same process; SIGTERM after $(( (stop_at - recovered) / 1000 ))s more traffic: exit 143, $windows windows," \
    "none across the outage or past the stop ($summary)"
else
  echo "callback db outage drill: FAILED: $(IFS=';'; echo "${problems[*]}")"
  exit 1
fi
