# Sourced: one-line progress of the setup's long steps, in the lab's style (`lab [  t s] ...: done in N s`),
# on stderr so that a caller's stdout stays its result.
# shellcheck shell=bash
: "${HASTACK_PROGRESS_T0:=$EPOCHREALTIME}"
export HASTACK_PROGRESS_T0

progress() {
  local now elapsed
  now=$EPOCHREALTIME
  elapsed=$(awk -v a="$HASTACK_PROGRESS_T0" -v b="$now" 'BEGIN { printf "%6.1f", b - a }')
  printf 'setup [%s s] %s\n' "$elapsed" "$*" >&2
}

# progress_step TITLE COMMAND...: announces TITLE, runs COMMAND, says how long it took or that it failed.
progress_step() {
  local title="$1" begin status=0
  shift
  begin=$EPOCHREALTIME
  progress "$title ..."
  "$@" || status=$?
  local took
  took=$(awk -v a="$begin" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  if ((status == 0)); then progress "$title: done in $took s"; else progress "$title: failed after $took s"; fi
  return "$status"
}
