#!/usr/bin/env bash
# Runs the nightly archive, or with --archive.job=snapshot-capture a snapshot capture, once: never
# two of the same job at a time (flock; a capture may run while the night runs), full log kept per
# run, the summary on stdout (which cron mails; a capture that completed prints nothing, so that a
# capture every 15 minutes does not mail every 15 minutes), and the job's exit code passed through. A run that
# failed for a transient reason (exit 75: a serialization failure, a deadlock, a lost connection, an
# API outage) is relaunched once after a pause; the relaunch resumes it, and the summary says so.
#   ARCHIVE_HOME  where livestation-archive.jar and the env file live (default /opt/livestation-archive)
#   ARCHIVE_LOGS  where run logs go (default /var/log/livestation-archive)
#   ARCHIVE_RELAUNCH_PAUSE  seconds to wait before that one relaunch (default 60)
#   any further arguments go to the job, e.g. --archive.run-date=2026-11-20
set -uo pipefail

home=${ARCHIVE_HOME:-/opt/livestation-archive}
logs=${ARCHIVE_LOGS:-/var/log/livestation-archive}
java=${JAVA:-java}
mkdir -p "$logs"

# credentials and settings: KEY=value lines, readable by the job's user only
if [ -f "$home/archive.env" ]; then
  set -a
  # shellcheck disable=SC1091
  . "$home/archive.env"
  set +a
fi

job=nightly
for argument in "$@"; do
  case "$argument" in
    --archive.job=*) job=${argument#--archive.job=} ;;
  esac
done

exec 9>"$logs/.lock-$job"
if ! flock -n 9; then
  echo "livestation-archive: a previous $job run is still going; not starting another" >&2
  exit 3
fi

transient_failure=75
run_once() {
  log="$logs/run-$job-$(date +%Y%m%d-%H%M%S)-$1.log"
  "$java" -XX:MaxRAMPercentage=75 -jar "$home/livestation-archive.jar" "${@:2}" >"$log" 2>&1
  status=$?
}

run_once 1 "$@"
relaunched=""
if [ "$status" -eq "$transient_failure" ]; then
  first_log=$log
  first_reason=$(sed -n 's/^  reason: //p' "$log" | head -n 1)
  sleep "${ARCHIVE_RELAUNCH_PAUSE:-60}"
  run_once 2 "$@"
  relaunched="relaunched once after a transient failure (exit 75${first_reason:+: $first_reason}); first log: $first_log"
fi

if [ "$job" = snapshot-capture ] && [ "$status" -eq 0 ] && [ -z "$relaunched" ]; then
  find "$logs" -name 'run-*.log' -mtime +30 -delete 2>/dev/null
  exit 0
fi
# the summary table starts at "Archive run" (or "Snapshot capture"); the full log stays on disk
sed -n '/^\(Archive run\|Snapshot capture\) /,$p' "$log"
[ -z "$relaunched" ] || { echo; echo "$relaunched"; }
[ "$status" -eq 0 ] || { echo; echo "exit code $status; full log: $log"; tail -n 20 "$log"; }
find "$logs" -name 'run-*.log' -mtime +30 -delete 2>/dev/null
exit "$status"
