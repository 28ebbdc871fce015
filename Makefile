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

FUZZ_SECONDS ?= 20

.PHONY: run test test-sqlite test-postgres lint format fuzz bench bench-national load audit score clean

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
	@$(BIN)/protokol worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/protokol runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	DATABASE_URL= $(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r src

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench tools
	$(BIN)/ruff format src tests bench tools

test: lint
	DATABASE_URL= $(BIN)/protokol makemigrations --check --dry-run
	$(MAKE) fuzz
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

# Coverage-guided fuzzing of the extraction entry point for a bounded time (atheris).
fuzz: $(STAMP)
	rm -rf var/fuzz && mkdir -p var/fuzz/corpus && cp tests/samples/sample_protocol.txt var/fuzz/corpus/
	cd var/fuzz && ../../$(BIN)/python ../../tests/fuzz/fuzz_extraction.py \
		-max_total_time=$(FUZZ_SECONDS) -artifact_prefix=./ corpus > fuzz.log 2>&1; \
		status=$$?; tail -2 fuzz.log; exit $$status

bench: $(STAMP)
	$(BIN)/python bench/bench_extraction.py
	DATABASE_URL= $(BIN)/python bench/bench_publish.py
	DATABASE_URL= $(BIN)/python bench/bench_requests.py

# Extraction against the gold annotations of the real-document corpus (tests/samples/real);
# `make score SCORE_ARGS=-v` lists every mismatch.
SCORE_ARGS ?=
score: $(STAMP)
	$(BIN)/python bench/score_extraction.py $(SCORE_ARGS)

# National scale on PostgreSQL (a database of its own, protokol_bench): run by hand, not in CI.
bench-national: $(STAMP)
	$(BIN)/python bench/bench_national.py

# Known vulnerabilities of the installed packages. Needs PyPI's vulnerability API, which
# the sandboxed CI machines cannot reach, so it is run by hand (not part of `make test`).
audit: $(STAMP)
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip-audit --skip-editable

# 89 operators + 10 ministry users for 2 minutes on loopback against PostgreSQL.
load: $(STAMP)
	$(BIN)/python bench/load/run_load.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
