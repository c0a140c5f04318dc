# litkit: two commands on a fresh machine with Python 3.11+:
#   make report   run the notebooks on the bundled data and write reports/index.html
#                 (make report CORPUS=my-export.bib: on your own export)
#   make test     run the unit tests, the doctests and the notebooks (nbval)
# Each creates or refreshes .venv from requirements.txt when needed.
# Also: make test-lowest (unit tests on the lowest declared versions, in .venv-lowest),
#       make test-wheel (build the wheel, install it in a fresh venv, run it from elsewhere),
#       make test-browser (JupyterLab in Chromium).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOWEST ?= .venv-lowest
LOWEST_STAMP := $(LOWEST)/.installed
PYTEST := -m pytest -q -rfEs -n 2 --dist loadfile
CORPUS ?=
OUT    ?= reports
export PYTHONHASHSEED := 0

.PHONY: all install test test-lowest test-wheel report lab bench clean notebooks-build test-browser test-notebooks

all: test

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

install: $(STAMP)

$(LOWEST_STAMP): constraints-lowest.txt pyproject.toml
	@test -x $(LOWEST)/bin/python || $(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints-lowest.txt -e '.[test,dask]'
	@touch $(LOWEST_STAMP)

# unit tests, doctests of the litkit modules (bundled data only) and the notebooks
test: $(STAMP)
	$(BIN)/python $(PYTEST) tests litkit --doctest-modules --nbval --nbval-sanitize-with litkit/notebooks/sanitize.cfg --nbval-current-env

# the unit tests on the lowest versions pyproject.toml declares (not the notebooks: their
# committed outputs are those of the newest releases)
test-lowest: $(LOWEST_STAMP)
	$(LOWEST)/bin/python $(PYTEST) tests

test-wheel: $(STAMP)
	$(BIN)/python -m pytest -q -p no:xdist tests/wheel

report: $(STAMP)
	$(BIN)/litkit report $(CORPUS) --out $(OUT)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python bench/bench_read.py
	$(BIN)/python bench/bench_dedup.py
	$(BIN)/python bench/bench_analyses.py
	$(BIN)/python bench/bench_topics.py

clean:
	rm -rf $(VENV) $(LOWEST) $(OUT) .pytest_cache build dist

notebooks-build: $(STAMP)
	$(BIN)/python tools/build_notebooks.py

# nbval on the committed notebooks only (.ci/run repeats it under other BLAS settings)
test-notebooks: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile litkit/notebooks --nbval --nbval-sanitize-with litkit/notebooks/sanitize.cfg --nbval-current-env

test-browser: $(STAMP)
	$(BIN)/python -m pytest -q -p no:xdist tests/browser
