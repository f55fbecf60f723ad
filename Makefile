# The README's two commands: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench install serve clean

$(STAMP): requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

## The service with demo data (SQLite unless DATABASE_URL is set; Celery worker and beat when REDIS_URL is set)
demo: install
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py import_postcodes --regions --if-empty
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py seed_demo --seed 1
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py run_forecasts
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py seed_strategies
	DEBUG=1 DEMO_MODE=1 BIN=$(BIN) bash scripts/serve-demo.sh

## Lints (ruff, tenant scoping), then the whole suite (on PostgreSQL when DATABASE_URL points at it)
test: install
	$(BIN)/ruff check .
	DEBUG=1 $(BIN)/python manage.py lint_scoping
	DEBUG=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py lint_scoping

## Benchmarks at national scale (not tests; not part of CI's pass/fail)
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/providers.py
	$(BIN)/python bench/placements.py
	$(BIN)/python bench/forecasting.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
