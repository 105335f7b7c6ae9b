#!/usr/bin/env bash
# stance under Spark: runs the recipes of docs/distributed.md with PySpark in
# local[2] mode and checks them against a single-process run (tests/spark/job.py).
#
# Installs what it needs when it is absent: a Java runtime from the
# distribution's packages (only when `java` is missing, as root with apt-get)
# and pyspark from the Python package index into a virtualenv under the cargo
# target folder. When that is impossible it prints "skipped: …" and exits 0;
# a failed check exits 1.
#
#   bash tests/spark/run.sh                 # the checks, about 20k records
#   bash tests/spark/run.sh bench 2000000   # records/s, one process vs local[2]
#   STANCE_BIN=path/to/stance bash tests/spark/run.sh   # another build (e.g. static)
set -euo pipefail
cd "$(dirname "$0")/../.."

PYSPARK_VERSION=4.3.0
target="${CARGO_TARGET_DIR:-target}"
work="$target/spark"
venv="$work/venv"

skip() {
  echo "skipped: $*"
  exit 0
}

mkdir -p "$work"
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing a Java runtime (default-jre-headless)"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless; } \
      >"$work/apt.log" 2>&1 ||
      skip "Spark integration test: no Java runtime, and apt-get could not install one (see $work/apt.log)"
  else
    skip "Spark integration test: no Java runtime (java is not on PATH), and apt-get as root is not available to install one"
  fi
fi
command -v python3 >/dev/null 2>&1 || skip "Spark integration test: python3 is not installed"

if ! "$venv/bin/python" -c "import pyspark" >/dev/null 2>&1; then
  echo "== installing pyspark $PYSPARK_VERSION into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv" >"$work/venv.log" 2>&1 ||
    skip "Spark integration test: python3 cannot make a virtualenv (see $work/venv.log)"
  "$venv/bin/pip" install -q "pyspark==$PYSPARK_VERSION" >>"$work/venv.log" 2>&1 ||
    skip "Spark integration test: pyspark could not be installed from the package index (see $work/venv.log)"
fi

stance="${STANCE_BIN:-$target/release/stance}"
if [ ! -x "$stance" ]; then
  echo "== build"
  cargo build --release --locked
fi

export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
mode="${1:-check}"
if [ "$mode" = bench ]; then
  exec "$venv/bin/python" tests/spark/job.py bench "$stance" "$work/data" "${2:-2000000}"
fi
rm -rf "$work/data"
start=$(date +%s)
"$venv/bin/python" tests/spark/job.py check "$stance" "$work/data" 2>"$work/spark.log" || {
  code=$?
  echo "Spark test failed; Spark's log: $work/spark.log" >&2
  tail -n 30 "$work/spark.log" >&2
  exit "$code"
}
echo "Spark test passed in $(($(date +%s) - start)) s"
