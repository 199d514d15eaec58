# PeerMap — two commands do everything: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test test-under-load typecheck setup lock lint chaos bench bench-geocode quality screenshots clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/peermap demo

CODE := pipelines spiders dashboard tests demo bench tools

# Lint, types, then every test: unit, integration and system (browser, demo, Prefect server).
test: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 2 --dist worksteal -m "not chaos and not slow"

# The suite three times in a row while two CPU-bound processes load both cores.
test-under-load: $(STAMP)
	$(BIN)/python tools/under_load.py --runs 3 --burners 2 -- $(BIN)/python -m pytest -q -n 2 --dist worksteal -m "not chaos and not slow"

lint: $(STAMP)
	$(BIN)/ruff check $(CODE)

typecheck: $(STAMP)
	$(BIN)/mypy

# The fault-injection suite plus every test of an issue-19 finding (tests/support/findings.py),
# then docs/reliability.md regenerated from what they recorded.
chaos: $(STAMP)
	$(BIN)/python -m pytest -q -m "chaos or issue19 or reliability"
	$(BIN)/python -m tests.support.chaos_report

bench: $(STAMP)
	$(BIN)/python -m bench

bench-geocode: $(STAMP)
	$(BIN)/python -m bench.geocode

quality: $(STAMP)
	$(BIN)/python -m tools.classify_quality
	$(BIN)/python -m tools.dedup_quality

# Re-pin dependencies (needs `uv` on the developer's machine; CI only installs from the lock).
lock:
	uv pip compile pyproject.toml --extra dev --extra bench --extra build --generate-hashes --python-version 3.11 --no-header -o requirements.lock

# Retake the README's screenshots with the real-browser tests (the demo pipeline; the map's
# labels, counts and pin selection at desktop and phone width) into docs/screenshots/.
screenshots: $(STAMP)
	PEERMAP_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/system/e2e/test_demo_browser.py tests/system/dashboard/test_map_browser.py

clean:
	rm -rf $(VENV) var .pytest_cache
