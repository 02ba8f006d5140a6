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

# The stack named by --stack/-s, if any.
stack_named() {
  while (($#)); do
    case "$1" in
      --stack | -s) echo "${2:-}"; return ;;
      --stack=*) echo "${1#--stack=}"; return ;;
    esac
    shift
  done
}

# Only the lab's stacks may use the lab's published passphrase.
refuse_lab_passphrase() {
  local stack="$1"
  if [[ -n "$stack" && "$stack" != lab && -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" && "${PULUMI_CONFIG_PASSPHRASE:-}" == "$HASTACK_LAB_PASSPHRASE" ]]; then
    echo "run.sh: stack \"$stack\" would keep its secrets under the lab's published passphrase: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to its own, or move it to another secrets provider (pulumi stack change-secrets-provider)" >&2
    exit 2
  fi
}

command="${1:?usage: run.sh <command> [args...]}"
shift
ensure_node_modules
case "$command" in
  test) exec bash tools/scripts/test.sh "$@" ;;
  pulumi) refuse_lab_passphrase "$(stack_named "$@")"; ensure_engine; exec pulumi "$@" ;;
  preview)
    stack="${1:?usage: npm run preview -- <stack> [pulumi preview options]}"
    shift
    refuse_lab_passphrase "$stack"
    ensure_engine
    # The stack's settings (its passphrase's salt) are in Pulumi.<stack>.yaml; the backend may not know it yet.
    pulumi stack select --create --non-interactive --secrets-provider passphrase "$stack" >/dev/null
    exec pulumi preview --stack "$stack" --non-interactive "$@"
    ;;
  lab | status | lab:destroy) ensure_engine; exec tsx apps/lab/src/main.ts "$command" "$@" ;;
  lab:up | lab:down | lab:status | lab:ssh) exec tsx tools/lab-machines/src/main.ts "${command#lab:}" "$@" ;;
  bench) ensure_engine; exec bash tools/bench/run.sh "$@" ;;
  db:restore-check) exec tsx apps/lab/src/status/db-status.ts restore-check "$@" ;;
  ops) exec tsx apps/lab/src/ops/main.ts "$@" ;;
  *) echo "run.sh: unknown command \"$command\"" >&2; exit 64 ;;
esac
