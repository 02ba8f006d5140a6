#!/usr/bin/env bash
# Installs the project's own `command` and `random` providers (tools/provider-*) as the plugins
# resource-command-v<version> and resource-random-v<version> of the project's Pulumi home, the versions
# being those of the installed @pulumi/command and @pulumi/random SDKs. Each plugin is one bundled file
# plus a launcher; it is rebuilt only when its sources, the dependencies or Node.js change.
#
# Expects PULUMI_HOME and HASTACK_ROOT from tools/scripts/env.sh; never touches ~/.pulumi.
#
# HASTACK_UPSTREAM_PROVIDERS=1: leave the providers to the user, who installs Pulumi's own plugins
# (`pulumi plugin install resource command <version>`, same for random) on a machine that can
# download them. Plugins this script installed earlier are removed so that they cannot stand in.
set -euo pipefail
: "${PULUMI_HOME:?source tools/scripts/env.sh first}" "${HASTACK_ROOT:?source tools/scripts/env.sh first}"
cd "$HASTACK_ROOT"
# shellcheck source=../scripts/progress.sh
source tools/scripts/progress.sh
plugins="$PULUMI_HOME/plugins"
marker=.hastack-source-key

sdk_version() {
  node -p "require('./node_modules/@pulumi/$1/package.json').version"
}

# What the bundle is made of: the provider's sources and the kit's, the locked dependency versions,
# the path aliases, the bundling scripts and the Node.js the launcher runs.
source_key() {
  local name="$1"
  {
    find "tools/provider-$name/src" tools/provider-kit/src -name '*.ts' ! -name '*.test.ts' ! -path '*/testing/*' -print0 |
      sort -z | xargs -0 sha256sum
    sha256sum package-lock.json tsconfig.base.json tools/pulumi-engine/bundle-provider.mjs \
      tools/pulumi-engine/install-providers.sh
    command -v node
    node --version
  } | sha256sum | cut -d' ' -f1
}

install_provider() {
  local name="$1" version dir key
  version="$(sdk_version "$name")"
  dir="$plugins/resource-$name-v$version"
  key="$(source_key "$name")"
  if [[ -f "$dir/$marker" && "$(<"$dir/$marker")" == "$key" && ! -e "$dir.partial" ]]; then
    return
  fi
  progress_step "the project's $name provider plugin v$version: bundling (seconds)" build_provider "$name" "$version" "$dir" "$key"
}

build_provider() {
  local name="$1" version="$2" dir="$3" key="$4"
  (
    # The lock file is the one the Pulumi CLI takes when it installs a plugin.
    flock 9
    local staging
    staging="$(mktemp -d "$plugins/.resource-$name-v$version.XXXXXX")"
    chmod 755 "$staging"
    node tools/pulumi-engine/bundle-provider.mjs "tools/provider-$name/src/main.ts" "$staging/provider.js"
    printf '#!/bin/sh\nexec %q "$(dirname "$0")/provider.js" "$@"\n' "$(command -v node)" >"$staging/pulumi-resource-$name"
    chmod +x "$staging/pulumi-resource-$name"
    echo "$key" >"$staging/$marker"
    # The CLI ignores a plugin directory while a .partial file sits beside it.
    touch "$dir.partial"
    rm -rf "$dir"
    mv "$staging" "$dir"
    rm -f "$dir.partial"
  ) 9>"$dir.lock"
}

mkdir -p "$plugins"
if [[ "${HASTACK_UPSTREAM_PROVIDERS:-}" == 1 ]]; then
  for name in command random; do
    dir="$plugins/resource-$name-v$(sdk_version "$name")"
    if [[ -f "$dir/$marker" ]]; then
      echo "setup: removing the project's $name plugin; install Pulumi's own (HASTACK_UPSTREAM_PROVIDERS=1)" >&2
      rm -rf "$dir" "$dir.lock"
    fi
  done
  exit 0
fi
install_provider command
install_provider random
