# Leadership Pulse: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
REPORTS := var/test-reports

.PHONY: run test install install-test assets chromium lint typecheck test-sqlite test-postgres test-browser lock worker

## make run: install, migrate SQLite, load the demo and serve http://127.0.0.1:8000
run: install assets
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_data
	bash scripts/run_local.sh

## make test: install what the tests need, then run every check
test: install-test assets chromium lint typecheck test-sqlite test-postgres test-browser
	@echo "All checks passed."

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt

install-test: install
	$(BIN)/pip install --quiet -r requirements/dev.txt

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

assets: node_modules/.package-lock.json
	npm run --silent build

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q chromium || { $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }; \
	fi

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint pulse --lint --quiet

typecheck:
	$(BIN)/mypy

test-sqlite:
	@mkdir -p $(REPORTS)
	$(BIN)/pytest -n 2 -m "not browser and not postgres" --junitxml=$(REPORTS)/sqlite.xml

# Runs every non-browser test again on PostgreSQL, including the locking and concurrency tests.
test-postgres:
	@mkdir -p $(REPORTS)
	@if [ -n "$${PULSE_POSTGRES_URL:-}" ]; then \
	  DATABASE_URL="$$PULSE_POSTGRES_URL" $(BIN)/pytest -n 2 -m "not browser" --require-postgres --junitxml=$(REPORTS)/postgres.xml; \
	elif [ -n "$${PULSE_REQUIRE_POSTGRES:-}" ]; then \
	  echo "PULSE_REQUIRE_POSTGRES is set but PULSE_POSTGRES_URL is not: the PostgreSQL run cannot be skipped"; exit 1; \
	else \
	  echo "Skipping the PostgreSQL run: set PULSE_POSTGRES_URL=postgres://user@host:5432/db to include it"; \
	fi

test-browser:
	@mkdir -p $(REPORTS)
	$(BIN)/pytest -m browser --junitxml=$(REPORTS)/browser.xml

## make worker: run the background task worker (emails, exports, reports)
worker:
	$(BIN)/python manage.py db_worker

## make lock: re-pin Python dependencies after editing requirements/*.in
lock:
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host --no-header --annotation-style=line requirements/base.in -o requirements/base.txt
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host --no-header --annotation-style=line requirements/dev.in -o requirements/dev.txt
