# Protokol — the two commands a newcomer needs: `make run` and `make test`.
# Both bootstrap the virtualenv themselves; nothing else has to be installed by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL pass of `make test`: DATABASE_URL if given, else the local server if it answers.
PG_URL := $(or $(DATABASE_URL),postgresql://postgres@127.0.0.1:5432/test)
PYTEST_ARGS ?=

.PHONY: run test test-sqlite test-postgres lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The task worker runs beside the web server and stops with it.
run: $(STAMP)
	$(BIN)/protokol migrate --noinput
	$(BIN)/protokol setup_demo
	@echo "Протокол: http://$(HOST):$(PORT)/"
	@$(BIN)/protokol db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/protokol runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r src

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench tools
	$(BIN)/ruff format src tests bench tools

test: lint
	DATABASE_URL= $(BIN)/protokol makemigrations --check --dry-run
	$(MAKE) test-sqlite
	@if $(BIN)/python -c "import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$(PG_URL)" 2>/dev/null; then \
		$(MAKE) test-postgres; \
	else \
		echo "PostgreSQL не отвечает по $(PG_URL): проход на PostgreSQL пропущен."; \
	fi

test-sqlite: $(STAMP)
	DATABASE_URL= PROTOKOL_ENV=test $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-postgres: $(STAMP)
	DATABASE_URL=$(PG_URL) PROTOKOL_ENV=test $(BIN)/pytest -n 2 $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/bench_extraction.py
	DATABASE_URL= $(BIN)/python bench/bench_publish.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
