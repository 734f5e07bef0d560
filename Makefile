# The commands people type. `make run` and `make test` set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.app-installed
TEST_STAMP := $(VENV)/.test-installed
BENCH_STAMP := $(VENV)/.bench-installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint format bench loadtest browser chromium clean

run: $(APP_STAMP) chromium
	$(BIN)/filantrimpact serve

test: $(TEST_STAMP) browser
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Not part of `make test`: each takes minutes and loads the machine. Options go in ARGS, e.g.
# make bench ARGS="--size medium --database sqlite"   make loadtest ARGS="--duration 1m"
bench: $(BENCH_STAMP)
	$(BIN)/python -m scripts.bench $(ARGS)

loadtest: $(BENCH_STAMP)
	$(BIN)/python -m scripts.loadtest $(ARGS)

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[postgres]'
	touch $@

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[postgres,test]'
	touch $@ $(APP_STAMP)

$(BENCH_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[postgres,bench]'
	touch $@ $(APP_STAMP)

# Browser tests drive Debian's Chromium through its chromedriver; install them when missing.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		echo "installing chromium and chromium-driver from Debian's packages"; \
		$(SUDO) apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -q >/dev/null && \
		  $(SUDO) apt-get install -y -q chromium chromium-driver >/dev/null; }; \
	fi

# The board pack draws its charts with Chromium (through Kaleido). `make run` installs it when
# it can; without it the app works and the board pack button says what is missing.
chromium:
	@if ! command -v chromium >/dev/null; then \
		echo "installing chromium from Debian's packages (for the board pack)"; \
		$(SUDO) apt-get install -y -q chromium >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -q >/dev/null && \
		  $(SUDO) apt-get install -y -q chromium >/dev/null; } || \
		echo "chromium could not be installed: the board pack will not be available"; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
