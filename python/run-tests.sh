#!/usr/bin/env bash
# The Python suite, as .ci/run calls it (after `cargo build`, which builds the sandbox binary):
# a fresh virtual environment, `pip install ./python` exactly as a user would, mypy --strict on
# the package, tests and examples, then pytest against the sandbox. Fails on any failure,
# including "no tests collected".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
cd "$repo"

python="${PYTHON:-python3}"
venv="$here/.venv-ci"

# The sandbox binary is what the fixtures start; building it is a no-op when it is up to date.
cargo build --quiet -p sectigo-sps-sandbox

rm -rf "$venv"
"$python" -m venv "$venv"
# pip's own cache keeps maturin and the test tools from being downloaded again on every run;
# the venv's bundled pip is recent enough (in-tree PEP 517 builds), so it is not upgraded.
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install --quiet "pytest>=8,<10" "mypy>=1.10,<2"
"$venv/bin/python" -m pip install --quiet "$here"

cd "$here"
"$venv/bin/mypy" --strict sectigo_sps tests examples

# Run from tests/ with the installed package: the source directory has no compiled module.
cd "$here/tests"
"$venv/bin/python" -m pytest -p no:cacheprovider -q "$@"
