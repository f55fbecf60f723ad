#!/usr/bin/env bash
# Serve the demo: the web server, plus a Celery worker and beat when REDIS_URL is set.
set -euo pipefail
BIN=${BIN:-.venv/bin}
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
if [ -n "${REDIS_URL:-}" ]; then
  echo "REDIS_URL is set: starting a Celery worker and beat beside the web server."
  "$BIN/celery" -A rcc worker --loglevel=INFO --concurrency=2 &
  pids+=($!)
  "$BIN/celery" -A rcc beat --loglevel=INFO --schedule="${TMPDIR:-/tmp}/rcc-celerybeat-schedule" &
  pids+=($!)
else
  echo "No REDIS_URL: background tasks run in-process (eagerly)."
fi
# Bolton's OpenID provider, for "Sign in with your council account" (ADR 0023).
"$BIN/python" scripts/demo_idp.py &
pids+=($!)
echo "Open http://127.0.0.1:8000 and sign in with one of the accounts above."
echo "Or: Sign in with your council account, as jo.parry@bolton.demo.rcc.example (Bolton's provider on 127.0.0.1:${DEMO_IDP_PORT:-8020})."
"$BIN/python" manage.py runserver 127.0.0.1:8000
