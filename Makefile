# PeerMap — two commands do everything: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test setup lock lint chaos bench bench-geocode quality screenshots clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/peermap demo

test: $(STAMP)
	$(BIN)/ruff check pipelines spiders dashboard tests demo
	$(BIN)/python -m pytest -q -m "not chaos and not slow"

lint: $(STAMP)
	$(BIN)/ruff check pipelines spiders dashboard tests demo

chaos: $(STAMP)
	$(BIN)/python -m pytest -q -m chaos

bench: $(STAMP)
	$(BIN)/peermap bench

bench-geocode: $(STAMP)
	$(BIN)/python -m pipelines.geocode.bench

quality: $(STAMP)
	$(BIN)/python -m pipelines.classify.evaluate

# Re-pin dependencies (needs `uv` on the developer's machine; CI only installs from the lock).
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --no-header -o requirements.lock

# Retake the README's screenshots with the real-browser test over the demo pipeline.
screenshots: $(STAMP)
	PEERMAP_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/e2e/test_demo_browser.py

clean:
	rm -rf $(VENV) var .pytest_cache
