# The whole set-up on a fresh machine is `make run` (install, then check the shipped registry)
# and `make test` (install what the tests need, then run them).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint]' --config-settings editable_mode=compat
	touch $(STAMP)

# Byte-compiled once here: where the environment sets PYTHONDONTWRITEBYTECODE, every run of
# the editable install would otherwise compile om's sources again (about 50 ms of each start).
setup: $(STAMP)
	$(BIN)/python -m compileall -q om_cli

run: setup
	$(BIN)/om check --registry registry

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check om_cli tests bench tools
	$(BIN)/ruff format --check om_cli tests bench tools
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/run.py
	$(BIN)/python bench/base.py

docs: setup
	$(BIN)/python -m om_cli.docs docs/rules
	$(BIN)/python -m om_cli.refdocs docs

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
