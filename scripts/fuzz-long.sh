#!/usr/bin/env bash
# A long fuzzing run of tests/fuzz.test.ts: FUZZ_RUNS cases (default 200,000) with a fresh
# random seed, printed before and after so a failure can be replayed exactly:
#   FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx vitest run tests/fuzz.test.ts
# FUZZ_COLLECT=1 lists every violation found instead of stopping at the first.
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${FUZZ_SEED:-$(( $(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % 2147483647 ))}"
runs="${FUZZ_RUNS:-200000}"
echo "fuzz:long: FUZZ_SEED=$seed FUZZ_RUNS=$runs"
trap 'echo "fuzz:long: replay with FUZZ_SEED=$seed FUZZ_RUNS=$runs npx vitest run tests/fuzz.test.ts"' EXIT
FUZZ_SEED="$seed" FUZZ_RUNS="$runs" npx vitest run tests/fuzz.test.ts "$@"
