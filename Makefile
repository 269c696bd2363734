# orggraph: the two commands first.
#   make run   - set up everything, start the local Neo4j, load the Putian seed once, serve :5000
#   make test  - set up everything, then the whole suite against a real (test) Neo4j

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# The browser tests drive Debian's Chromium (never a downloaded one); CJK fonts to render labels.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint bench fuzz db-start db-stop db-status seed venv clean browser wrk

run: $(STAMP)
	$(BIN)/orggraph db start
	$(BIN)/orggraph seed --if-empty
	$(BIN)/orggraph serve

test: $(STAMP) browser
	$(BIN)/pytest $(PYTEST_ARGS)

browser:
	@test -x $(CHROMIUM) && fc-list :lang=zh | grep -q . || { \
	  echo "installing Chromium and CJK fonts for the browser tests (apt-get)"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium fonts-wqy-microhei; }

lint: $(STAMP)
	$(BIN)/ruff check .

# The throughput figures come from wrk, the load generator BENCHMARKS.md names.
wrk:
	@command -v wrk >/dev/null || { \
	  echo "installing wrk for the lookups benchmark (apt-get)"; \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q wrk; }

bench: $(STAMP) wrk
	$(BIN)/python -m bench.load $(BENCH_ARGS)
	$(BIN)/python -m bench.lookups --reload
	$(BIN)/python -m bench.analyses
	$(BIN)/python -m bench.events --reload
	$(BIN)/python -m bench.batch_shape
	$(BIN)/python -m bench.lists
	$(BIN)/python -m bench.ranking

fuzz: $(STAMP) browser
	ORGGRAPH_FUZZ_RESEED=1 ORGGRAPH_FUZZ_EXAMPLES=$${ORGGRAPH_FUZZ_EXAMPLES:-200} $(BIN)/pytest tests/api/test_fuzz.py -q

db-start: $(STAMP)
	$(BIN)/orggraph db start

db-stop: $(STAMP)
	-$(BIN)/orggraph db stop
	-$(BIN)/orggraph --instance test db stop

db-status: $(STAMP)
	$(BIN)/orggraph db status

seed: $(STAMP)
	$(BIN)/orggraph seed

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11+ is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is needed"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts
