# Two commands do everything: `make serve` and `make test`.
# Both create .venv and install the project from pyproject.toml on first use
# (and again whenever pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ADDR   ?= 127.0.0.1:8000
# pytest workers: the build-breaking and browser tests are slow, so spread them.
JOBS   ?= 2

.PHONY: serve test build clean check-browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# MkDocs 1.6.1 only reloads the browser under click >= 8.3 when --livereload
# is passed explicitly (mkdocs/mkdocs#4032), so it is always passed here.
serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --livereload --dev-addr $(ADDR)

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP) check-browser
	$(BIN)/python -m pytest -n $(JOBS)

check-browser:
	@test -x /usr/bin/chromium || { echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; }

clean:
	rm -rf site $(VENV) .pytest_cache test-results
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
