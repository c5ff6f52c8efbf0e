#!/usr/bin/env bash
# Set up a fresh machine: a virtualenv in .venv with the workbench, its dev tools and the
# optional Ray backend (the `distributed` extra, about 30 s more: its tests run a real
# local cluster).
# torch==2.13.0 goes first: a CPU build lies on these machines' disk, and installing it
# before argostranslate (-> stanza -> torch) keeps pip from pulling CUDA packages.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q torch==2.13.0
.venv/bin/python -m pip install -q -e '.[dev,distributed]'
