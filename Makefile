# Two commands for a newcomer: `make run` and `make test`. Both set up first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup system-deps run test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,native]'
	touch $(STAMP)

# The hot modules compiled with Cython (extract/native.py), again only those whose source changed;
# without a compiler the pure modules run, with the same output.
# The package's bytecode written once (pip does this for installed packages; an editable install
# leaves it to the first import, which cannot write it where PYTHONDONTWRITEBYTECODE is set): a
# one-article run then does not compile ~50 modules first. Only changed files are compiled again.
setup: $(STAMP)
	$(BIN)/python scripts/build_native.py
	$(BIN)/python -m compileall -q extract

# Headless Chromium and a Devanagari font for the browser test of the review pages.
# Installs with apt-get where it can; where it cannot, the browser test skips and says why.
system-deps:
	bash scripts/install-system-deps.sh

run: setup
	$(BIN)/gem-extract run corpus --out output --review

test: setup system-deps
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/bench_numbers.py
	$(BIN)/python bench/bench_pipeline.py --articles 300
	$(BIN)/python bench/bench_scale.py

clean:
	rm -rf $(VENV) output build *.egg-info
