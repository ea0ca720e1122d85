# Two commands for everyone:   make lab   (set up, then open the course)   make test   (run every test)
# Maintainers also have:       make outputs  (regenerate stored notebook outputs)   make bench
SHELL := /bin/bash
.DEFAULT_GOAL := help

# A backend forced from the environment (e.g. Agg in CI images) makes figures vanish from
# notebook outputs: kernels must choose their own inline backend.
unexport MPLBACKEND

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Run as root (containers, CI)? Jupyter refuses to start without --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
NBVAL_FLAGS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# Two processes (pytest-xdist); a notebook's cells, and each test file, stay in one process in
# order (nbval needs its cells in one kernel). PARALLEL= runs everything in one process.
PARALLEL ?= -n 2 --dist loadfile
# Operations per control in the browser tests of `make test` (every control is still operated;
# `make browser` and the benchmark take 3 samples each).
BROWSER_REPEATS ?= 1

.PHONY: help lab test check lint unit notebooks browser outputs bench catalog glossary constraints clean

help:
	@echo "make lab       set up .venv if needed and open the course in JupyterLab"
	@echo "make test      lint, unit + property tests, strict nbval over every notebook, browser tests"
	@echo "make check     the authors' fast loop: lint, unit + property tests, strict nbval"
	@echo "make outputs   re-execute every notebook and store its outputs (read the diff before committing)"
	@echo "make bench     print the benchmark table (also written to bench-report.txt)"
	@echo "make catalog   regenerate seeds/data/CATALOG.md from the manifests"
	@echo "make glossary  regenerate notebooks/glossary.md from seeds/data/glossary.csv"

# The virtual environment is (re)built when it is missing, broken, or older than the pins.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"Python >= 3.11 is needed; {sys.executable} is {v.major}.{v.minor}")'
	@if [ -d $(VENV) ] && ! $(BIN)/python -c 'import sys' 2>/dev/null; then echo "Removing a broken $(VENV)"; rm -rf $(VENV); fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT) \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

test: $(STAMP)
	$(BIN)/ruff check helpers tests scripts
	$(BIN)/python scripts/make_catalog.py --check
	COURSE_BROWSER_REPEATS=$(BROWSER_REPEATS) $(BIN)/python -m pytest helpers tests notebooks \
		--doctest-modules $(NBVAL_FLAGS) $(PARALLEL) -q -rs

# The authors' fast loop: lint, doctests, unit + property tests, strict nbval (no solution runs,
# no browser).
check: $(STAMP)
	$(BIN)/ruff check helpers tests scripts
	$(BIN)/python -m pytest helpers tests/unit tests/property notebooks --doctest-modules $(NBVAL_FLAGS) \
		$(PARALLEL) -q -x

# Pieces of `make test`, for quicker loops while editing.
lint: $(STAMP)
	$(BIN)/ruff check helpers tests scripts
unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit tests/property tests/notebooks -q
notebooks: $(STAMP)
	$(BIN)/python -m pytest notebooks $(NBVAL_FLAGS) -q
browser: $(STAMP)
	$(BIN)/python -m pytest tests/browser -q -rs

outputs: $(STAMP)
	$(BIN)/python scripts/regenerate_outputs.py
	@git --no-pager diff --stat -- notebooks || true

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --output bench-report.txt

catalog: $(STAMP)
	$(BIN)/python scripts/make_catalog.py

glossary: $(STAMP)
	$(BIN)/python scripts/make_glossary.py

# Re-resolve the full pinned tree after changing requirements.txt (needs the network).
constraints:
	rm -rf .venv-constraints && $(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet -r requirements.txt
	.venv-constraints/bin/python -m pip freeze --exclude-editable > constraints.txt
	rm -rf .venv-constraints

clean:
	rm -rf $(VENV) .artifacts bench-report.txt
