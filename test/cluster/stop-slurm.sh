#!/usr/bin/env bash
# Stop a cluster that start-slurm.sh started in FOLDER: cancel its jobs, then end slurmd,
# slurmctld and munged by the process ids in their pid files (never by name), wait for them to
# exit, and remove FOLDER. Usage: stop-slurm.sh FOLDER
set -uo pipefail
dir="${1:?usage: stop-slurm.sh FOLDER}"
[ -d "$dir" ] || exit 0
export PATH="$PATH:/usr/sbin"

if [ -f "$dir/slurm.conf" ] && [ -f "$dir/slurmctld.pid" ]; then
  export SLURM_CONF="$dir/slurm.conf"
  # jobs first, so that no job script is left running without its slurmd
  scancel --user="$(id -un)" >/dev/null 2>&1 || true
  for _ in $(seq 1 40); do
    [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
    sleep 0.25
  done
fi

stop_pid_file() {
  local f="$1" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f" 2>/dev/null || true)"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_pid_file "$dir/slurmd.pid"
stop_pid_file "$dir/slurmctld.pid"
stop_pid_file "$dir/munge/munged.pid"
rm -rf "$dir"
