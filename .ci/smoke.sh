#!/usr/bin/env bash
# The real binary on a fresh database of the given backend: sqlite | postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 .ci/smoke.py "$1"
