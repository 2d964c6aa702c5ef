# The two commands a newcomer needs: `make serve` and `make test`.
# Both set up .venv first; `make install` does only that.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)

.PHONY: install node-modules serve build test lint clean

install: $(STAMP)

# npm's packages of package-lock.json: ical.js, which the calendar tests read with, and
# Lighthouse (invoke audit). No package's install script runs. Without npm, say so: the
# tests that need node then skip (and fail in CI).
node-modules: $(NODE_STAMP)

$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else \
	  echo "npm is missing: the calendar tests that read with ical.js will skip (apt-get install nodejs npm)"; \
	fi

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# make serve PORT=8001: another port, when 8000 is taken
PORT = 8000

serve: install
	$(VENV)/bin/invoke serve --port $(PORT)

build: install
	$(VENV)/bin/invoke build

# One worker a core (pytest-xdist), each taking whole test files, so that a file's shared
# site is built once; `pytest tests/test_x.py` alone runs in one process, as before.
test: install node-modules
	$(VENV)/bin/python -m pytest -n auto --dist loadfile

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf output .pytest_cache
