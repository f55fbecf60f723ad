#!/usr/bin/env bash
# make validate-903: the demo data's 903 export against the DfE validation rules.
# Seeds the demo (seed 1, with the pathfinders' real postcodes) into a throwaway SQLite
# database, exports two councils (Bolton, West Sussex) for the latest two complete collection
# years, and runs Data to Insight's validator on each in its own virtualenv ($VENV_903).
# Fails on any error the rules report (see scripts/validate_903/check.py for the exceptions).
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${BIN:-.venv/bin}
VENV_903=${VENV_903:-.venv-903}
YEARS=${YEARS_903:-"2025 2026"}
COUNCILS=${COUNCILS_903:-"E08000001 E10000032"}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

export DEBUG=1 DEMO_MODE=1 DATABASE_URL="sqlite:///$WORK/demo.sqlite3"
unset REDIS_URL
"$BIN/python" manage.py migrate --no-input -v0
"$BIN/python" manage.py import_postcodes --regions >/dev/null
"$BIN/python" manage.py seed_demo --seed 1 >/dev/null

# Export every council and year, then check them two at a time (the machine has two cores).
jobs=()
for year in $YEARS; do
  for council in $COUNCILS; do
    "$BIN/python" manage.py export_903 --la "$council" --year "$year" --out "$WORK/$council/$year" >/dev/null
    jobs+=("$year $council")
  done
done
check() {
  "$VENV_903/bin/python" scripts/validate_903/check.py --year "$1" --la "$2" "$WORK/$2/$1" \
    >"$WORK/$2-$1.log" 2>&1
}
status=0
for ((i = 0; i < ${#jobs[@]}; i += 2)); do
  pids=()
  for job in "${jobs[@]:i:2}"; do
    check $job &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
done
for job in "${jobs[@]}"; do
  set -- $job
  cat "$WORK/$2-$1.log"
done
exit $status
