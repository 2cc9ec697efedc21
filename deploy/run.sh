#!/usr/bin/env bash
# Runs Frammøte. Without TELEGRAM_BOT_TOKEN (environment or .env): the demo with the
# local Telegram stand-in and demo data; with a token: the real bot.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/deploy/setup.sh"
bash "$ROOT/deploy/scripts/install-speech.sh" || true  # without it: no voice notes, said once
cd "$ROOT"
token="${TELEGRAM_BOT_TOKEN:-}"
if [ -z "$token" ] && [ -f .env ]; then
  token="$(sed -n 's/^TELEGRAM_BOT_TOKEN=//p' .env | tail -n1)"
fi
if [ -n "$token" ]; then
  exec .venv/bin/frammote run "$@"
fi
exec .venv/bin/frammote demo "$@"
