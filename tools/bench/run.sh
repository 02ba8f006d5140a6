#!/usr/bin/env bash
# `npm run bench`: every benchmark; each prints its figures side by side, measured in the same run.
# `npm run bench -- scale [...]`: only the preview-at-scale benchmark (tools/bench/scale/scale.ts).
set -euo pipefail
cd "$HASTACK_ROOT"
if [[ "${1:-}" == scale ]]; then
  shift
  exec tsx tools/bench/scale/scale.ts "$@"
fi
tsx tools/bench/provider-connection-reuse.ts
if [[ -f .lab/inventory.json ]]; then
  tsx apps/lab/bench/failover.bench.ts
else
  echo "bench: the failover figures need the lab and the stack: run \`npm run lab\` first"
fi
