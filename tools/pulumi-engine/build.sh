#!/usr/bin/env bash
# Builds the Pulumi CLI and the Node.js language host from the Go module proxy into the per-user cache,
# keyed by version, because no release host is reachable from the project's machines.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
# shellcheck source=../scripts/progress.sh
source "$here/../scripts/progress.sh"
cache="${HASTACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hastack}"
bin_dir="$cache/engine/cli-$PULUMI_CLI_VERSION+nodejs-$PULUMI_LANGUAGE_NODEJS_SDK_VERSION/bin"

command -v go >/dev/null || { echo "pulumi-engine: Go is required to build the Pulumi CLI (none found on PATH)" >&2; exit 1; }

# Go prints a line per module it downloads (hundreds for the CLI): they go to a log, summed up in one line,
# and the log's end is shown when the build fails.
go_build() {
  local module_dir="$1" package="$2" output="$3" ldflags="$4" log="$1/build.log"
  if ! (cd "$module_dir" && GOFLAGS=-mod=mod go build -trimpath -ldflags "$ldflags" -o "$output.partial" "$package") >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    return 1
  fi
  mv "$output.partial" "$output"
  progress "  Go modules downloaded: $(grep -c '^go: downloading' "$log" || true) (listed in $log; none when Go's module cache had them)"
}

build_module() {
  local label="$1" about="$2" output="$5"
  if [[ -x "$output" ]]; then return; fi
  shift 2
  progress_step "$label: go build from the Go module proxy, once per version (cold: $about on 2 cores)" go_build "$@"
}

work="$cache/engine/src"
mkdir -p "$bin_dir" "$work/cli" "$work/language-nodejs"

cat > "$work/cli/go.mod" <<MOD
module hastack.local/pulumi-cli

go 1.24

require github.com/pulumi/pulumi/pkg/v3 $PULUMI_CLI_VERSION

replace github.com/atotto/clipboard => ${CLIPBOARD_REPLACEMENT%@*} ${CLIPBOARD_REPLACEMENT#*@}
MOD
build_module "pulumi CLI $PULUMI_CLI_VERSION" "5 to 16 min" "$work/cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
  "$bin_dir/pulumi" "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_CLI_VERSION"

cat > "$work/language-nodejs/go.mod" <<MOD
module hastack.local/pulumi-language-nodejs

go 1.24

require github.com/pulumi/pulumi/sdk/v3 $PULUMI_LANGUAGE_NODEJS_SDK_VERSION

replace golang.org/x/text => golang.org/x/text $GOLANG_X_TEXT_PIN
MOD
build_module "pulumi-language-nodejs (sdk $PULUMI_LANGUAGE_NODEJS_SDK_VERSION)" "about 1 min" "$work/language-nodejs" \
  github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$bin_dir/pulumi-language-nodejs" \
  "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_LANGUAGE_NODEJS_SDK_VERSION"

"$bin_dir/pulumi" version >/dev/null
echo "$bin_dir"
