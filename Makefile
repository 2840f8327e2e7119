# The README's commands. Each target sets the machine up first (idempotent).
.PHONY: demo test lint bench setup lock

setup:
	bash scripts/bootstrap.sh

demo: setup
	.venv/bin/python samples/demo.py

test: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy
	.venv/bin/python -m pytest

# Every benchmark in benchmarks/, one after the other (each prints ratios to its own anchor).
bench: setup
	@set -e; for bench in benchmarks/bench_*.py; do \
		echo "== $$bench"; .venv/bin/python "$$bench"; \
	done

# Maintainers only (needs the network to PyPI): re-resolve and re-hash the lock.
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock
