# litkit: two commands on a fresh machine with Python 3.11+:
#   make report   run the notebooks on the bundled data and write reports/index.html
#                 (make report CORPUS=my-export.bib: on your own export)
#   make test     run the unit tests and the notebooks (nbval)
# Each creates or refreshes .venv from requirements.txt when needed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?=
OUT    ?= reports
export PYTHONHASHSEED := 0

.PHONY: all install test report lab bench clean notebooks-build test-browser test-notebooks

all: test

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile tests litkit/notebooks --nbval --nbval-sanitize-with litkit/notebooks/sanitize.cfg --nbval-current-env

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
	rm -rf $(VENV) $(OUT) .pytest_cache

notebooks-build: $(STAMP)
	$(BIN)/python tools/build_notebooks.py

# nbval on the committed notebooks only (.ci/run repeats it under other BLAS settings)
test-notebooks: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile litkit/notebooks --nbval --nbval-sanitize-with litkit/notebooks/sanitize.cfg --nbval-current-env

test-browser: $(STAMP)
	$(BIN)/python -m pytest -q -p no:xdist tests/browser
