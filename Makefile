# Verbs: run, test, lint, bench. Each does its own set-up.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint format bench chromium postgresql clean

$(VENV)/.runtime: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

chromium:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

# The storage tests start their own PostgreSQL server from Debian's binaries.
postgresql:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; }

# Runs on the bundled snapshot unless OPENROUTER_API_KEY is set. Local development relaxes
# the hosting defaults of .streamlit/config.toml by flags, not by editing the file.
run: $(VENV)/.runtime
	$(PY) serve.py app.py --server.port $(PORT) --client.showErrorDetails full --client.toolbarMode developer --server.fileWatcherType auto

test: $(VENV)/.dev chromium postgresql
	$(PY) -m pytest -q

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/hadolint --failure-threshold warning Dockerfile

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Not part of `make test`: prints figures with baselines from the same run.
bench: $(VENV)/.dev chromium
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
