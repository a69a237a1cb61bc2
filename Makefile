# The whole set-up is `make serve` or `make test`; both start with `make install`,
# which only redoes a step when its inputs changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD_DATE ?=
PORT ?= 8000
STAMP_PY := $(VENV)/.installed
STAMP_JS := node_modules/.installed
CSS := theme/static/css/app.css
VENDOR := node_modules/.vendor-installed

.PHONY: install lock serve html validate test test-clock lint clean browser-deps

install: $(STAMP_PY) $(STAMP_JS) $(CSS) $(VENDOR)

# Every package from requirements.lock, each file checked against the hashes there (a
# changed or substituted file stops the install); then the project itself, with no
# dependencies and no build environment of its own, so nothing unpinned is fetched.
$(STAMP_PY): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# requirements.lock again from pyproject.toml and requirements.in, with every file's hash,
# keeping the versions it already pins; `make lock LOCK_ARGS=--upgrade` (or
# `--upgrade-package NAME`) moves them. Needs uv (https://docs.astral.sh/uv/) on the PATH.
UV ?= uv
LOCK_ARGS ?=
lock:
	@command -v $(UV) >/dev/null 2>&1 || { echo "make lock needs uv: python3 -m pip install --user uv (or pipx install uv)"; exit 1; }
	$(UV) pip compile pyproject.toml requirements.in --extra test --extra bench --python-version 3.11 \
	  --generate-hashes --quiet --output-file requirements.lock $(LOCK_ARGS)

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

$(CSS): $(wildcard theme/scss/*.scss) $(STAMP_JS)
	mkdir -p $(dir $@)
	node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps theme/scss/app.scss $@

# Browser libraries copied from node_modules into the theme: served from the site itself.
# The folder is made anew, so a library the site no longer uses is never published.
$(VENDOR): $(STAMP_JS) Makefile
	rm -rf theme/static/vendor
	mkdir -p theme/static/vendor
	cp node_modules/qrcode-generator/dist/qrcode.js theme/static/vendor/qrcode.js
	mkdir -p theme/static/vendor/json-schema
	cp node_modules/@cfworker/json-schema/dist/esm/*.js theme/static/vendor/json-schema/
	touch $@

html: install
	$(BIN)/c2c build --content content --output output $(if $(BUILD_DATE),--build-date $(BUILD_DATE))

validate: $(STAMP_PY)
	$(BIN)/c2c validate --content content

# Builds, serves, and rebuilds on every change to content/, schemas/ or theme/.
serve: install
	$(BIN)/c2c serve --watch --content content --output output --port $(PORT) $(if $(BUILD_DATE),--build-date $(BUILD_DATE))

# Headless Chromium from Debian for the browser tests (Playwright drives it); as root, or
# through sudo when there is one.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo -n"; fi; \
	  ($$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null) || \
	  { echo "Could not install chromium: run 'apt-get install chromium' as root"; exit 1; }; }

# The tests on every core, at most four (each worker builds the shared sample sites and
# starts its own Chromium); `make test PARALLEL=` runs them in one process.
PARALLEL ?= -n auto --maxprocesses 4 --dist worksteal

test: install browser-deps
	$(BIN)/python -m pytest -q $(PARALLEL)

# The tests without a browser again, under a clock moved years ahead by libfaketime
# (Debian's faketime): a test that reads the machine's date instead of deciding its own
# fails here. Browser tests take their clock from Playwright instead. CI runs the leap day.
FAKE_NOW ?= 2028-02-29 12:00:00
test-clock: install
	@command -v faketime >/dev/null 2>&1 || { echo "test-clock needs libfaketime: apt-get install faketime"; exit 1; }
	faketime '$(FAKE_NOW)' $(BIN)/python -m pytest -q $(PARALLEL) -m "not browser"

# ruff and mypy on the code; zizmor (offline) on the workflows, which must have no findings.
lint: $(STAMP_PY)
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/zizmor --offline --no-progress .github/workflows
	$(BIN)/mypy --ignore-missing-imports plugins/c2c_registry plugins/c2c_cli plugins/c2c_views plugins/c2c_badges plugins/c2c_search plugins/c2c_data plugins/c2c_directory plugins/c2c_pages plugins/c2c_submit plugins/c2c_site

clean:
	rm -rf output .pytest_cache
