#!/usr/bin/env bash
# Whole-process benchmarks of the release binary (issue 6, "Performance"):
#   1. growth: `followup log mood` and `followup status`, 10 years vs 6 months of daily data
#   2. caseload: 200 sealed exports opened, decrypted, parsed and summarised, on one core
#      (taskset -c 0), in-process and through `followup review` (in a pty) to its first frame
#   3. peak memory (VmHWM) of the TUI on 10 years of data after visiting every main screen
# Everything lives in a temp folder that is removed on exit; each step is bounded in time.
# Usage: scripts/bench-process.sh [ROUNDS [SECTIONS...]]
#   ROUNDS: runs of each growth case (default 15); SECTIONS: growth caseload rss (default all)
# Needs: python3, tmux, taskset (util-linux).
set -euo pipefail
source "$(dirname "$0")/bench-common.sh"
ROUNDS=${1:-15}
SECTIONS=${*:2}
SECTIONS=${SECTIONS:-growth caseload rss}
want() { [[ " $SECTIONS " == *" $1 "* ]]; }
for tool in python3 tmux taskset; do
  command -v $tool >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done
bench_setup
bench_machine
echo "binary: $FOLLOWUP ($(stat -c %s "$FOLLOWUP") bytes)"
echo

bench_db "$TMP/db-6m" 0
bench_db "$TMP/db-10y" 10

# ---------------------------------------------------------------------------
if want growth; then
echo "== 1. Growth: whole processes, 10 years vs 6 months of daily data"
echo "   log mood: a fresh copy of the database each run (copy not timed), today's entry"
echo "   status: exit 1 (a check-in is due) is expected"
log_argv='"log", "mood", "--mood", "6", "--anxiety", "3", "--energy", "5", "--sleep", "7.5", "--tag", "meditation"'
cat >"$TMP/growth.json" <<EOF
{"rounds": $ROUNDS, "warmup": 2,
 "cases": [
  {"name": "followup log mood, 6 months", "argv": ["$FOLLOWUP", $log_argv],
   "env": {"FOLLOWUP_HOME": "$TMP/work-6m"}, "prepare": [["copytree", "$TMP/db-6m", "$TMP/work-6m"]]},
  {"name": "followup log mood, 10 years", "argv": ["$FOLLOWUP", $log_argv],
   "env": {"FOLLOWUP_HOME": "$TMP/work-10y"}, "prepare": [["copytree", "$TMP/db-10y", "$TMP/work-10y"]]},
  {"name": "followup status, 6 months", "argv": ["$FOLLOWUP", "status"],
   "env": {"FOLLOWUP_HOME": "$TMP/db-6m"}, "ok": [0, 1]},
  {"name": "followup status, 10 years", "argv": ["$FOLLOWUP", "status"],
   "env": {"FOLLOWUP_HOME": "$TMP/db-10y"}, "ok": [0, 1]},
  {"name": "followup list --json, 6 months (info)", "argv": ["$FOLLOWUP", "list", "--json"],
   "env": {"FOLLOWUP_HOME": "$TMP/db-6m"}},
  {"name": "followup list --json, 10 years (info)", "argv": ["$FOLLOWUP", "list", "--json"],
   "env": {"FOLLOWUP_HOME": "$TMP/db-10y"}}
 ],
 "ratios": [
  {"label": "log mood: 10 years / 6 months", "num": "followup log mood, 10 years", "den": "followup log mood, 6 months", "max": 1.2},
  {"label": "status: 10 years / 6 months", "num": "followup status, 10 years", "den": "followup status, 6 months", "max": 1.2}
 ]}
EOF
bench_time "$TMP/growth.json"
fi

# ---------------------------------------------------------------------------
if want caseload; then
echo "== 2. Caseload: 200 sealed exports (demo generator, one participant and seed each), one core"
bench_run timeout 120 "$BENCH_BIN" exports "$TMP/exports" 200 >/dev/null
echo "   $(ls "$TMP/exports"/*.age | wc -l) files, $(du -sh "$TMP/exports" | cut -f1)"
bench_run timeout 120 taskset -c 0 "$BENCH_BIN" caseload "$TMP/exports" 7 >"$TMP/caseload.txt"
python3 - "$TMP/caseload.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
wall = [float(r[1]) for r in rows]
cpu = [float(r[3]) for r in rows if r[3] != "n/a"]
m = statistics.median(wall)
print(f"   in-process, taskset -c 0, {len(wall)} runs: median {m:.1f} ms (min {min(wall):.1f}, max {max(wall):.1f}; "
      f"cpu median {statistics.median(cpu) if cpu else float('nan'):.1f} ms)")
print(f"   ratio to the 0.5 s target: {m / 500:.3f}x  {'PASS' if m <= 500 else 'FAIL'}")
PY

# `followup review DIR` in a terminal (a pseudo-terminal 160x50), pinned to
# core 0: from launch to the caseload table in its output, which includes
# process start, reading the identity, the caseload itself, the TUI set-up and
# the first frame. The timer runs on core 1 so that it takes nothing from core 0.
cat >"$TMP/review.py" <<'PY'
import os, pty, select, statistics, struct, sys, time, fcntl, termios
followup, tmp = sys.argv[1], sys.argv[2]
os.sched_setaffinity(0, {1})
argv = [followup, "review", f"{tmp}/exports", "-i", f"{tmp}/exports/identity.txt"]
firsts, tables, cpus = [], [], []
for _ in range(7):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.sched_setaffinity(0, {0})
        os.environ["FOLLOWUP_HOME"] = f"{tmp}/review-home"
        os.execv(followup, argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    out, first = b"", None
    # (the title "Caseload · 200 participants"; spaces come as cursor moves)
    while b"participants" not in out:
        ready, _, _ = select.select([fd], [], [], 20)
        if not ready:
            os.kill(pid, 9)
            sys.exit("   review: the caseload table did not appear within 20 s")
        chunk = os.read(fd, 1 << 16)
        if first is None:
            first = time.perf_counter() - t0
        out += chunk
    tables.append((time.perf_counter() - t0) * 1e3)
    firsts.append(first * 1e3)
    # CPU time so far (all threads), which other load on core 0 does not inflate
    cpu = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/schedstat") as f:
            cpu += int(f.read().split()[0])
    cpus.append(cpu / 1e6)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    os.close(fd)
m = statistics.median(tables)
print(f"   followup review, launch to table on screen (pty, core 0), {len(tables)} runs: "
      + " ".join(f"{t:.0f}" for t in tables) + " ms")
print(f"   median {m:.0f} ms (first output byte, the TUI starting after the caseload: median "
      f"{statistics.median(firsts):.0f} ms; cpu median {statistics.median(cpus):.0f} ms)")
print(f"   ratio to the 0.5 s target: {m / 500:.3f}x (cpu {statistics.median(cpus) / 500:.3f}x)  {'PASS' if m <= 500 else 'FAIL'}")
PY
bench_run timeout 120 python3 "$TMP/review.py" "$FOLLOWUP" "$TMP"
echo
fi

# ---------------------------------------------------------------------------
if want rss; then
echo "== 3. Peak memory of the TUI (VmHWM), after dashboard, zoom to the whole window, trends, history, a day, help"
rss() { # DB-DIR LABEL
  local s=rss pid hwm rss
  tmux -L "$BENCH_TMUX" kill-session -t $s 2>/dev/null || true
  tmux -L "$BENCH_TMUX" new-session -d -s $s -x 160 -y 48 -e FOLLOWUP_HOME="$1" -e FOLLOWUP_PASSPHRASE="$FOLLOWUP_PASSPHRASE" "$FOLLOWUP"
  wait_for() {
    local end=$((SECONDS + 15))
    while ((SECONDS < end)); do
      tmux -L "$BENCH_TMUX" capture-pane -p -t $s | grep -qF -- "$1" && return 0
      sleep 0.1
    done
    echo "   not on screen after 15 s: $1" >&2; tmux -L "$BENCH_TMUX" capture-pane -p -t $s >&2; return 1
  }
  key() { for k in "$@"; do tmux -L "$BENCH_TMUX" send-keys -t $s "$k"; sleep 0.2; done; }
  wait_for Dashboard
  pid=$(tmux -L "$BENCH_TMUX" display-message -p -t $s '#{pane_pid}')
  # the pane may run a shell around followup
  [[ $(cat /proc/$pid/comm) == followup ]] || pid=$(pgrep -P "$pid" -x followup | head -1)
  key z; wait_for "Whole window"
  key t; wait_for Trends
  key Tab Tab Tab z z z
  key Escape; wait_for "· Dashboard"
  key h; wait_for History
  for _ in $(seq 20); do key Down; done
  key Enter; wait_for "· Day "
  key Escape Escape '?'; wait_for Help
  key Escape
  sleep 2.5  # one refresh tick (every 2 s)
  hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  key q
  tmux -L "$BENCH_TMUX" kill-session -t $s 2>/dev/null || true
  awk -v l="$2" -v h="$hwm" -v r="$rss" -v n="$3" \
    'BEGIN { printf "   %-9s VmHWM %6.1f MiB  (VmRSS at the end %5.1f MiB)  %s\n", l, h / 1024, r / 1024, n }'
  HWM_KB=$hwm
}
rss "$TMP/db-6m" "6 months" "(info)"
rss "$TMP/db-10y" "10 years" ""
python3 -c "import sys; h=int(sys.argv[1])/1024; print(f'   10 years: {h:.1f} MiB / 30 MB (28.6 MiB) = {h/(30e6/2**20):.3f}x', 'PASS' if h <= 30e6/2**20 else 'FAIL')" "$HWM_KB"
echo
fi
echo "done; temp folder removed on exit"
