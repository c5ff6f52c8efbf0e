#!/usr/bin/env bash
# Lint and test. pytest's exit 5 ("no tests collected") is a failure here: a test run
# that tests nothing must not look green.
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check src tests bench || exit 1
.venv/bin/python -m pytest -q -n 2 "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
    echo "pytest collected no tests" >&2
    exit 1
fi
exit "$rc"
