# Sourced by every entry point: the project's Pulumi settings, so nothing reads or writes ~/.pulumi and
# nothing reaches the internet.
# shellcheck shell=bash
HASTACK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export HASTACK_ROOT
export HASTACK_CACHE="${HASTACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hastack}"
# shellcheck source=../pulumi-engine/versions.env
source "$HASTACK_ROOT/tools/pulumi-engine/versions.env"
export HASTACK_ENGINE_BIN="$HASTACK_CACHE/engine/cli-$PULUMI_CLI_VERSION+nodejs-$PULUMI_LANGUAGE_NODEJS_SDK_VERSION/bin"
export PULUMI_HOME="${PULUMI_HOME:-$HASTACK_CACHE/pulumi-home}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$HASTACK_ROOT/.pulumi-state}"
# The lab's stacks hold only lab secrets under a published passphrase; every other stack must have its own.
# It is not exported as PULUMI_CONFIG_PASSPHRASE, where `stack init` or `config set --secret` would use it for
# whatever stack is at hand: the project's `pulumi` supplies it for the stack `lab` only and refuses it for any
# other, the program refuses it too, and the lab's own code passes it for the stacks it deploys.
export HASTACK_LAB_PASSPHRASE=insecure-lab-only-passphrase
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# The CLI runs the TypeScript program through ts-node, which by default type-checks the whole workspace on
# every preview and update: about 20 s and 0.25 GB before the first resource. The types are checked by each
# project's `tsc --noEmit` (npm test, CI) instead.
export PULUMI_NODEJS_TRANSPILE_ONLY="${PULUMI_NODEJS_TRANSPILE_ONLY:-true}"
export NX_DAEMON="${NX_DAEMON:-false}"
export NX_NO_CLOUD=true
export NX_TUI=false
# The project's `pulumi` (tools/pulumi-engine/bin) runs the CLI of HASTACK_ENGINE_BIN with per-command settings.
export PATH="$HASTACK_ROOT/tools/pulumi-engine/bin:$HASTACK_ENGINE_BIN:$HASTACK_ROOT/node_modules/.bin:$PATH"
mkdir -p "$PULUMI_HOME" "$HASTACK_ROOT/.pulumi-state"
