#!/usr/bin/env bash
# Usage: start-container.sh CGROUP_DIR... -- SYSTEMD_NSPAWN_ARGS...
# Puts itself into cgroups of the container's own before becoming systemd-nspawn: containers started from
# one shared cgroup see each other's units and collide (DESIGN.md). The caller already made this process a
# session leader, so `exec` keeps the pid the caller recorded.
set -euo pipefail
while [[ $# -gt 0 && "$1" != "--" ]]; do
  mkdir -p "$1"
  echo "$$" > "$1/cgroup.procs"
  shift
done
shift
exec systemd-nspawn "$@"
