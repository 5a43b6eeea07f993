# Singles' Day (双十一) economics notebooks.
#   make run    build everything: environment, every notebook executed, figures, HTML site
#   make test   the same environment, then pytest (helpers + every notebook end to end)
# Options: NB=notebooks/02_gmv_growth.ipynb PARAMS="gmv_csv=path/to/mine.csv"  (results go to output/)
#          PARAMS_FILE=my.yaml   FORCE=1 (re-execute even unchanged notebooks)
#   make params [NB=...]  list each notebook's parameters (type, range, unit, meaning)

SHELL := /bin/bash
PY ?= python3

# Where to install: a local .venv by default. An active environment is used only when it is the
# collection's own conda env (environment.yml, "singles-day") or when you opt in with
# USE_ACTIVE_ENV=1; conda's base is refused even then (installing there breaks other work).
ACTIVE_ENV := $(firstword $(VIRTUAL_ENV) $(CONDA_PREFIX))
ifeq ($(CONDA_DEFAULT_ENV),singles-day)
  USE_ACTIVE_ENV := 1
endif
ifeq ($(and $(USE_ACTIVE_ENV),$(ACTIVE_ENV)),)
  ENV_DIR := .venv
  PYTHON := $(ENV_DIR)/bin/python
else
  ifeq ($(CONDA_DEFAULT_ENV),base)
    ifeq ($(VIRTUAL_ENV),)
      $(error conda's base environment is active: the collection will not install into it. Run `conda env create -f environment.yml && conda activate singles-day`, or `conda deactivate` and let make create .venv)
    endif
  endif
  ENV_DIR := $(ACTIVE_ENV)
  PYTHON := python
endif
STAMP := $(ENV_DIR)/.helpers-installed
export PYTHONHASHSEED := 0

.PHONY: help env run params test lab bench lock lint clean

help:
	@echo "make run    - set up the environment, execute every notebook, write figures/ and site/"
	@echo "make test   - set up the environment, run the tests (helpers and every notebook)"
	@echo "make lab    - open JupyterLab on notebooks/"
	@echo "make bench  - run the benchmarks in benchmarks/"
	@echo "make params - list each notebook's parameters (type, range, unit, meaning)"
	@echo "options: NB=notebooks/NN_x.ipynb PARAMS=\"name=value ...\" PARAMS_FILE=my.yaml (write to output/); FORCE=1"

.venv/bin/python:
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found " + sys.version.split()[0] + "); set PY=python3.11")'
	$(PY) -m venv .venv

$(STAMP): pyproject.toml constraints.txt | $(if $(filter .venv,$(ENV_DIR)),.venv/bin/python)
	@$(if $(filter .venv,$(ENV_DIR)),$(if $(ACTIVE_ENV),echo "note: ignoring the active environment $(ACTIVE_ENV); installing into .venv (USE_ACTIVE_ENV=1 to use it)";))
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[notebooks,test,site]"
	@touch $@

env: $(STAMP)

BUILD_ARGS = $(if $(NB),--notebook $(NB)) $(if $(PARAMS),--params '$(PARAMS)') \
             $(if $(PARAMS_FILE),--params-file $(PARAMS_FILE)) $(if $(FORCE),--force) $(if $(NO_SITE),--no-html)

run: $(STAMP)
	@$(PYTHON) -m helpers.build $(BUILD_ARGS)

params: $(STAMP)
	@$(PYTHON) -m helpers.build --list-params $(if $(NB),--notebook $(NB))

test: $(STAMP)
	$(PYTHON) -m pytest -n 2 $(PYTEST_ARGS)

lab: $(STAMP)
	$(PYTHON) -m jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	$(PYTHON) benchmarks/run.py

# The lock: every package the collection installs, at the version it is built and tested with.
# Regenerate after changing the ranges in pyproject.toml (keeps installed versions where they fit).
lock: $(STAMP)
	@$(PYTHON) -m pip freeze --exclude-editable | grep -v '^-e' > .lock-prefer.txt
	$(PYTHON) -m uv pip compile pyproject.toml --all-extras --python-version 3.11.7 -c .lock-prefer.txt \
	  --no-header --no-annotate --quiet -o constraints.body.txt
	@(echo "# Every package the collection installs, pinned: pip install -c constraints.txt -e '.[notebooks,test,site]'"; \
	  echo "# Produced by 'make lock' (uv pip compile pyproject.toml --all-extras --no-annotate); do not edit by hand."; \
	  cat constraints.body.txt) > constraints.txt && rm -f constraints.body.txt .lock-prefer.txt

# Lint and format checks: the pre-commit hooks (ruff from the pinned environment), on every file.
lint: $(STAMP)
	$(if $(filter .venv,$(ENV_DIR)),PATH="$(CURDIR)/.venv/bin:$$PATH") $(PYTHON) -m pre_commit run --all-files --show-diff-on-failure

clean:
	rm -rf site output .pytest_cache
