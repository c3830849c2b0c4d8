#!/usr/bin/env bash
# Drill: Debian's cron runs the cron file of jobs/cron as installed. It installs the file into
# /etc/cron.d under its own name with the nightly line made every minute and pointing at the wrapper
# (jobs/run-archive.sh) and the jar in a scratch install directory, the demo profile and a scratch
# database in the settings file, and beside it a copy under a dotted name that cron must ignore.
# It starts cron in the foreground (`cron -f`), waits until the wrapper ran as the job's user, kept
# its log and printed the summary that cron mails, then stops cron and removes what it installed.
# Last line: `cron drill: passed` (exit 0) or `cron drill: failed: <why>` (exit 1).
# While it runs, cron also runs the machine's own crontab and /etc/cron.d files, as it always does.
#   usage: sudo drills/cron.sh   (Debian or Ubuntu; installs the cron package when missing and leaves
#          it installed; needs target/livestation-archive.jar, built by ./mvnw -q -DskipTests package,
#          and psql)
#   ARCHIVE_JAR            the jar to run (default target/livestation-archive.jar)
#   ARCHIVE_DRILL_SERVER   libpq URL of the PostgreSQL server (default postgresql://postgres@127.0.0.1:5432)
#   ARCHIVE_DRILL_TIMEOUT  seconds to wait for the run (default 240: up to a minute until cron's
#                          next minute, then the demo run)
set -uo pipefail
cd "$(dirname "$0")/.."

verdict() {
  echo "cron drill: $*"
  [ "$1" = passed ]
  exit
}

[ "$(id -u)" -eq 0 ] || verdict failed: "run it as root: it installs a file into /etc/cron.d and starts cron"
jar=${ARCHIVE_JAR:-target/livestation-archive.jar}
[ -f "$jar" ] || verdict failed: "build the jar first: ./mvnw -q -DskipTests package"
server=${ARCHIVE_DRILL_SERVER:-postgresql://postgres@127.0.0.1:5432}
timeout=${ARCHIVE_DRILL_TIMEOUT:-240}
user=livestation
cron_file=/etc/cron.d/livestation-archive
dotted_file=/etc/cron.d/livestation-archive.cron
for file in "$cron_file" "$dotted_file"; do
  [ ! -e "$file" ] || verdict failed: "$file exists (an installation?): move it away for the drill"
done
if ! command -v cron >/dev/null 2>&1; then
  echo "installing Debian's cron package"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cron \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cron; }; } >/dev/null \
    || verdict failed: "could not install the cron package (apt-get install -y cron)"
fi
running=$(pgrep -x cron | head -n 1)
[ -z "$running" ] || verdict failed: "a cron daemon already runs (pid $running): stop it (systemctl stop cron) and run the drill again"

# --- install, as jobs/README.md says, into a scratch directory instead of /opt and /etc
drill=$(mktemp -d /tmp/cron-drill.XXXXXX)
chmod 0755 "$drill"
home=$drill/opt
logs=$drill/log
settings=$drill/etc/archive.env
mail=$drill/mail
database="lsarchive_cron_$$"
created_user=""
cron_pid=""

cleanup() {
  rm -f "$cron_file" "$dotted_file"
  if [ -n "$cron_pid" ]; then
    kill "$cron_pid" 2>/dev/null
    wait "$cron_pid" 2>/dev/null
  fi
  # a run cron started before it stopped finishes first (it holds the job's lock while it runs)
  [ ! -e "$logs/.lock-nightly" ] || flock -w 180 "$logs/.lock-nightly" true
  psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
  [ -z "$created_user" ] || userdel "$user"
  rm -rf "$drill"
}
trap 'cleanup; trap - EXIT; verdict failed: interrupted' INT TERM

if ! id "$user" >/dev/null 2>&1; then
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user" \
    || verdict failed: "could not create the user $user"
  created_user=yes
fi
install -d -m 0755 "$home" "$drill/etc"
install -m 0644 "$jar" "$home/livestation-archive.jar"
install -m 0755 jobs/run-archive.sh "$home/run-archive.sh"
install -d -o "$user" -g "$user" -m 0750 "$logs"
install -o "$user" -g "$user" -m 0600 /dev/null "$mail"

psql "$server/postgres" -qc "CREATE DATABASE $database" >/dev/null || { cleanup; verdict failed: "could not create the database $database on $server"; }
jdbc="jdbc:${server/postgresql:\/\/*@/postgresql://}/$database"
db_user=$(echo "$server" | sed -n 's#^postgresql://\([^@:]*\).*#\1#p')
install -o "$user" -g "$user" -m 0600 /dev/null "$settings"
cat >"$settings" <<EOF
ARCHIVE_JDBC_URL=$jdbc
ARCHIVE_JDBC_USER=${db_user:-postgres}
SPRING_PROFILES_ACTIVE=demo
EOF

# the installed file, with the night every minute, the scratch paths, and stdout kept in a file
# that stands for the mail (MAILTO="": no mail is sent, and no MTA is needed)
sed -e 's#^MAILTO=.*#MAILTO=""#' \
  -e '/--archive.job=snapshot-capture/d' \
  -e 's#^30 2 \* \* \* #* * * * * #' \
  -e "s#/opt/livestation-archive/run-archive.sh\$#$home/run-archive.sh >>$mail 2>\&1#" \
  jobs/cron/livestation-archive >"$drill/cron-file"
sed -i "/^MAILTO=/a ARCHIVE_SETTINGS=$settings\nARCHIVE_HOME=$home\nARCHIVE_LOGS=$logs" "$drill/cron-file"
grep -qxF "* * * * * $user $home/run-archive.sh >>$mail 2>&1" "$drill/cron-file" \
  || { cleanup; verdict failed: "jobs/cron/livestation-archive has no nightly line '30 2 * * * $user /opt/livestation-archive/run-archive.sh' to make every minute"; }
install -o root -g root -m 0644 "$drill/cron-file" "$cron_file"
printf '* * * * * root touch %s/dotted-file-ran\n' "$drill" >"$drill/dotted"
install -o root -g root -m 0644 "$drill/dotted" "$dotted_file"

# --- run cron and wait for the wrapper's summary
cron -f -L 15 >"$drill/cron.out" 2>&1 &
cron_pid=$!
echo "cron started (pid $cron_pid) with $cron_file; waiting up to ${timeout}s for the run"
problem="waiting"
deadline=$((SECONDS + timeout))
while [ "$SECONDS" -lt "$deadline" ]; do
  if ! kill -0 "$cron_pid" 2>/dev/null; then
    problem="cron exited: $(tr '\n' ' ' <"$drill/cron.out")"
    break
  fi
  if grep -q '^exit code ' "$mail"; then
    problem="the wrapper reported a failure: $(grep -m 1 '^exit code ' "$mail")"
    break
  fi
  if grep -q '^Archive run .*: COMPLETED' "$mail"; then
    problem=""
    break
  fi
  sleep 2
done
[ "$problem" != waiting ] || problem="no run summary within ${timeout}s; cron printed: $(tr '\n' ' ' <"$drill/cron.out")"

if [ -z "$problem" ]; then
  echo "mailed summary:"
  sed -n '/^Archive run /,/^$/p' "$mail" | sed 's/^/  | /'
  run_log=$(find "$logs" -name 'run-nightly-*-1.log' -user "$user" | head -n 1)
  if [ -z "$run_log" ]; then
    problem="no run log of the user $user in $logs"
  elif ! grep -q '^Archive run .*: COMPLETED' "$run_log"; then
    problem="the run log $run_log holds no completed summary"
  elif [ -e "$drill/dotted-file-ran" ]; then
    problem="cron ran $dotted_file, a file name with a dot, which Debian's cron ignores"
  else
    echo "run log: $run_log ($(wc -l <"$run_log") lines, owner $user); $dotted_file ignored"
  fi
fi
[ -z "$problem" ] || { echo "mail file:"; sed 's/^/  | /' "$mail"; }
cleanup
trap - INT TERM
[ -z "$problem" ] && verdict passed
verdict failed: "$problem"
