# Two commands do everything on a fresh machine: `make build` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED ?= 0
# Reproducible output: every timestamp comes from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

.PHONY: build test check generate add-policy remove-policy add-version serve bench bench-search system-deps clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.test-installed: requirements-test.txt package.json package-lock.json $(BIN)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	# npm ci rejects autocorrect-node (it lists platform packages without versions); install from the lockfile.
	npm install --silent --no-audit --no-fund --no-save
	touch $@

## build: the site into site/ (strict), its PDF and Word downloads, the whole handbook as one PDF per language,
## and the offline bundle into dist/
build: $(BIN)/.installed system-deps
	$(BIN)/python -m scripts.build --site site --dist dist --work build/offline

## test: the whole test suite, browser tests included (installs Chromium and fonts if missing)
test: $(BIN)/.test-installed system-deps
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

## check: every citation, link, anchor, front matter and coverage rule; exit 1 on any error
check: $(BIN)/.installed
	$(BIN)/python -m scripts.check

## generate: rewrite the generated source pages after a seed or the splitter changed
generate: $(BIN)/.installed
	$(BIN)/python -m scripts.generate

## add-policy: add a policy text (SEED=path/to.txt SLUG=some-slug); its pages, nav entry and search follow
add-policy: $(BIN)/.installed
	@test -n "$(SEED)" -a -n "$(SLUG)" || { echo "usage: make add-policy SEED=path/to.txt SLUG=some-slug" >&2; exit 2; }
	$(BIN)/python -m scripts.policy add "$(SEED)" "$(SLUG)"

## remove-policy: take a policy out again (SLUG=some-slug), leaving the tree as it was before the add
remove-policy: $(BIN)/.installed
	@test -n "$(SLUG)" || { echo "usage: make remove-policy SLUG=some-slug" >&2; exit 2; }
	$(BIN)/python -m scripts.policy remove "$(SLUG)"

## add-version: a new version of a policy (SLUG=some-slug SEED=path/to/new.txt DATE=YYYY-MM-DD); the old one is kept
add-version: $(BIN)/.installed
	@test -n "$(SLUG)" -a -n "$(SEED)" -a -n "$(DATE)" || { echo "usage: make add-version SLUG=some-slug SEED=path/to/new.txt DATE=YYYY-MM-DD" >&2; exit 2; }
	$(BIN)/python -m scripts.versions add "$(SLUG)" "$(SEED)" "$(DATE)"

## serve: live preview on http://127.0.0.1:8000/
serve: $(BIN)/.installed
	$(BIN)/mkdocs serve

## system-deps: Debian's Chromium (PDFs, browser tests), a TrueType CJK font (PDFs embed it), poppler (PDF checks)
## and pango (WeasyPrint lays out the whole-handbook PDF with it)
system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list | grep -q wqy-microhei || ! command -v pdftotext >/dev/null \
	    || ! ldconfig -p | grep -q libpangoft2-1.0; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    chromium fonts-wqy-microhei poppler-utils fontconfig libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	fi

## bench: benchmarks of build, check, search and bundle (after make build): a table, and bench/results.json
bench: $(BIN)/.installed system-deps
	@test -d site || $(MAKE) build
	$(BIN)/python -m scripts.dev.bench

## bench-search: search alone (quality, index size, latency; http and file://; 1x, 100x, a library and 50 texts)
bench-search: $(BIN)/.installed system-deps
	@test -d site || $(MAKE) build
	$(BIN)/python -m scripts.dev.bench --only search --out bench/search.json

clean:
	rm -rf site dist build .pytest_cache
