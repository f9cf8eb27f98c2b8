#!/usr/bin/env bash
# Runs a command with a real PostgreSQL for the tests that need one: Debian's cluster, started
# through its own scripts (PostgreSQL refuses to run as root), a fresh `agora_test` database, and
# its address in AGORA_TEST_DATABASE_URL. Installs Debian's package when it is missing.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
	echo "Installing Debian's PostgreSQL for the storage tests…" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main" || pg_createcluster "$version" main >/dev/null
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true # already running is fine
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.1; done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "PostgreSQL did not start: see /var/log/postgresql/" >&2; exit 1; }
as_postgres() { su postgres -s /bin/sh -c "$1"; }
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'agora'\"" | grep -q 1 ||
	as_postgres "psql -p $port -qc \"CREATE ROLE agora LOGIN PASSWORD 'agora'\""
as_postgres "psql -p $port -q -c \"SET client_min_messages = warning\" -c \"DROP DATABASE IF EXISTS agora_test\" -c \"CREATE DATABASE agora_test OWNER agora\""

export AGORA_TEST_DATABASE_URL="postgres://agora:agora@127.0.0.1:$port/agora_test"
exec "$@"
