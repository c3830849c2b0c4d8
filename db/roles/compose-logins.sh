#!/bin/sh
# The compose PostgreSQL's logins, set at every `docker compose up` by the one-shot service
# postgres-logins (docker-compose.yml). The postgres image applies POSTGRES_PASSWORD only when it
# first creates its volume: without this, a volume made with another password refuses the job and
# Grafana. Connects through the server's socket, which the image trusts, and
#   - sets the password of the archive's login ARCHIVE_LOGIN to ARCHIVE_PASSWORD,
#   - creates, when missing, the read-only role ARCHIVE_READER_ROLE (NOLOGIN; the job's migration
#     grants it SELECT) and Grafana's login GRAFANA_READER_LOGIN, a member of that role only,
#   - sets that login's password to GRAFANA_READER_PASSWORD.
# Connection settings are libpq's (PGHOST, PGUSER, PGDATABASE); no password reaches the output.
set -eu
: "${ARCHIVE_LOGIN:?}" "${ARCHIVE_PASSWORD:?}" "${GRAFANA_READER_PASSWORD:?}"
export ARCHIVE_READER_ROLE="${ARCHIVE_READER_ROLE:-livestation_reader}"
export GRAFANA_READER_LOGIN="${GRAFANA_READER_LOGIN:-grafana_reader}"
psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
\getenv archive_login ARCHIVE_LOGIN
\getenv archive_password ARCHIVE_PASSWORD
\getenv reader_role ARCHIVE_READER_ROLE
\getenv reader_login GRAFANA_READER_LOGIN
\getenv reader_password GRAFANA_READER_PASSWORD
ALTER ROLE :"archive_login" PASSWORD :'archive_password';
SELECT format('CREATE ROLE %I NOLOGIN', :'reader_role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'reader_role') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'reader_login')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'reader_login') \gexec
GRANT :"reader_role" TO :"reader_login";
ALTER ROLE :"reader_login" LOGIN PASSWORD :'reader_password';
SQL
echo "postgres-logins: the passwords of $ARCHIVE_LOGIN and $GRAFANA_READER_LOGIN are the ones of .env"
