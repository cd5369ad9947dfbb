# Two commands do everything: `make serve` and `make test`.
# Both create .venv and install the project from pyproject.toml on first use
# (and again whenever pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Browser-side quality tools (axe-core, Lighthouse, the Nu HTML checker), pinned
# in tests/quality/package-lock.json. Install scripts are skipped: vnu-jar's
# only fetches a Java runtime, and the system's is used instead.
QUALITY    := tests/quality
NODE_STAMP := $(QUALITY)/node_modules/.installed-stamp
ADDR   ?= 127.0.0.1:8000
# pytest workers: the build-breaking and browser tests are slow, so spread them.
JOBS   ?= 2

.PHONY: serve test build benchmark clean check-browser import

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# `mkdocs serve --strict --livereload` that outlives a failed build: it keeps
# the last good site up and shows the errors in the open page (macros/serve.py).
# SITE_URL puts the site at the root of ADDR instead of under site_url's path.
serve: $(STAMP)
	SITE_URL=http://$(ADDR)/ $(BIN)/python -m macros.serve --dev-addr $(ADDR)

# Build into a scratch folder; replace site/ only when the strict build passed,
# so a failed build never leaves a half-built site behind to publish.
build: $(STAMP)
	rm -rf site.partial
	$(BIN)/mkdocs build --strict --site-dir site.partial
	rm -rf site && mv site.partial site

$(NODE_STAMP): $(QUALITY)/package.json $(QUALITY)/package-lock.json
	npm ci --prefix $(QUALITY) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The suite in parallel; then what measures time (Lighthouse, the archive
# benchmark) on its own, since a second busy worker would skew the numbers.
test: $(STAMP) $(NODE_STAMP) check-browser
	$(BIN)/python -m pytest -n $(JOBS) -m "not isolated"
	$(BIN)/python -m pytest -p no:xdist -m isolated
	$(MAKE) --no-print-directory benchmark

# 200 episodes x 25 chapters, 440 guests, 300 topic pages: macros, validation and
# backlinks must cost <= 15% over pre-rendered pages, and 10x the pages <= 11x the time.
benchmark: $(STAMP)
	$(BIN)/python -m tests.benchmarks.archive_build --repeat 3

# Sync data/ with the podcast archive (a checkout of the podcast's website):
# one file per episode and guest; fields listed under `curated` are kept.
ARCHIVE ?= ../shared/sources/datatalksclub
import: $(STAMP)
	$(BIN)/python -m macros.importer $(ARCHIVE)

check-browser:
	@test -x /usr/bin/chromium || { echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; }
	@command -v java >/dev/null || { echo "The HTML check needs Java: sudo apt-get install default-jre-headless"; exit 1; }

clean:
	rm -rf site site.partial $(VENV) $(QUALITY)/node_modules .pytest_cache test-results
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
