#!/usr/bin/env bash
# Re-extract messages, merge them into every catalog, compile. Run after changing strings.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
"$PYBABEL" extract -F locales/babel.cfg -k N_ --no-location --sort-output \
  --project Frammote -o locales/messages.pot .
for dir in locales/*/; do
  lang=$(basename "$dir")
  "$PYBABEL" update -i locales/messages.pot -d locales -l "$lang" --no-fuzzy-matching --ignore-obsolete
done
"$PYBABEL" compile -d locales --statistics
