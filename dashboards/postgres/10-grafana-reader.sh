#!/usr/bin/env bash
# Runs once, when the compose PostgreSQL creates its database: the read-only reporting role the job's
# migration grants (livestation_reader, NOLOGIN), and the login Grafana uses, a member of it only.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v reader_password="${GRAFANA_READER_PASSWORD:-grafana-reader}" <<'SQL'
CREATE ROLE livestation_reader NOLOGIN;
CREATE ROLE grafana_reader LOGIN PASSWORD :'reader_password' IN ROLE livestation_reader;
SQL
