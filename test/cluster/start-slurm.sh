#!/usr/bin/env bash
# Start a single-node Slurm cluster on this machine for the tests, in a few seconds, touching
# nothing outside one temporary folder: its own munge key and munged (on its own socket), a
# minimal slurm.conf (this host as the controller and the only node, with its CPUs and memory,
# process tracking by /proc and no task plugin, so no cgroups are needed), slurmctld and slurmd.
# It waits until `sinfo` shows the node idle.
#
# Usage: start-slurm.sh [FOLDER]   (default: a new folder under $TMPDIR or /tmp)
# On success it prints the folder; FOLDER/env holds `export SLURM_CONF=…`, which the Slurm
# commands (sbatch, squeue, sinfo, scancel, scontrol) need to reach this cluster. Stop it with
# stop-slurm.sh FOLDER, which ends only the processes this script started (by their ids).
# Needs Debian's slurm-wlm and munge (apt-get install slurm-wlm munge). Exit status 0 when the
# node is idle; 1 otherwise, with the daemons' logs on stderr and everything started stopped.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:-$(mktemp -d "${TMPDIR:-/tmp}/nabolag-slurm.XXXXXX")}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
chmod 700 "$dir"
mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/munge"
chmod 700 "$dir/munge"

for cmd in munged mungekey slurmctld slurmd sinfo; do
  if ! command -v "$cmd" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$cmd" ]; then
    echo "start-slurm.sh: $cmd is not installed (apt-get install slurm-wlm munge)" >&2
    exit 1
  fi
done
export PATH="$PATH:/usr/sbin"

fail() {
  echo "start-slurm.sh: $1" >&2
  for f in "$dir"/log/*.log; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
  done
  "$here/stop-slurm.sh" "$dir" >/dev/null 2>&1 || true
  exit 1
}

# A port nobody listens on, from a range away from Slurm's defaults (6817/6818), so that a
# cluster already on this machine and several test runs do not collide.
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

# munge: its own key and socket; the Slurm daemons and commands find the socket in slurm.conf.
mungekey --create --keyfile="$dir/munge/munge.key" --force >/dev/null 2>&1 \
  || dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" \
  --seed-file="$dir/munge/munged.seed" --force \
  || fail "munged did not start"

user="$(id -un)"
node="$(hostname -s)"
ctlport="$(free_port)" || fail "no free port for slurmctld"
dport="$(free_port)" || fail "no free port for slurmd"
while [ "$dport" = "$ctlport" ]; do dport="$(free_port)"; done
# The node's CPUs, sockets, cores and memory as slurmd itself measures them (its -C line).
hw="$(slurmd -C | head -n 1 | sed -e 's/^NodeName=[^ ]* //')"

# batch_sched_delay=0: start a batch job at the next scheduling pass (about 1 s) instead of
# deferring batch jobs by up to 3 s, which made every wave of array tasks wait 3 s here.
cat >"$dir/slurm.conf" <<EOF
ClusterName=nabolagtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctlport
SlurmdPort=$dport
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/builtin
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
KillWait=5
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 $hw State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
echo "export SLURM_CONF=$dir/slurm.conf" >"$dir/env"
export SLURM_CONF="$dir/slurm.conf"

# -c: a clean start (no jobs or state from an earlier cluster in this folder).
slurmctld -c -f "$SLURM_CONF" || fail "slurmctld did not start"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start"

for _ in $(seq 1 120); do
  state="$(sinfo -h -o %t 2>/dev/null | head -n 1 || true)"
  if [ "$state" = "idle" ]; then
    echo "$dir"
    exit 0
  fi
  sleep 0.25
done
fail "the node is not idle after 30 s (sinfo says: ${state:-nothing})"
