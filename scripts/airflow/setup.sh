#!/usr/bin/env bash
# Install a real Apache Airflow into a cached venv for the integration tests.
#
#   scripts/airflow/setup.sh MAJOR        # MAJOR = 2 or 3: the version `npm test` runs by default
#   scripts/airflow/setup.sh X.Y.Z        # any version that has a constraints-X.Y.Z.txt here
#
# Creates .cache/airflow/venv-<version>-<hash of constraints file> with python3.11 and
# installs apache-airflow==<version> with `pip install -c scripts/airflow/constraints-<version>.txt`
# (the constraints were frozen from a working install, because Airflow's official constraint
# files live on GitHub). A venv is reused when its completion marker exists (warm run: no pip).
# stdout: exactly one line, the absolute path of the venv's `airflow` executable.
# Progress goes to stderr. Non-zero exit with a message naming the version on failure.
#
# Env: PYTHON (default python3.11), AIRFLOW_VENV_ROOT (default <repo>/.cache/airflow).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

# The versions the tests run against (newest 2.x and newest 3.x when this was written).
AIRFLOW2_VERSION="2.11.2"
AIRFLOW3_VERSION="3.3.2"

ARG="${1:-}"
case "$ARG" in
  2) VERSION="$AIRFLOW2_VERSION" ;;
  3) VERSION="$AIRFLOW3_VERSION" ;;
  [23].[0-9]*.[0-9]*) VERSION="$ARG" ;;
  *) echo "usage: $0 2|3|X.Y.Z  (Airflow major version, or a version with a constraints file)" >&2; exit 2 ;;
esac

die() { echo "setup.sh: Airflow $VERSION: ERROR: $*" >&2; exit 1; }
log() { echo "setup.sh: Airflow $VERSION: $*" >&2; }

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || die "'$PYTHON' not found (Python 3.11 is required; set PYTHON=...)"

CONSTRAINTS="$SCRIPT_DIR/constraints-$VERSION.txt"
[ -f "$CONSTRAINTS" ] || die "constraints file missing: $CONSTRAINTS"
HASH="$(sha256sum "$CONSTRAINTS" | cut -c1-12)"

VENV_ROOT="${AIRFLOW_VENV_ROOT:-$REPO_ROOT/.cache/airflow}"
VENV="$VENV_ROOT/venv-$VERSION-$HASH"
MARKER="$VENV/.vsc-install-complete"
AIRFLOW_BIN="$VENV/bin/airflow"

# A venv's scripts name its Python by absolute path: one reached through another path (a moved
# folder, a removed symlink) has scripts that cannot start. Then it is installed afresh.
INTERPRETER=""
if [ -f "$AIRFLOW_BIN" ]; then INTERPRETER="$(head -1 "$AIRFLOW_BIN" | sed -n 's/^#!//p')"; fi
if [ -f "$MARKER" ] && [ -n "$INTERPRETER" ] && [ ! -x "$INTERPRETER" ]; then
  echo "[airflow-setup] $VENV names $INTERPRETER, which is gone: installing it again" >&2
  rm -rf "$VENV"
fi

if [ -f "$MARKER" ] && [ -x "$AIRFLOW_BIN" ]; then
  echo "$AIRFLOW_BIN"
  exit 0
fi

mkdir -p "$VENV_ROOT"
# Serialise concurrent setups of the same venv (two test runners starting at once).
exec 9>"$VENV.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w 1800 9 || die "timed out waiting for lock $VENV.lock"
fi
if [ -f "$MARKER" ] && [ -x "$AIRFLOW_BIN" ]; then
  echo "$AIRFLOW_BIN"
  exit 0
fi

START=$(date +%s)
log "installing into $VENV (constraints $CONSTRAINTS) ..."
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV" || die "could not create venv with $PYTHON (is python3.11-venv installed?)"

PIP_LOG="$VENV_ROOT/pip-$VERSION.log"
if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar off \
      -c "$CONSTRAINTS" "apache-airflow[postgres]==$VERSION" >"$PIP_LOG" 2>&1; then
  tail -n 40 "$PIP_LOG" >&2 || true
  die "pip install apache-airflow[postgres]==$VERSION -c $CONSTRAINTS failed (full log: $PIP_LOG)"
fi

# Smoke test: the CLI must start (uses a throwaway AIRFLOW_HOME so ~/airflow is not created).
TMP_HOME="$(mktemp -d)"
trap 'rm -rf "$TMP_HOME"' EXIT
if ! GOT="$(AIRFLOW_HOME="$TMP_HOME" AIRFLOW__CORE__LOAD_EXAMPLES=False "$AIRFLOW_BIN" version 2>"$TMP_HOME/err")"; then
  tail -n 40 "$TMP_HOME/err" >&2 || true
  die "installed, but '$AIRFLOW_BIN version' fails"
fi
GOT="$(echo "$GOT" | tail -n 1 | tr -d '[:space:]')"
[ "$GOT" = "$VERSION" ] || die "installed, but 'airflow version' says '$GOT'"

date -u +%Y-%m-%dT%H:%M:%SZ >"$MARKER"
log "installed in $(( $(date +%s) - START ))s"
echo "$AIRFLOW_BIN"
