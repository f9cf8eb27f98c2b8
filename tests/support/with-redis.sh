#!/usr/bin/env bash
# Runs a command with Debian's redis-server at hand for the scale-out tests, which start (and
# restart) their own Redis on a free port: AGORA_TEST_REDIS_SERVER is its path. Installs
# Debian's package when it is missing.
set -euo pipefail

if ! command -v redis-server >/dev/null 2>&1; then
	echo "Installing Debian's Redis for the scale-out tests…" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq redis-server >/dev/null
fi
export AGORA_TEST_REDIS_SERVER="$(command -v redis-server)"
exec "$@"
