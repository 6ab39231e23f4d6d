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

.PHONY: serve build check test lint browser nginx bench clean urls offline linkcheck new

# The site generator: mkdocs, or properdocs (the maintained fork of MkDocs 1.x; the same site byte for byte).
ENGINE ?= mkdocs

$(STAMP): requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(STAMP)
	$(MKDOCS) serve --dev-addr 127.0.0.1:8000 --livereload

# Strict, into a staging folder that replaces site/ only when the build passed (scripts/build_site.py).
build: $(STAMP)
	$(PY) scripts/build_site.py mkdocs.yml site $(ENGINE)

check: $(STAMP)
	$(PY) -m catalogue_core check

# A new record's skeleton from its kind's schema: make new KIND=practice ID=exit-programme-example
new: $(STAMP)
	@$(PY) -m catalogue_core new "$(KIND)" "$(ID)"

# Debian's chromium, driven by Playwright (which downloads no browser of its own).
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's nginx, for the test of the nginx example (tests/test_nginx.py), which runs it in the
# foreground on its own. Installing it must not start the system's nginx service: where no
# policy-rc.d says otherwise, one is put in place for the install (exit 101: "action forbidden",
# https://people.debian.org/~hmh/invokerc.d-policyrc.d-specification.txt) and removed after.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx for the nginx example's test..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  POLICY=/usr/sbin/policy-rc.d; OWN_POLICY=; \
	  if [ ! -e $$POLICY ]; then printf '#!/bin/sh\nexit 101\n' | $$SUDO tee $$POLICY >/dev/null && $$SUDO chmod +x $$POLICY && OWN_POLICY=1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; STATUS=$$?; \
	  if [ -n "$$OWN_POLICY" ]; then $$SUDO rm -f $$POLICY; fi; exit $$STATUS; }

# ruff (mistakes and import order) and mypy (types) over our Python; part of `make test`, so of CI.
lint: $(STAMP)
	$(VENV)/bin/ruff check hooks tests bench scripts
	$(VENV)/bin/mypy hooks bench scripts

test: $(STAMP) node_modules/.installed browser nginx lint
	$(PY) -m pytest

# A zipped copy that works from file:// (search included), for locked-down networks.
OFFLINE_ZIP := dist/lone-actors-catalogue-offline.zip
offline: $(STAMP)
	rm -rf dist/offline-site $(OFFLINE_ZIP)
	$(MKDOCS) build --strict --quiet -f mkdocs-offline.yml
	$(PY) scripts/zip_site.py dist/offline-site $(OFFLINE_ZIP)

# Synthetic catalogues timed against the floor MkDocs, Material and PyYAML set; checks the budgets,
# writes bench/results.json and docs/benchmarks.md. Takes many minutes: make bench SIZES="100 1000".
SIZES ?= 100 1000 5000
bench: $(STAMP) browser
	$(PY) -m bench --sizes $(SIZES)

# Opt-in, needs the network, never part of `make test`: do the records' web addresses answer?
# Without a network it says so and exits 2, checking nothing.
linkcheck: $(STAMP)
	$(PY) -m catalogue_core.publish.linkcheck

clean:
	rm -rf site dist .pytest_cache .cache

# Add every URL the site now serves to published-urls.txt (URLs are never removed from it).
urls: $(STAMP)
	$(PY) -m catalogue_core urls
