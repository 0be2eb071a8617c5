# One-command set-up: every target creates .venv and installs the project first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The tests' two workers take a whole file at a time, the longest first (tests/scheduling.py).
WORKERS := -n 2 --dist loadfile --no-loadscope-reorder

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
	$(BIN)/ruff check app tests bench tools
	$(BIN)/ruff format --check app tests bench tools
	$(BIN)/lint-imports --no-cache
	$(BIN)/python tools/i18n.py check
	$(BIN)/python tools/dead_code.py
	@# Bytecode once for every Python process the tests start (both workers, the CLI, the GUI
	@# starts, fork servers); with PYTHONDONTWRITEBYTECODE set each one compiled app/ again.
	$(BIN)/python -m compileall -q -j 0 app tests
	@# mypy (one process, about a minute without its cache) runs beside the tests: their two
	@# workers leave a core idle while they wait on subprocesses and timers and while the last
	@# file finishes.  Its report follows the tests'; either failing fails the target.
	@report=$$(mktemp); $(BIN)/mypy > "$$report" 2>&1 & types=$$!; \
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(WORKERS); tests=$$?; \
	wait $$types; typed=$$?; echo "mypy:"; cat "$$report"; rm -f "$$report"; \
	test $$tests -eq 0 && test $$typed -eq 0

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
