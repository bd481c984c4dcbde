# Shared by scripts/bench-process.sh and scripts/bench-jrnl.sh (sourced, not run).
#
# bench_setup          build the release binary and the bench binary (BENCH_NO_BUILD=1: use
#                      the ones already built), make $TMP
#                      (removed on exit, whatever happens), write the timing harness
# bench_db DIR YEARS   a database with YEARS of daily data (0: six months) up to
#                      yesterday, keyed with $FOLLOWUP_PASSPHRASE
# bench_time SPEC      run the harness on a JSON spec (see below); prints a table

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export FOLLOWUP_PASSPHRASE=${FOLLOWUP_PASSPHRASE:-bench-amber-birch-cobalt-delta}
FOLLOWUP=$ROOT/target/release/followup
TMP=
# tmux on a socket of its own (tmux -L), so no one else's sessions are touched
BENCH_TMUX=followup-bench-$$

bench_cleanup() {
  local rc=$?
  # the tmux server these scripts start on their own socket, and nothing else
  tmux -L "$BENCH_TMUX" kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$BENCH_TMUX"
  [[ -n $TMP && -d $TMP ]] && rm -rf -- "$TMP"
  return $rc
}

# Long steps run through bench_run: in the background, waited for, so that an
# interrupt stops them at once (bench_stop ends that one process, by its id).
BENCH_CHILD=
bench_run() {
  "$@" &
  BENCH_CHILD=$!
  wait $BENCH_CHILD
  local rc=$?
  BENCH_CHILD=
  return $rc
}
bench_stop() {
  [[ -n $BENCH_CHILD ]] && kill -TERM "$BENCH_CHILD" 2>/dev/null && wait "$BENCH_CHILD" 2>/dev/null
  return 0
}

bench_setup() {
  cd "$ROOT"
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/followup-bench.XXXXXX")
  trap bench_cleanup EXIT
  trap 'bench_stop; exit 130' INT TERM HUP
  BENCH_BIN=$ROOT/target/release/examples/bench_fixture
  if [[ -z ${BENCH_NO_BUILD:-} ]]; then
    echo "building (release binary and the bench fixture tool)..." >&2
    cargo build --release --quiet --bin followup --example bench_fixture ||
      echo "warning: the build failed; using the binaries already built" >&2
  fi
  [[ -x $FOLLOWUP && -x $BENCH_BIN ]] || { echo "no release binary or fixture tool: run cargo build --release --example bench_fixture" >&2; exit 1; }
  write_harness
}

bench_db() {
  bench_run timeout 120 "$BENCH_BIN" db "$1" "$2" >&2
}

# Print the machine in one line.
bench_machine() {
  local cpu mem
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
  echo "machine: $(nproc) CPU(s), $cpu, $mem RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_time() {
  bench_run timeout 900 python3 "$TMP/harness.py" "$1"
}

# The timing harness: whole processes, the cases of a spec interleaved round
# by round (so load from elsewhere on the machine falls on all of them alike),
# wall-clock time and the child's CPU time (user + system, from wait4), medians.
#
# Spec (JSON): {"rounds": N, "warmup": N,
#   "cases": [{"name": ..., "argv": [...], "env": {...}, "ok": [0, 1],
#              "prepare": [["copytree", SRC, DST] | ["copy", SRC, DST]]}],
#   "ratios": [{"label": ..., "num": CASE, "den": CASE, "max": X} or "min": X]}
write_harness() {
  cat >"$TMP/harness.py" <<'PY'
import json, os, shutil, statistics, subprocess, sys, time

spec = json.load(open(sys.argv[1]))
cases = spec["cases"]
results = {c["name"]: {"wall": [], "cpu": []} for c in cases}

def prepare(c):
    for step in c.get("prepare", []):
        kind, src, dst = step
        if os.path.isdir(dst):
            shutil.rmtree(dst)
        elif os.path.exists(dst):
            os.remove(dst)
        if kind == "copytree":
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)

def run(c):
    env = dict(os.environ)
    env.update(c.get("env", {}))
    prepare(c)
    t = time.perf_counter()
    p = subprocess.Popen(c["argv"], env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = t + 120
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            p.kill()
            sys.exit(f"timed out: {c['name']}")
        time.sleep(0.0005)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    p.returncode = code
    err = p.stderr.read().decode(errors="replace")
    if code not in c.get("ok", [0]):
        sys.exit(f"{c['name']}: exit {code}: {err.strip()[:400]}")
    return wall, ru.ru_utime + ru.ru_stime

for _ in range(spec.get("warmup", 1)):
    for c in cases:
        run(c)
for _ in range(spec["rounds"]):
    for c in cases:
        wall, cpu = run(c)
        results[c["name"]]["wall"].append(wall)
        results[c["name"]]["cpu"].append(cpu)

med = {n: (statistics.median(r["wall"]), statistics.median(r["cpu"])) for n, r in results.items()}
print(f"{'case':<44} {'wall median':>12} {'min':>9} {'max':>9} {'cpu median':>11}   ({spec['rounds']} runs each, interleaved)")
for n, r in results.items():
    print(f"{n:<44} {med[n][0]*1e3:>9.1f} ms {min(r['wall'])*1e3:>6.1f} ms {max(r['wall'])*1e3:>6.1f} ms {med[n][1]*1e3:>8.1f} ms")
print()
print(f"{'ratio':<60} {'wall':>8} {'cpu':>8} {'target':>8}  result")
for r in spec.get("ratios", []):
    w = med[r["num"]][0] / med[r["den"]][0]
    c = med[r["num"]][1] / med[r["den"]][1] if med[r["den"]][1] > 0 else float("nan")
    if "max" in r:
        target, ok = f"<={r['max']}", w <= r["max"]
    else:
        target, ok = f">{r['min']}", w > r["min"]
    print(f"{r['label']:<60} {w:>7.3f}x {c:>7.3f}x {target:>8}  {'PASS' if ok else 'FAIL'}")
print()
PY
}
