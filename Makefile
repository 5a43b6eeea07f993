# Singles' Day (双十一) economics notebooks.
#   make run    build everything: environment, every notebook executed, figures, HTML site
#   make test   the same environment, then pytest (helpers + every notebook end to end)
# Options: NB=notebooks/02_gmv_growth.ipynb PARAMS="gmv_csv=path/to/mine.csv"  (results go to output/)

SHELL := /bin/bash
PY ?= python3

# Use the active virtual/conda environment if there is one; otherwise a local .venv.
ifneq ($(strip $(VIRTUAL_ENV)$(CONDA_PREFIX)),)
  ENV_DIR := $(firstword $(VIRTUAL_ENV) $(CONDA_PREFIX))
  PYTHON := python
else
  ENV_DIR := .venv
  PYTHON := $(ENV_DIR)/bin/python
endif
STAMP := $(ENV_DIR)/.helpers-installed
export PYTHONHASHSEED := 0

.PHONY: help env run test lab bench constraints clean

help:
	@echo "make run    - set up the environment, execute every notebook, write figures/ and site/"
	@echo "make test   - set up the environment, run the tests (helpers and every notebook)"
	@echo "make lab    - open JupyterLab on notebooks/"
	@echo "make bench  - run the benchmarks in benchmarks/"
	@echo "options: NB=notebooks/NN_x.ipynb PARAMS=\"name=value ...\" (writes to output/)"

.venv/bin/python:
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found " + sys.version.split()[0] + "); set PY=python3.11")'
	$(PY) -m venv .venv

$(STAMP): pyproject.toml constraints.txt | $(if $(filter .venv,$(ENV_DIR)),.venv/bin/python)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	@touch $@

env: $(STAMP)

run: $(STAMP)
	$(PYTHON) -m helpers.build $(if $(NB),--notebook $(NB)) $(if $(PARAMS),--params '$(PARAMS)')

test: $(STAMP)
	$(PYTHON) -m pytest -n 2 $(PYTEST_ARGS)

lab: $(STAMP)
	$(PYTHON) -m jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	$(PYTHON) benchmarks/run.py

constraints:
	@(echo "# Every package the collection installs, pinned (pip install -c constraints.txt -e .)."; \
	  echo "# Regenerate after changing pyproject.toml: make constraints"; \
	  $(PYTHON) -m pip freeze --exclude-editable | grep -v '^-e' | LC_ALL=C sort -f) > constraints.txt

clean:
	rm -rf site output .pytest_cache
