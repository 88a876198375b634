# Claimdesk: `make run` serves the demo, `make test` lints and runs the suite.
# Needs only Python 3.11+, git and make: uv is installed into .uv/ on first use.
# DATABASE_URL=postgres://... switches both targets to PostgreSQL.

SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .uv/bin/uv
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
# make run PORT=8123 HOST=0.0.0.0: where the development server listens.
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve migrate demo lint format test test-fast messages bench clean

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo --site http://$(HOST):$(PORT)/

# The job worker runs beside the server and stops with it; so does a loop that
# queues the overdue check (notify_overdue) every OVERDUE_EVERY seconds.
OVERDUE_EVERY ?= 3600
run: demo
	$(PY) manage.py db_worker & worker=$$!; \
	(while true; do $(PY) manage.py notify_overdue --queue >/dev/null; \
	  sleep $(OVERDUE_EVERY); done) & overdue=$$!; \
	trap 'kill $$worker $$overdue 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports --no-cache
	.venv/bin/mypy claims desk public api ingest interop matching ops

format: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

test: lint
	@mkdir -p var
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

bench: migrate
	$(PY) -m benchmarks run --claims $${CLAIMS:-10000} --json var/bench-$${CLAIMS:-10000}.json

clean:
	rm -rf .venv .uv var .pytest_cache .mypy_cache .ruff_cache
