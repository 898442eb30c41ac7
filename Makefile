VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

PROD_VENV ?= .venv-prod

.PHONY: install run test test-slow check bench eval clean install-prod run-prod

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(PY) -m bot run

# Production: the bot and its runtime dependencies only (no pytest, ruff, mypy, eval tools).
install-prod:
	test -x $(PROD_VENV)/bin/python || python3 -m venv $(PROD_VENV)
	$(PROD_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PROD_VENV)/bin/python -m pip install --quiet .

run-prod: install-prod
	$(PROD_VENV)/bin/newsbot run

# The suite without the long fault loops (ten SIGKILLs each, ~2 min); CI runs both.
test: install
	$(PY) -m pytest -q -m "not slow"

test-slow: install
	$(PY) -m pytest -q -m slow

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
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) $(PROD_VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
