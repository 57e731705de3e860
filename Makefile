# The README's two commands: `make site` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
VNU := tests/tools/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: site test fast check lint system-deps clean

# uv installs what pyproject.toml names (the same ranges pip would read) in a few seconds where pip takes tens:
# on a fresh clone that was a sixth of `make test`. The venv keeps pip for anyone who installs by hand.
# --compile-bytecode: uv, unlike pip, leaves the packages uncompiled, and where PYTHONDONTWRITEBYTECODE is set (the
# development machines here set it) every Python process then compiled MkDocs, Material, Jinja2... from source again.
UV := uv>=0.13,<0.14

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check '$(UV)'
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(VENV)/bin/python -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(VENV)/bin/python -m generator build

# Chromium, Java and npm for the reader tests; installed when missing and run as root, else named.
system-deps:
	.ci/system-deps

$(VNU): tests/tools/package.json tests/tools/package-lock.json
	cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(VNU)

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/ruff format --check generator tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

check: $(STAMP)
	$(VENV)/bin/python -m generator check

# PYTHONDONTWRITEBYTECODE emptied for the tests: the workers and every `python -m generator` or `mkdocs` process the
# tests start then share compiled modules (and pytest's rewritten tests) in the git-ignored __pycache__ folders.
test: $(STAMP) system-deps $(VNU) lint check
	PYTHONDONTWRITEBYTECODE= $(VENV)/bin/python -m pytest

# The unit tests alone, in seconds, while working on the code (README). Bytecode may be written, as under `make
# test`: where it may not, pytest rewrites every test module's asserts again in each worker, and every Python process
# the tests start compiles the generator's changed modules again (about a fifth of the subset's CPU here).
# --no-loadscope-reorder: the files in alphabetical order, not the most tests first. Sorted by count, the files with
# few but long tests came last (test_properties: 5 tests, 3.5 CPU-s), and one worker ran them alone while the other
# had finished (a 2-3 s tail); in alphabetical order the last files are short ones. `make test` keeps xdist's order.
# --basetemp on /dev/shm (a tmpfs), where it has 1 GiB free (a container's is often 64 MiB): the subset creates about
# 12,700 files and 5,800 folders (80 MB) a run, and pytest deletes an older run's; on this machine's ext4, mounted
# with discard, that was 14 of its 34 CPU-s, in the kernel. pytest empties that folder at the start of each run.
# `make test` keeps pytest's own temporary folder.
FAST_TMP := $(shell [ "$$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $$4}')" -ge 1048576 ] 2>/dev/null \
	&& echo --basetemp=/dev/shm/factcheck-fast-$$(id -u))
fast: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(VENV)/bin/python -m pytest -m "not browser and not slow" -q --no-loadscope-reorder $(FAST_TMP)

clean:
	rm -rf $(VENV) site tests/tools/node_modules tests/artifacts
