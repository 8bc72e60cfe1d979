# Yingji 应急. Two commands: `make demo` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# Compiled modules and pytest's rewritten test modules are kept under var/ (even where PYTHONDONTWRITEBYTECODE is
# set): each pytest worker would otherwise recompile every test module on every run.
PYTEST := PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/var/pycache $(BIN)/pytest
PYTEST_ARGS ?=

.PHONY: setup demo serve test test-slow test-browser test-fuzz test-postgres lint messages bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && apt-get install -y -q python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "需要 python3-venv（Debian: sudo apt-get install python3-venv）"; exit 1; fi; }
	$(BIN)/python -m pip install -q --upgrade pip setuptools wheel
	@# The district outline package builds only without build isolation (its setup.py imports an installer).
	$(BIN)/python -m pip install -q pyecharts-jupyter-installer
	$(BIN)/python -m pip install -q --no-build-isolation echarts-china-cities-pypkg==0.0.9
	$(BIN)/python -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP) messages

messages: $(STAMP)
	@$(BIN)/python -m yingji.i18n

demo: setup
	YINGJI_MODE=demo $(BIN)/yingji demo --port $(PORT)

serve: setup
	$(BIN)/yingji serve --port $(PORT)

# The budget (docs/architecture.md, "Test suite and its time budget"): make test ≤ 5 minutes on a quiet 2-core machine.
# make test leaves out the tests marked slow (the two form crawls, the worker-process tests: pyproject.toml's -m);
# make test-slow runs only those, and .ci/run runs them on SQLite and in the PostgreSQL suite, so nothing goes
# untested. PYTEST_ARGS adds options, e.g. make test PYTEST_ARGS=--durations=25. pytest's exit 5 (no tests
# collected) is not a failure of the code: the test targets pass it as success.
test: setup
	$(PYTEST) -q -n 2 $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-slow: setup
	$(PYTEST) -q -n 2 -m slow $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The whole suite on PostgreSQL, slow tests included.
test-postgres: setup
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/yingji} $(PYTEST) -q -n 2 -m 'not browser and not fuzz' $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-browser: setup
	$(PYTEST) -q -m browser tests/browser || [ $$? -eq 5 ]

test-fuzz: setup
	$(PYTEST) -q -m fuzz -p no:randomly $(PYTEST_ARGS) tests/core/test_api_fuzz.py || [ $$? -eq 5 ]

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache
