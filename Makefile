# The README's two commands: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The DfE 903 validator needs pandas<2 and numpy<1.25: its own virtualenv, not in the lock.
VENV_903 := .venv-903
STAMP_903 := $(VENV_903)/.installed

.PHONY: demo test lint bench bench-readme install serve clean validate-903

$(STAMP): requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

$(STAMP_903): scripts/validate_903/requirements.txt
	test -x $(VENV_903)/bin/python || $(PYTHON) -m venv $(VENV_903)
	$(VENV_903)/bin/python -m pip install --quiet --no-deps -r scripts/validate_903/requirements.txt
	touch $(STAMP_903)

## The demo data's 903 export against the DfE validation rules (fails on any error)
validate-903: install $(STAMP_903)
	BIN=$(BIN) VENV_903=$(VENV_903) bash scripts/validate_903/run.sh

## The service with demo data (SQLite unless DATABASE_URL is set; Celery worker and beat when REDIS_URL is set)
demo: install $(STAMP_903)
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py import_postcodes --regions --if-empty
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py seed_demo --seed 1
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py run_forecasts
	DEBUG=1 DEMO_MODE=1 $(BIN)/python manage.py seed_strategies
	DEBUG=1 DEMO_MODE=1 BIN=$(BIN) bash scripts/serve-demo.sh

## Lints (ruff, tenant scoping, import contracts), then the whole suite (on PostgreSQL when DATABASE_URL points at it)
test: install
	$(BIN)/ruff check .
	DEBUG=1 $(BIN)/python manage.py lint_scoping
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory validate-903
	DEBUG=1 VALIDATE_903=required $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py lint_scoping
	$(BIN)/lint-imports --no-cache

## Benchmarks at national scale (not tests; not part of CI's pass/fail)
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/providers.py
	$(BIN)/python bench/placements.py
	$(BIN)/python bench/forecasting.py
	$(BIN)/python bench/ssda903.py
	$(BIN)/python bench/allocation.py

# bench/README.md from the tables the benches recorded (each run with --record)
bench-readme:
	$(BIN)/python bench/harness.py readme

clean:
	rm -rf $(VENV) $(VENV_903) db.sqlite3 staticfiles
