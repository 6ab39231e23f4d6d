# The project's commands. `make serve` and `make test` set up everything they need themselves.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed

# Silence Material's end-of-life banner and ProperDocs' nudge in our commands' output.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build check test browser bench clean

$(STAMP): requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(STAMP)
	$(MKDOCS) serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP)
	$(MKDOCS) build --strict

check: $(STAMP)
	$(PY) -m catalogue_core check

# Debian's chromium, driven by Playwright (which downloads no browser of its own).
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) node_modules/.installed browser
	$(PY) -m pytest

clean:
	rm -rf site dist .pytest_cache
