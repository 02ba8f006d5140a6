#!/usr/bin/env bash
# The one entry point behind every `npm run` script: installs what the command needs (npm packages,
# the Pulumi engine and the project's providers), then runs it with the project's Pulumi settings.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# shellcheck source=progress.sh
source "$(dirname "${BASH_SOURCE[0]}")/progress.sh"
cd "$HASTACK_ROOT"

ensure_node_modules() {
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    progress_step "npm packages: npm ci (about 1 min)" npm ci --no-audit --no-fund --loglevel=error >&2
  fi
}

ensure_engine() {
  bash tools/pulumi-engine/build.sh >/dev/null
  bash tools/pulumi-engine/install-providers.sh
}

command="${1:?usage: run.sh <command> [args...]}"
shift
ensure_node_modules
case "$command" in
  test) exec bash tools/scripts/test.sh "$@" ;;
  pulumi) ensure_engine; exec pulumi "$@" ;;
  preview)
    stack="${1:?usage: npm run preview -- <stack> [pulumi preview options]}"
    shift
    ensure_engine
    # The stack's settings (its passphrase's salt) are in Pulumi.<stack>.yaml; the backend may not know it yet.
    pulumi stack select --create --non-interactive --secrets-provider passphrase "$stack" >/dev/null
    exec pulumi preview --stack "$stack" --non-interactive "$@"
    ;;
  lab | status | lab:destroy) ensure_engine; exec tsx apps/lab/src/main.ts "$command" "$@" ;;
  lab:up | lab:down | lab:rebuild | lab:status | lab:ssh) exec tsx tools/lab-machines/src/main.ts "${command#lab:}" "$@" ;;
  bench) ensure_engine; exec bash tools/bench/run.sh "$@" ;;
  db:restore-check) exec tsx apps/lab/src/status/db-status.ts restore-check "$@" ;;
  ops) exec tsx apps/lab/src/ops/main.ts "$@" ;;
  drift) ensure_engine; exec tsx apps/lab/src/drift/main.ts "$@" ;;
  *) echo "run.sh: unknown command \"$command\"" >&2; exit 64 ;;
esac
