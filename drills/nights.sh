#!/usr/bin/env bash
# Drill: N consecutive demo nights into one fresh database, with the job repository analyzed
# between them (what autovacuum does once runs accumulate). Every night must complete (exit 0).
#   usage: drills/nights.sh [NIGHTS]   (default 30; needs target/livestation-archive.jar and psql)
#   ARCHIVE_JAR           the jar to run (default target/livestation-archive.jar)
#   ARCHIVE_DRILL_SERVER  libpq URL of the PostgreSQL server (default postgresql://postgres@127.0.0.1:5432)
set -uo pipefail
cd "$(dirname "$0")/.."

nights=${1:-30}
server=${ARCHIVE_DRILL_SERVER:-postgresql://postgres@127.0.0.1:5432}
database="lsarchive_nights_$$"
jar=${ARCHIVE_JAR:-target/livestation-archive.jar}
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 2; }

psql "$server/postgres" -qc "CREATE DATABASE $database" || exit 2
trap 'psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)"' EXIT
jdbc="jdbc:${server/postgresql:\/\/*@/postgresql://}/$database"
user=$(echo "$server" | sed -n 's#^postgresql://\([^@:]*\).*#\1#p')

passed=0
failed=0
day=$(date -d "-$nights days" +%F)
for night in $(seq 1 "$nights"); do
  java -jar "$jar" --spring.profiles.active=demo --spring.datasource.url="$jdbc" \
    --spring.datasource.username="${user:-postgres}" --archive.run-date="$day" >"/tmp/$database-$night.log" 2>&1
  code=$?
  if [ "$code" -eq 0 ]; then
    passed=$((passed + 1))
    rm -f "/tmp/$database-$night.log"
  else
    failed=$((failed + 1))
    echo "night $night ($day): exit code $code, log /tmp/$database-$night.log"
  fi
  psql "$server/$database" -qc "ANALYZE batch.batch_job_instance, batch.batch_job_execution,
    batch.batch_job_execution_params, batch.batch_job_execution_context, batch.batch_step_execution,
    batch.batch_step_execution_context"
  day=$(date -d "$day + 1 day" +%F)
done
echo "nights: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
