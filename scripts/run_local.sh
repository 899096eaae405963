#!/usr/bin/env bash
# Serve the site on http://127.0.0.1:8000 with a background task worker beside it, so queued
# emails (shown in this console) and reports are processed. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py db_worker --interval 1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo
echo "Leadership Pulse is running at http://127.0.0.1:8000 (Ctrl+C to stop)"
.venv/bin/python manage.py runserver 127.0.0.1:8000
