#!/usr/bin/env bash
# Runs the nightly archive, or with --archive.job=snapshot-capture a snapshot capture, once; cron and
# the systemd units both start the job through it. It reads the one settings file, never runs two of
# the same job at a time (flock; a capture may run while the night runs), keeps the full log per run,
# prints the summary on stdout (which cron mails and systemd keeps in the journal; a capture that
# completed prints nothing, so that a capture every 15 minutes does not mail every 15 minutes), and
# passes the job's exit code through. A run that failed for a transient reason (exit 75: a
# serialization failure, a deadlock, a lost connection, an API outage) is relaunched once after a
# pause; the relaunch resumes it, and the summary says so.
#   ARCHIVE_SETTINGS  the settings file: KEY=value lines, mode 0600 (default /etc/livestation-archive/archive.env)
#   ARCHIVE_HOME  where livestation-archive.jar is (default /opt/livestation-archive)
#   ARCHIVE_LOGS  where run logs and the locks go (default /var/log/livestation-archive)
#   ARCHIVE_RELAUNCH_PAUSE  seconds to wait before that one relaunch (default 60)
#   ARCHIVE_CDS  where the start-up cache is (default $ARCHIVE_HOME/cds): the jar extracted there and
#     its livestation-archive.aot (Java 24 or newer: the AOT cache) or livestation-archive.jsa (class data
#     sharing) start faster (jobs/README.md); used only when the extracted jar is not older than the
#     installed one, and a missing, stale or foreign cache is ignored silently
#   ARCHIVE_JAVA_OPTIONS  the JVM's options beside the heap's (default -XX:TieredStopAtLevel=1: C1 only, which
#     halves a start's CPU; set it empty for C2 on a night of very large event lists, docs/performance.md)
#   JAVA  the java command (default java on the PATH)
#   any further arguments go to the job, e.g. --archive.run-date=2026-11-20
# Exit codes: the job's (0 completed, 1 failed, 2 bad settings, 3 another run of the job is alive,
# 75 transient failure, also after the relaunch); 2 also when the settings file or the log
# directory cannot be used, and 3 when this wrapper finds the job's lock taken.
set -uo pipefail

settings=${ARCHIVE_SETTINGS:-/etc/livestation-archive/archive.env}
if [ ! -e "$settings" ]; then
  echo "livestation-archive: cannot read the settings file $settings: create it (mode 0600, owned by the job's user) as jobs/README.md says, or set ARCHIVE_SETTINGS to its path" >&2
  exit 2
fi
if [ ! -f "$settings" ] || [ ! -r "$settings" ]; then
  echo "livestation-archive: the settings file $settings is not a file $(id -un) can read: make it one, owned by the job's user with mode 0600 (chown, chmod), or set ARCHIVE_SETTINGS to its path" >&2
  exit 2
fi
# each line an assignment and nothing else, so that a value the shell would split, expand or run (an & or ;
# in a password, an unbalanced quote, a space) stops the run instead of losing the setting; a value is never
# printed: it may be a secret. No export and no comment after a value: the receiver's systemd unit reads the
# same file (EnvironmentFile=), where either would change what it reads
sq="'"
assignment="^[A-Za-z_][A-Za-z0-9_]*=(${sq}[^${sq}]*${sq}|\"[^\"\$\`\\\\]*\"|[^[:space:]${sq}\"\$\`\\\\;&|<>()#~]*)[[:space:]]*\$"
line_number=0
variables=""
# this wrapper's own variables, which it reads itself (the job suggests them for a misspelt one too)
own_variables=ARCHIVE_SETTINGS,ARCHIVE_HOME,ARCHIVE_LOGS,ARCHIVE_RELAUNCH_PAUSE,ARCHIVE_CDS,ARCHIVE_JAVA_OPTIONS,JAVA
while IFS= read -r line || [ -n "$line" ]; do
  line_number=$((line_number + 1))
  if [[ $line == *$'\r'* ]]; then
    echo "livestation-archive: the settings file $settings has Windows line ends (line $line_number): convert it (dos2unix, or sed -i 's/\\r\$//')" >&2
    exit 2
  fi
  [[ $line =~ ^[[:space:]]*(#.*)?$ ]] && continue
  if ! [[ $line =~ $assignment ]]; then
    echo "livestation-archive: line $line_number of the settings file $settings is not NAME=value: one per line, a comment on a line of its own; a value holding a space or any of & ; | < > ( ) \$ \` \\ \" # ~ goes in single quotes ('like this'), one holding a single quote in double quotes; nothing was started" >&2
    exit 2
  fi
  # the job refuses a name it does not read (a misspelt one would leave its default in force); this wrapper's
  # own are read here
  name=${line%%=*}
  [[ ",$own_variables," == *",$name,"* ]] || variables="${variables:+$variables,}$name"
done <"$settings"
if [ -n "$(find "$settings" -maxdepth 0 -perm /044 2>/dev/null)" ]; then
  echo "livestation-archive: WARNING the settings file $settings, which holds secrets, can be read by other users: chmod 0600 it" >&2
fi
set -a
# shellcheck disable=SC1090
. "$settings"
set +a

home=${ARCHIVE_HOME:-/opt/livestation-archive}
logs=${ARCHIVE_LOGS:-/var/log/livestation-archive}
java=${JAVA:-java}
cds=${ARCHIVE_CDS:-$home/cds}
# unquoted on purpose below: a list of options, split on spaces
java_options=${ARCHIVE_JAVA_OPTIONS--XX:TieredStopAtLevel=1}
if ! mkdir -p "$logs" 2>/dev/null || [ ! -w "$logs" ]; then
  echo "livestation-archive: cannot write the log directory $logs: create it owned by the job's user as jobs/README.md says, or set ARCHIVE_LOGS" >&2
  exit 2
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

# the java's feature release (17, 25), read from its installation's release file: no JVM is started to ask
java_release="$(dirname "$(readlink -f "$(command -v "$java")" 2>/dev/null)")/../release"
java_feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_release" 2>/dev/null)
launch=(-jar "$home/livestation-archive.jar")
if [ -f "$cds/livestation-archive.jar" ] && ! [ "$home/livestation-archive.jar" -nt "$cds/livestation-archive.jar" ]; then
  # a cache Java cannot use (another JDK, a changed jar) is skipped, and said nowhere (the logs are off)
  if [ "${java_feature:-0}" -ge 24 ] && [ -f "$cds/livestation-archive.aot" ]; then
    launch=(-XX:AOTCache="$cds/livestation-archive.aot" -Xlog:aot=off -Xlog:cds=off -jar "$cds/livestation-archive.jar")
  elif [ -f "$cds/livestation-archive.jsa" ]; then
    launch=(-XX:SharedArchiveFile="$cds/livestation-archive.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off
      -jar "$cds/livestation-archive.jar")
  fi
fi

transient_failure=75
run_once() {
  # the process id keeps apart two runs started within the same second
  log="$logs/run-$job-$(date +%Y%m%d-%H%M%S)-$$-$1.log"
  # by hand, on a terminal: where the run's progress goes (cron and systemd mail only the summary)
  [ ! -t 1 ] || echo "livestation-archive: running; follow it with tail -f $log"
  # shellcheck disable=SC2086
  "$java" -XX:MaxRAMPercentage=75 $java_options -Dlivestation-archive.settings-file-variables="${variables:-}" \
    -Dlivestation-archive.wrapper-variables="$own_variables" \
    "${launch[@]}" "${@:2}" >"$log" 2>&1
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
# the summary table starts at "Archive run" (or "Snapshot capture"); the full log stays on disk. A registration
# has no table: what it registered, or why not, is its whole output
if [ "$job" = register-callback ]; then
  summary=$(cat "$log")
else
  summary=$(sed -n '/^\(Archive run\|Snapshot capture\) /,$p' "$log")
fi
[ -z "$summary" ] || printf '%s\n' "$summary"
# a night archived already ends without a summary: its one line says so, and how to archive it again
if [ -z "$summary" ] && [ "$status" -eq 0 ]; then
  sed -n 's/^.* - \(.* is done already .*\)$/\1/p' "$log" | head -n 1
fi
[ -z "$relaunched" ] || { echo; echo "$relaunched"; }
# a run that ended with a summary has said why (its reason line); one that stopped before says it first, in its
# log's last lines
if [ "$status" -ne 0 ]; then
  if [ -n "$summary" ]; then
    echo
  else
    tail -n 20 "$log"
  fi
  echo "exit code $status; full log: $log"
fi
find "$logs" -name 'run-*.log' -mtime +30 -delete 2>/dev/null
exit "$status"
