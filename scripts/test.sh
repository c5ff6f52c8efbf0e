#!/usr/bin/env bash
# Lint, check the architecture and the types, then test: ruff, the import-linter
# contracts (pyproject.toml [tool.importlinter]: the folder tree is the dependency graph),
# mypy on src/workbench, then pytest -n 2 (tests of one xdist_group, such as the Ray
# tests sharing one local cluster, run in one worker). Every step runs; the script fails
# if any did.
# pytest's exit 5 ("no tests collected") is a failure here: a test run that tests nothing
# must not look green.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=()
.venv/bin/ruff check src tests bench || failed+=(ruff)
.venv/bin/lint-imports --no-cache || failed+=(import-linter)
.venv/bin/mypy || failed+=(mypy)
.venv/bin/python -m pytest -q -n 2 --dist loadgroup "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
    echo "pytest collected no tests" >&2
fi
[ "$rc" -eq 0 ] || failed+=(pytest)
if [ "${#failed[@]}" -gt 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
