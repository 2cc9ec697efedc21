#!/usr/bin/env bash
# Installs, with apt and only when missing, the Debian packages the tests use:
# PostgreSQL (a throwaway server per test run), Chromium (browser tests, driven by
# Playwright through executable_path: its own browser download is not possible here),
# poppler-utils (reading generated PDFs), DejaVu fonts (embedded in PDFs; DejaVu Sans has the
# Arabic, Cyrillic and Polish letters too) and nginx (the load
# balancer in front of two replicas in the crash-safety test; run as a plain process, never as
# a service) and espeak-ng (the voice notes of read-aloud, made for real in every language).
set -euo pipefail
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing system packages: run 'sudo apt-get install ${missing[*]}'." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
