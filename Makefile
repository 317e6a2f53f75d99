# The news archive. `make run` serves the sample seeds; `make test` runs every check. See README.md.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= seeds
SHARED ?= ../shared

.PHONY: help install lock es es-stop run index serve test lint typecheck pytest browsers eval bench bench-scale clean

help:
	@echo "make run     install, start Elasticsearch, index seeds/, serve on http://127.0.0.1:8000"
	@echo "make test    install, lint, type-check and run all tests against a real Elasticsearch"
	@echo "make lint    ruff + mypy"
	@echo "make eval    extraction quality against labelled data (SHARED=$(SHARED))"
	@echo "make bench   benchmarks (CORPUS=$(CORPUS))"
	@echo "make bench-scale  load/search/reindex/export at 10k, 100k, 1M generated articles (SIZES=...)"
	@echo "make lock    re-pin requirements.lock from pyproject.toml"

# Virtual environment with the pinned (hash-checked) dependencies, then the project itself.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

lock:
	$(BIN)/pip-compile --quiet --generate-hashes --extra dev --strip-extras -o requirements.lock pyproject.toml

es: install
	$(BIN)/newsarchive es start

es-stop: install
	$(BIN)/newsarchive es stop

index: es
	$(BIN)/newsarchive setup --migrate
	$(BIN)/newsarchive index seeds/

serve: install
	$(BIN)/newsarchive serve

run: index serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

typecheck: lint

browsers:
	bash scripts/ensure_test_tools.sh

pytest: install browsers
	$(BIN)/pytest

test: install browsers lint pytest

eval: install
	$(BIN)/python scripts/eval.py all --data $(SHARED)/eval
	$(BIN)/python scripts/eval_seed_persons.py
	$(BIN)/python scripts/eval_polnear.py $(SHARED)/eval/polnear --split dev
	$(BIN)/python scripts/cv_statements_blind.py
	$(BIN)/python scripts/statement_coverage.py

# Web extraction (issue 20): Zyte's article-extraction pages when SHARED has them, then labelled pages from seeds/.
eval-web: install
	if [ -d $(SHARED)/bench/article-extraction ]; then $(BIN)/python scripts/eval_web_extraction.py \
		--data $(SHARED)/bench/article-extraction; else echo "no $(SHARED)/bench/article-extraction: skipped"; fi
	$(BIN)/python scripts/make_web_pages.py && $(BIN)/python scripts/eval_web_pages.py

bench: install
	$(BIN)/python scripts/bench_enrich.py $(CORPUS)
	$(BIN)/python scripts/bench_statements.py $(CORPUS)
	$(MAKE) bench-search
	$(MAKE) bench-reindex

# Re-index docs/s from the enrichment store vs a plain helpers.bulk, at the corpus size and at 100k (docs/reindex.md).
bench-reindex: es
	$(BIN)/python scripts/bench_reindex.py --corpus $(CORPUS)

# Search latency at 100k generated articles (or BENCH_SEARCH_ARGS="--corpus FILE.jsonl"): es vs API vs page.
bench-search: es
	$(BIN)/python scripts/bench_search.py $(BENCH_SEARCH_ARGS)

# A million articles on one node (issue 17): load vs helpers.bulk, search, export at each size, then the plot.
SIZES ?= 10000 100000 1000000
bench-scale: es
	$(BIN)/python scripts/bench_scale.py --sizes $(SIZES) --results var/bench/scale/results.json
	$(BIN)/python scripts/plot_scale.py var/bench/scale/results.json docs/bench/scale.png

clean:
	rm -rf $(VENV) build *.egg-info es-plugin/target test-artifacts .mypy_cache .ruff_cache .pytest_cache
