#!/usr/bin/env bash
# `npm test`: every test of the project, fastest first, in one lab and one deployment.
#   1. unit: lint, typecheck and unit tests of every project (no engine, no host)
#   2. engine: the real Pulumi CLI and the project's providers against loopback, and the scale benchmark's
#      small sizes (a preview that runs away in time or memory fails it; the figures are printed, not judged)
#   3. lab: bring the lab up and check its hosts
#   4. stack: deploy the lab stack, prove each tier against the running daemons, the fault tests last,
#      then destroy and check the hosts are clean
# Prints where the time went and one closing line with the counts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$HASTACK_ROOT"

export HASTACK_TEST_TALLY
HASTACK_TEST_TALLY="$(mktemp)"
timings=()
phase() {
  local name="$1"
  shift
  echo
  echo "=== test phase: $name"
  local started=$SECONDS
  "$@"
  timings+=("$(printf '%-34s %5d s' "$name" $((SECONDS - started)))")
}

# The exit status of the run: given by a trap that ran something else first, or the one at hand.
report() {
  local status="${1:-$?}"
  echo
  echo "=== where the test time went"
  printf '  %s\n' "${timings[@]}"
  printf '  %-34s %5d s\n' "total" "$SECONDS"
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);
    const sum = (key) => lines.reduce((total, line) => total + line[key], 0);
    const slowest = lines.flatMap((line) => line.slowest ?? []).sort((a, b) => b.seconds - a.seconds).slice(0, 15);
    console.log("=== the slowest tests");
    for (const test of slowest) console.log(`  ${test.seconds.toFixed(1).padStart(6)} s  ${test.name}`);
    console.log(`Tests: ${sum("passed")} passed, ${sum("failed")} failed, ${sum("skipped")} skipped`);
  ' "$HASTACK_TEST_TALLY"
  rm -f "$HASTACK_TEST_TALLY"
  exit "$status"
}
trap report EXIT

nx_run() { nx run-many --skip-nx-cache --parallel=2 --outputStyle=stream "$@"; }

phase "setup: engine and providers" bash -c 'bash tools/pulumi-engine/build.sh >/dev/null && bash tools/pulumi-engine/install-providers.sh'
phase "unit: lint, typecheck, tests" nx_run -t lint typecheck test
phase "engine: CLI and providers" nx_run -t integration --parallel=1
phase "bench: scale, 50 and 100 web hosts" bash tools/bench/run.sh scale --sizes 50,100 --full-site --limit-minutes 2 --limit-gb 3 --fail-at-limit

lab_down() { tsx tools/lab-machines/src/main.ts down; }
trap 'status=$?; lab_down; report "$status"' EXIT
phase "lab: up" tsx tools/lab-machines/src/main.ts up
phase "lab: host checks" nx run lab-machines:lab-test --skip-nx-cache --outputStyle=stream
phase "stack: deploy" tsx apps/lab/src/main.ts deploy
phase "stack: tier proofs and faults" nx run lab:e2e --skip-nx-cache --outputStyle=stream
phase "lab: down and clean" bash -c 'tsx tools/lab-machines/src/main.ts down && nx run lab-machines:lab-clean-test --skip-nx-cache --outputStyle=stream'
trap report EXIT
