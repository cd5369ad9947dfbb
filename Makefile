# Two commands do everything: `make serve` and `make test`. On a fresh Debian
# machine both first install the Debian packages they need
# (.ci/install-system-deps, as CI does), then create .venv and install the
# locked versions from requirements/: serve.txt to serve and build, test.txt
# (the same versions, plus the test tools) to test. `make lock` regenerates
# both locks after pyproject.toml changes; tests/test_lock.py fails until then.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SERVE_LOCK  := requirements/serve.txt
TEST_LOCK   := requirements/test.txt
SERVE_STAMP := $(VENV)/.serve-stamp
STAMP       := $(VENV)/.installed-stamp
# The Python the locks are resolved for: the one CI and deploy run
# (python:3.11.7-bookworm in .github/workflows/ci.yml) and this machine's.
LOCK_PYTHON := 3.11.7
UV_VERSION  := 0.13.9
# Browser-side quality tools (axe-core, Lighthouse, the Nu HTML checker), pinned
# in tests/quality/package-lock.json. Install scripts are skipped: vnu-jar's
# only fetches a Java runtime, and the system's is used instead.
QUALITY    := tests/quality
NODE_STAMP := $(QUALITY)/node_modules/.installed-stamp
ADDR   ?= 127.0.0.1:8000
# pytest workers: the build-breaking and browser tests are slow, so spread them.
JOBS   ?= 2

.PHONY: serve test build benchmark clean system-deps lock import window citation-audit

$(BIN)/python:
	.ci/install-system-deps serve
	$(PYTHON) -m venv $(VENV)

# Hash-checked installs of the locks; the project itself without dependencies,
# so nothing but the lock decides a version.
$(SERVE_STAMP): $(SERVE_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(SERVE_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(STAMP): $(TEST_LOCK) $(SERVE_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	touch $@

# `mkdocs serve --strict --livereload` that outlives a failed build: it keeps
# the last good site up and shows the errors in the open page (macros/serve.py).
# SITE_URL puts the site at the root of ADDR instead of under site_url's path.
serve: $(SERVE_STAMP)
	SITE_URL=http://$(ADDR)/ $(BIN)/python -m macros.serve --dev-addr $(ADDR)

# Build into a scratch folder; replace site/ only when the strict build passed,
# so a failed build never leaves a half-built site behind to publish.
build: $(SERVE_STAMP)
	rm -rf site.partial
	$(BIN)/mkdocs build --strict --site-dir site.partial
	rm -rf site && mv site.partial site

$(NODE_STAMP): $(QUALITY)/package.json $(QUALITY)/package-lock.json | system-deps
	npm ci --prefix $(QUALITY) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The suite in parallel; then what measures time (Lighthouse, the archive
# benchmark) on its own, since a second busy worker would skew the numbers.
test: system-deps $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -n $(JOBS) -m "not isolated"
	$(BIN)/python -m pytest -p no:xdist -m isolated
	$(MAKE) --no-print-directory benchmark

# 200 episodes x 25 chapters, 440 guests, 300 topic pages: macros, validation and
# backlinks must cost <= 15% over pre-rendered pages, and 10x the pages <= 11x the time.
# Then the real archive under `make serve`: a save costs <= 1/4 of a full build's CPU
# and shows in <= 5 s; prints the full build's pages/s.
benchmark: $(STAMP)
	$(BIN)/python -m tests.benchmarks.archive_build --repeat 3
	$(BIN)/python -m tests.benchmarks.edit_loop --repeat 3

# chromium, fonts, Java, Node.js and npm for the tests: installed if missing.
system-deps:
	.ci/install-system-deps test

# Regenerate both locks from pyproject.toml (needs PyPI); serve.txt is
# constrained by test.txt, so the two never disagree on a version.
# The code-block tests use torch's CPU build, which this machine kind keeps in
# TORCH_WHEELS (PyPI's torch is a CUDA build of several GB); the lock records
# that file's hash, so pip installs exactly it.
TORCH_WHEELS ?= /opt/wheels
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile --quiet --universal --python-version $(LOCK_PYTHON) --generate-hashes \
	    --find-links $(TORCH_WHEELS) pyproject.toml --extra test -o $(TEST_LOCK)
	$(BIN)/uv pip compile --quiet --universal --python-version $(LOCK_PYTHON) --generate-hashes \
	    pyproject.toml -c $(TEST_LOCK) -o $(SERVE_LOCK)

# Sync data/ with the podcast archive (a checkout of the podcast's website):
# one file per episode and guest; fields listed under `curated` are kept.
ARCHIVE ?= ../shared/sources/datatalksclub
import: $(STAMP)
	$(BIN)/python -m macros.importer $(ARCHIVE)

# Read a citation's evidence: the transcript from a chapter start to the next one,
# e.g. make window EPISODE=from-software-engineer-to-machine-learning AT=17:25
window: $(SERVE_STAMP)
	$(BIN)/python -m macros.transcript '$(EPISODE)' '$(AT)' --archive '$(ARCHIVE)'

# Every citation whose window holds (almost) nothing from a guest: often the host's question.
citation-audit: $(SERVE_STAMP)
	$(BIN)/python -m macros.transcript --audit --archive '$(ARCHIVE)'

clean:
	rm -rf site site.partial $(VENV) $(QUALITY)/node_modules .pytest_cache test-results
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
