# The two commands of the README: `make report` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test lint typecheck format docs bench clean

# `make report PERIOD=2024-Q3 SCORECARD=kp_quarterly`: both optional, passed to ctscore build.
report: $(STAMP)  ## build the bundled sample scorecards into reports/ and print their paths
	@$(BIN)/ctscore build $(if $(PERIOD),--period $(PERIOD)) $(if $(SCORECARD),--scorecard $(SCORECARD))

# Two workers (the CI machine has 2 cores); worksteal keeps both busy to the end. Bytecode
# caching on even where the environment turns it off (PYTHONDONTWRITEBYTECODE): the real
# `ctscore` processes the tests start then compile the package once, not each (bench/README).
test: $(STAMP)  ## run the whole test suite
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n 2 --dist worksteal

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.10 or newer" >&2; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

lint: $(STAMP) typecheck  ## ruff lint and format check, and the type check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy over src/ctscore (configured in pyproject.toml)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the generated pages first, then build the site offline into site/ (--strict: a
# broken link or a page missing from the nav fails).
docs: $(STAMP)  ## regenerate docs/reference.md, docs/cli.md and the JSON Schemas; build site/
	$(BIN)/python -m ctscore.spec.reference docs
	$(BIN)/python -m ctscore.cli_reference docs
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

bench: $(STAMP)  ## run the benchmarks (slow; numbers go in bench/README.md)
	$(BIN)/python bench/read.py
	$(BIN)/python bench/compute.py
	$(BIN)/python bench/end_to_end.py
	$(BIN)/python bench/render.py
	$(BIN)/python bench/incremental.py

clean:
	rm -rf $(VENV) site reports/*.pdf reports/*.html
