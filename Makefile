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

bench: setup
	.venv/bin/python benchmarks/bench_startup.py
	.venv/bin/python benchmarks/bench_attachment.py
	.venv/bin/python benchmarks/bench_redact.py
	.venv/bin/python benchmarks/bench_review.py

# Maintainers only (needs the network to PyPI): re-resolve and re-hash the lock.
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock
