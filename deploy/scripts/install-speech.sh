#!/usr/bin/env bash
# Installs espeak-ng, Debian's speech synthesiser, when it is missing: "🔊 Les opp" speaks
# the bot's answers with it (voices nb, en, uk, pl and ar; nynorsk is read by the bokmål
# voice). Run as root it installs with apt; otherwise it says what to run and exits 1,
# and the bot runs without voice notes (its log says so once at start).
set -euo pipefail
command -v espeak-ng >/dev/null && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "espeak-ng is missing: no voice notes for read-aloud until 'sudo apt-get install espeak-ng'." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends espeak-ng
