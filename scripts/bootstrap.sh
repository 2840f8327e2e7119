#!/usr/bin/env bash
# Set up a fresh machine: system tools the tests need, then .venv from the hash-pinned lock.
# Idempotent: re-running only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-python3}"
if ! "$PY" -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>/dev/null; then
    echo "bootstrap: error: Python 3.11 or newer is needed ($PY is older or missing)" >&2
    echo "hint: install it (Debian 13: apt-get install python3) or run: PYTHON=python3.11 make test" >&2
    exit 1
fi
need_apt=()
"$PY" -c "import venv, ensurepip" >/dev/null 2>&1 || need_apt+=(python3-venv)  # Debian splits it
command -v age >/dev/null 2>&1 || need_apt+=(age)                 # interop tests: the stock age
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)       # review page: real-browser test
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)  # DOCX -> PDF check
# review page: Hangul and Chinese must render in the browser test, not as boxes
[ -n "$(fc-list :lang=ko 2>/dev/null)" ] || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
    echo "bootstrap: installing system packages: ${need_apt[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

stamp=.venv/.installed-lock
if [ ! -x .venv/bin/python ] || ! cmp -s requirements.lock "$stamp"; then
    echo "bootstrap: building .venv from requirements.lock (hash-pinned)" >&2
    "$PY" -m venv .venv
    .venv/bin/python -m pip install -q --disable-pip-version-check \
        --require-hashes --no-deps -r requirements.lock
    cp requirements.lock "$stamp"
    rm -f .venv/.installed-project
fi
# the project itself (editable): again whenever pyproject.toml changes (entry points, packages)
if ! cmp -s pyproject.toml .venv/.installed-project; then
    .venv/bin/python -m pip install -q --disable-pip-version-check \
        --no-deps --no-build-isolation -e .
    cp pyproject.toml .venv/.installed-project
fi
