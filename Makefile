# Glocal: `make demo` sets up and runs the site; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-sqlite test-postgres test-fast lint format bench fuzz install clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/glocal demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The suite runs twice: on the embedded SQLite database and on a throwaway PostgreSQL server
# that the test tooling starts itself. Browser tests run in the SQLite pass.
test: lint test-sqlite test-postgres

test-sqlite: $(STAMP)
	$(BIN)/pytest

test-postgres: $(STAMP)
	$(BIN)/pytest --database=postgres -m "not browser"

# A longer, random run of the API fuzzer (the suite runs a few derandomised examples).
FUZZ_EXAMPLES ?= 200
fuzz: $(STAMP)
	GLOCAL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/api/test_fuzz.py
	GLOCAL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q --database=postgres tests/api/test_fuzz.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
