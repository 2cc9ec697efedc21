#!/usr/bin/env bash
# Writes deploy/requirements.lock: every dependency pinned with its hashes, for the
# container image (Linux x86_64, Python 3.11), from pyproject.toml and deploy/requirements.in.
# Run it after changing the dependencies in pyproject.toml, and commit the result.
set -euo pipefail
cd "$(dirname "$0")/../.."
UV=${UV:-uv}
if ! command -v "$UV" >/dev/null; then
    python3 -m venv /tmp/frammote-lock-tools
    /tmp/frammote-lock-tools/bin/pip install --quiet uv
    UV=/tmp/frammote-lock-tools/bin/uv
fi
"$UV" pip compile pyproject.toml deploy/requirements.in \
    --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
    --custom-compile-command "bash deploy/scripts/lock.sh" \
    --output-file deploy/requirements.lock --quiet
