# Two commands do everything on a fresh machine: `make build` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED ?= 0
# Python keeps each module's compiled form in __pycache__/ (ignored by git) even where the environment says not to
# (container images set PYTHONDONTWRITEBYTECODE=1): otherwise every process compiles the scripts package again,
# ~70 ms of each check, build step and of the hundreds of commands a test run starts, and pytest rewrites every
# test module's asserts afresh in each worker. A stale file is never used: Python compares it with the source.
export PYTHONDONTWRITEBYTECODE :=
# Reproducible output: every timestamp comes from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

.PHONY: build test test-fast check baseline generate add-policy draft remove-policy add-version serve bench bench-search system-deps clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The Node packages of package-lock.json: Workbox for the build's service worker, the quality gates for the tests.
# One install for both (npm install --omit=dev would delete the gates a test run installed). workbox-build stays
# at 7.3.0, the last release that runs on Debian 12's Node.js 18 (7.4 needs Node.js 20).
$(BIN)/.node-installed: package.json package-lock.json $(BIN)/.installed
	# npm ci rejects autocorrect-node (it lists platform packages without versions); install from the lockfile.
	npm install --silent --no-audit --no-fund --no-save
	touch $@

$(BIN)/.test-installed: requirements-test.txt $(BIN)/.installed $(BIN)/.node-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## build: the site into site/ (strict), its PDF and Word downloads, the whole handbook as one PDF per language,
## the service worker that keeps it offline on a phone, and the offline bundle into dist/
build: $(BIN)/.installed $(BIN)/.node-installed system-deps
	$(BIN)/python -m scripts.build --site site --dist dist --work build/offline

## test: the whole test suite, browser tests included (installs Chromium and fonts if missing)
test: $(BIN)/.test-installed system-deps
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2 --dist loadfile

## test-fast: what needs no site build and no browser (the splitter, the checker's fixtures, units): under a minute.
## Two processes, like make test: one process takes ~80 s on the 2-core machine, two ~49 s.
test-fast: $(BIN)/.test-installed
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not build and not browser"

## check: every citation, link, anchor, front matter and coverage rule; exit 1 on any error
check: $(BIN)/.installed
	$(BIN)/python -m scripts.check

## baseline: accept every current warning (check-baseline.yml, committed and reviewed); only new ones are shown
baseline: $(BIN)/.installed
	$(BIN)/python -m scripts.check --write-baseline

## generate: rewrite the generated source pages after a seed or the splitter changed
generate: $(BIN)/.installed
	$(BIN)/python -m scripts.generate

## add-policy: add a policy text (SEED=path/to.txt SLUG=some-slug [DATE=YYYY-MM-DD, the day it is added: today]);
## its pages, nav entry and search follow
add-policy: $(BIN)/.installed
	@test -n "$(SEED)" -a -n "$(SLUG)" || { echo "usage: make add-policy SEED=path/to.txt SLUG=some-slug" >&2; exit 2; }
	$(BIN)/python -m scripts.policy add "$(SEED)" "$(SLUG)" $(if $(DATE),--date "$(DATE)")

## draft: draft guidance for a policy text (SLUG=some-slug), one page per chapter or part, not published until done
draft: $(BIN)/.installed
	@test -n "$(SLUG)" || { echo "usage: make draft SLUG=some-slug" >&2; exit 2; }
	$(BIN)/python -m scripts.draft "$(SLUG)"

## remove-policy: take a policy out again (SLUG=some-slug), leaving the tree as it was before the add
remove-policy: $(BIN)/.installed
	@test -n "$(SLUG)" || { echo "usage: make remove-policy SLUG=some-slug" >&2; exit 2; }
	$(BIN)/python -m scripts.policy remove "$(SLUG)"

## add-version: a new version of a policy (SLUG=some-slug SEED=path/to/new.txt [DATE=YYYY-MM-DD], the date optional
## when the text's 题注 gives it); the old one is kept
add-version: $(BIN)/.installed
	@test -n "$(SLUG)" -a -n "$(SEED)" || { echo "usage: make add-version SLUG=some-slug SEED=path/to/new.txt [DATE=YYYY-MM-DD]" >&2; exit 2; }
	$(BIN)/python -m scripts.versions add "$(SLUG)" "$(SEED)" $(if $(DATE),"$(DATE)")

## serve: live preview on http://127.0.0.1:8000/
serve: $(BIN)/.installed
	$(BIN)/properdocs serve --dirty -f mkdocs.yml

## system-deps: Debian's Chromium (its headless shell prints the PDFs and runs the browser tests; the full browser is
## what make bench measures search in), a TrueType CJK font (PDFs embed it), poppler (PDF checks)
## and pango (WeasyPrint lays out the whole-handbook PDF with it)
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromium-headless-shell >/dev/null || ! fc-list | grep -q wqy-microhei || ! command -v pdftotext >/dev/null \
	    || ! ldconfig -p | grep -q libpangoft2-1.0; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    chromium chromium-headless-shell fonts-wqy-microhei poppler-utils fontconfig libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	fi

## bench: benchmarks of build, check, search and bundle (after make build): a table, and bench/results.json
bench: $(BIN)/.test-installed system-deps
	@test -d site || $(MAKE) build
	$(BIN)/python -m scripts.dev.bench

## bench-search: search alone (quality, index size, latency; http and file://; 1x, 100x, a library and 50 texts)
bench-search: $(BIN)/.test-installed system-deps
	@test -d site || $(MAKE) build
	$(BIN)/python -m scripts.dev.bench --only search --out bench/search.json

clean:
	rm -rf site dist build .pytest_cache
