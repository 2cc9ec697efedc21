#!/usr/bin/env bash
# Installs Debian's PostgreSQL server when no `initdb` is found (tests start their own throwaway cluster).
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL is missing: run 'sudo apt-get install postgresql' (or set FRAMMOTE_TEST_POSTGRES_URL=postgres://…/postgres)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends postgresql
