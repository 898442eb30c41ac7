VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test check bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(PY) -m bot run

test: install
	$(PY) -m pytest -q

check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy bot handlers digest feeds storage tests bench

eval: install
	@if [ -f ../shared/eval/vi-news-dev.jsonl ]; then \
		$(PY) -m bot eval ../shared/eval/vi-news-dev.jsonl --baselines; \
	else \
		echo "eval data missing: ../shared/eval/vi-news-dev.jsonl; nothing to score"; \
	fi

bench: install
	$(PY) bench/compose.py
	@if [ -f bench/matching.py ]; then $(PY) bench/matching.py; fi
	$(PY) bench/fanout.py
	$(PY) bench/ingest.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
