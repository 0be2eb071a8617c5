# One-command set-up: every target creates .venv and installs the project first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test demo bench lint format package clean i18n screenshots forms

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kooperacja gui

demo: $(STAMP)
	$(BIN)/python -m app.demo.launch

test: $(STAMP)
	@# The checks, then pytest (three workers) with mypy beside it: see tools/test.sh for why.
	BIN=$(BIN) sh tools/test.sh

bench: $(STAMP)
	$(BIN)/python -m bench.run

lint: $(STAMP)
	$(BIN)/ruff check app tests bench tools
	$(BIN)/lint-imports --no-cache
	$(BIN)/python tools/dead_code.py

format: $(STAMP)
	$(BIN)/ruff format app tests bench tools
	$(BIN)/ruff check --fix app tests bench tools

i18n: $(STAMP)
	$(BIN)/python tools/i18n.py update

package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build packaging/kooperacja.spec
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/smoke_check.py dist/kooperacja

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache
