#!/usr/bin/env bash
# `npm run bench`: every benchmark; each prints its figures side by side, measured in the same run.
# `npm run bench -- scale [...]`: only the preview-at-scale benchmark (tools/bench/scale/scale.ts).
# `npm run bench -- lab-deploy --at REV` or `--tiers A --tiers B`: the lab's first deploy and no-op up, at REV and now or per tier set (tools/bench/lab-deploy).
set -euo pipefail
cd "$HASTACK_ROOT"
case "${1:-}" in
  scale) shift; exec tsx tools/bench/scale/scale.ts "$@" ;;
  lab-deploy) shift; exec tsx tools/bench/lab-deploy/lab-deploy.ts "$@" ;;
esac
tsx tools/bench/provider-connection-reuse.ts
if [[ -f .lab/inventory.json ]]; then
  tsx apps/lab/bench/failover.bench.ts
else
  echo "bench: the failover figures need the lab and the stack: run \`npm run lab\` first"
fi
