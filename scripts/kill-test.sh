#!/usr/bin/env bash
# Kill test: `followup log` (mood and PHQ-9), `amend` and `export` killed with
# SIGKILL at random moments. After every round:
#   - PRAGMA integrity_check is ok (Python sqlcipher3, opened with the passphrase)
#   - every entry whose command exited 0 is there, whole; a killed command left
#     its entry whole or not at all; no entry without versions, no phantom entry
#   - `followup list --json` still opens the database and shows the current
#     version of exactly the entries that are there
#   - an export's final file name either does not exist or decrypts with
#     `age -d` to JSON (a killed export may leave only a .followup-*.part)
# Then `backup` and `restore` (from a backup, and from a passphrase-sealed
# export) killed the same way: a backup's final name is a whole copy (opened
# by sqlcipher3, integrity ok, every version there) or absent; a restored
# database is whole (list --json as the source's) or absent; the source is
# untouched (the database checked after every round, the backup's bytes).
# usage: bash scripts/kill-test.sh   (FOLLOWUP_BIN, KILL_ROUNDS=200, KILL_AMENDS=20, KILL_EXPORTS=20,
#        KILL_BACKUPS=15, KILL_RESTORES=16)
set -euo pipefail
bin=$(realpath "${FOLLOWUP_BIN:-target/debug/followup}")
here=$(cd "$(dirname "$0")" && pwd)
rounds=${KILL_ROUNDS:-200}
amend_rounds=${KILL_AMENDS:-20}
export_rounds=${KILL_EXPORTS:-20}
backup_rounds=${KILL_BACKUPS:-15}
restore_rounds=${KILL_RESTORES:-16}
deadline=$((SECONDS + ${KILL_MAX_SECONDS:-480}))
work=$(mktemp -d)
checker_pid=
cleanup() {
  if [[ -n $checker_pid ]]; then kill "$checker_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export TZ=UTC FOLLOWUP_HOME=$work/data
export FOLLOWUP_PASSPHRASE="kill test $RANDOM passphrase"
mkdir -p "$work/notes" "$work/out"
expect=$work/expect.tsv
: >"$expect"

fail() {
  echo "FAIL: $*" >&2
  if [[ -s $work/stderr ]]; then echo "last errors from followup:" >&2; tail -n 3 "$work/stderr" >&2; fi
  exit 1
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
ms_to_s() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

"$bin" init --participant KILL-01 --dosing-date "$(date -d '-300 days' +%F)" --window-days 365 >/dev/null
pub=$("$bin" keygen -o "$work/id.txt" 2>/dev/null | grep -o 'age1[0-9a-z]*' | head -n1)
[[ $pub == age1* ]] || fail "keygen printed no public key"

# Distinct past days for each instrument: day -90 (the earliest allowed) to yesterday.
mapfile -t mood_days < <(for i in $(seq 1 389); do date -d "-$i days" +%F; done | shuf)
mapfile -t phq_days < <(printf '%s\n' "${mood_days[@]}" | shuf)
mi=0 pi=0
declare -A ok_mood # entry id -> day, for mood entries logged with exit 0

# One Python process checks the database after every round (sqlcipher3 with
# the passphrase from the environment): scripts/dbcheck.py --serve.
coproc CHECKER { exec python3 -u "$here/dbcheck.py" --serve; }
checker_pid=$CHECKER_PID
checks=0
check_round() { # after every round: the app opens it, sqlcipher3 finds it whole
  local what=$1 reply
  timeout 60 "$bin" list --json >"$work/list.json" 2>>"$work/stderr" ||
    fail "$what: followup list --json failed after the kill: $(tail -n1 "$work/stderr")"
  printf '%s\t%s\t%s\n' "$FOLLOWUP_HOME/followup.db" "$expect" "$work/list.json" >&"${CHECKER[1]}"
  IFS= read -r -t 120 -u "${CHECKER[0]}" reply || fail "$what: the database checker did not answer"
  [[ $reply == OK\ * ]] || fail "$what: ${reply#FAIL }"
  last=${reply#OK }
  checks=$((checks + 1))
}

# When to kill: a quarter of the rounds at a uniform moment between the start
# and the estimated end (start-up, key derivation, reading), the rest around the
# estimated moment of the write (a staircase: a run that finished moves the
# estimate earlier, a killed one later, so about a third finish and the kills
# cluster on the last milliseconds, where the transaction, the fsyncs, the
# checkpoint or the export's rename happen).
declare -A est
pick_delay() { # pick_delay KIND -> delay (ms)
  local e=${est[$1]} r=$((RANDOM * 32768 + RANDOM))
  if ((RANDOM % 4 == 0)); then
    stair=0 delay=$((r % (e + 1)))
  else
    stair=1 delay=$((e - 12 + r % 25))
  fi
  ((delay >= 0)) || delay=0
}
adapt() { # adapt KIND RC
  if (($2 == 0)); then est[$1]=$((est[$1] - 8)); else est[$1]=$((est[$1] + 4)); fi
  ((est[$1] >= 5)) || est[$1]=5
}
run_killed() { # run_killed KIND CMD... ; sets rc and delay
  local kind=$1 pid
  shift
  pick_delay "$kind"
  "$@" >"$work/stdout" 2>>"$work/stderr" &
  pid=$!
  sleep "$(ms_to_s "$delay")"
  kill -KILL "$pid" 2>/dev/null || true
  set +e
  { wait "$pid"; } 2>/dev/null
  rc=$?
  set -e
  if ((stair)); then adapt "$kind" "$rc"; fi
}

entry_id() { grep -o 'as entry [0-9]*' "$work/stdout" | grep -o '[0-9]*$' || fail "no entry id in: $(cat "$work/stdout")"; }
mood_args() { # fills args for a mood log on a fresh day, and the expectation line
  local r=$1 day=${mood_days[mi]} mood=$((RANDOM % 11)) nf=-
  mi=$((mi + 1))
  args=(log mood --mood "$mood" --date "$day")
  if ((RANDOM % 3)); then
    nf=$work/notes/$r.txt
    # a note of 1 to ~4000 characters, no trailing newline
    { printf 'round %s \303\251\342\200\224 ' "$r"; head -c $((RANDOM % 2900 + 1)) /dev/urandom | base64 -w 0; } >"$nf"
    args+=(--note-file "$nf")
  fi
  if ((RANDOM % 2)); then args+=(--anxiety $((RANDOM % 11)) --sleep 7.5 --tag kill-test); fi
  line="mood	$day	$mood	$nf"
}
phq_args() {
  local day=${phq_days[pi]} answers
  pi=$((pi + 1))
  answers=$(for _ in 1 2 3 4 5 6 7 8 9; do printf '%d,' $((RANDOM % 3)); done)
  answers=${answers%,}
  args=(log phq9 --answers "$answers" --date "$day")
  line="phq9	$day	$answers"
}

# Calibrate: how long one complete `log` takes here (the first estimate of the write moment).
total=0
for r in 1 2 3; do
  mood_args "c$r"
  t0=$(now_ms)
  rc=0; "$bin" "${args[@]}" >"$work/stdout" || rc=$?
  total=$((total + $(now_ms) - t0))
  printf '%s\t%s\n' "$line" "$rc" >>"$expect"
  ((rc == 0)) || fail "calibration log exited $rc"
  eid=$(entry_id)
  ok_mood[$eid]=${args[5]}
  check_round "calibration $r"
done
est[log]=$((total / 3))
echo "calibration: one followup log takes ~${est[log]} ms"

declare -A n
for k in log_ok log_killed amend_ok amend_killed export_ok export_killed export_final_ok export_final_absent backup_ok backup_killed restore_ok restore_killed restore_whole restore_absent; do n[$k]=0; done

for ((r = 1; r <= rounds; r++)); do
  ((SECONDS < deadline)) || fail "time limit reached after $((r - 1)) log rounds"
  if ((RANDOM % 2)); then mood_args "$r"; else phq_args; fi
  run_killed log "$bin" "${args[@]}"
  printf '%s\t%s\n' "$line" "$rc" >>"$expect"
  if ((rc == 0)); then
    n[log_ok]=$((n[log_ok] + 1))
    if [[ ${args[1]} == mood ]]; then
      eid=$(entry_id)
      ok_mood[$eid]=${args[5]}
    fi
  else
    n[log_killed]=$((n[log_killed] + 1))
  fi
  check_round "log round $r ($rc: ${args[*]:0:6})"
  if ((r % 50 == 0)); then echo "  $r log rounds: $last"; fi
done

# Amend rounds: correct a mood entry that is known to be there.
ids=("${!ok_mood[@]}")
amend_round() { # amend_round NAME KILL(0/1)
  local id=${ids[RANDOM % ${#ids[@]}]} cur mood
  # a mood other than the current one (an amend that changes nothing is refused, exit 2)
  cur=$(python3 -c 'import json,sys; print([e["mood"] for e in json.load(open(sys.argv[1])) if e["id"]==int(sys.argv[2])][0])' "$work/list.json" "$id")
  mood=$(((cur + 1 + RANDOM % 10) % 11))
  if (($2)); then
    run_killed amend "$bin" amend "$id" --mood "$mood" --reason "$1"
  else
    t0=$(now_ms)
    rc=0; "$bin" amend "$id" --mood "$mood" --reason "$1" >/dev/null 2>>"$work/stderr" || rc=$?
    took=$(($(now_ms) - t0))
  fi
  printf 'amend\t%s\t%s\t%s\t%s\n' "${ok_mood[$id]}" "$mood" "$1" "$rc" >>"$expect"
  check_round "amend $1 (exit $rc: entry $id)"
}
total=0
for r in 1 2 3; do
  amend_round "calibrate-$r" 0
  ((rc == 0)) || fail "calibration amend exited $rc"
  total=$((total + took))
done
est[amend]=$((total / 3))
echo "calibration: one amend takes ~${est[amend]} ms"
for ((r = 1; r <= amend_rounds; r++)); do
  ((SECONDS < deadline)) || fail "time limit reached in amend rounds"
  amend_round "kill-amend-$r" 1
  if ((rc == 0)); then n[amend_ok]=$((n[amend_ok] + 1)); else n[amend_killed]=$((n[amend_killed] + 1)); fi
done

# Export rounds: sealed to the therapist key, armored every other round.
total=0
for r in 1 2 3; do
  t0=$(now_ms); "$bin" export -o "$work/out/calibrate-$r.age" -r "$pub" >/dev/null; t1=$(now_ms)
  total=$((total + t1 - t0))
done
est[export]=$((total / 3))
echo "calibration: one export takes ~${est[export]} ms"
for ((r = 1; r <= export_rounds; r++)); do
  ((SECONDS < deadline)) || fail "time limit reached in export rounds"
  out=$work/out/export-$r.json.age
  extra=()
  if ((r % 2)); then extra=(--armor); fi
  run_killed export "$bin" export -o "$out" -r "$pub" "${extra[@]}"
  if ((rc == 0)); then n[export_ok]=$((n[export_ok] + 1));
  elif ((rc == 137)); then n[export_killed]=$((n[export_killed] + 1));
  else fail "export round $r exited $rc: $(tail -n1 "$work/stderr")"; fi
  if [[ -e $out ]]; then
    age -d -i "$work/id.txt" "$out" >"$work/plain.json" 2>"$work/age.err" ||
      fail "export round $r (exit $rc): $out exists under its final name but does not decrypt: $(cat "$work/age.err")"
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/plain.json" ||
      fail "export round $r (exit $rc): $out decrypts but is not whole JSON"
    rm -f "$work/plain.json"
    n[export_final_ok]=$((n[export_final_ok] + 1))
  else
    ((rc != 0)) || fail "export round $r exited 0 but $out is missing"
    n[export_final_absent]=$((n[export_final_absent] + 1))
  fi
  check_round "export round $r ($rc)"
done
parts=$(find "$work/out" -name '.followup-*.part' | wc -l)
others=$(find "$work/out" -type f ! -name '.followup-*.part' ! -name 'export-*.json.age' ! -name 'calibrate-*.age' | wc -l)
((others == 0)) || fail "unexpected files in the export folder: $(ls -a "$work/out")"

# Backup rounds: to a folder of their own; every final name a whole copy.
whole_backups() { # whole_backups DIR -> the number of final backups, all checked
  python3 - "$1" "$FOLLOWUP_HOME/followup.db" <<'PY'
import glob, os, sys, sqlcipher3
def versions(path):
    db = sqlcipher3.connect(path)
    db.execute("PRAGMA key = '" + os.environ["FOLLOWUP_PASSPHRASE"].replace("'", "''") + "'")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", path
    counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("entry_versions", "event_versions")]
    db.close()
    return counts
source = versions(sys.argv[2])
finals = sorted(glob.glob(os.path.join(sys.argv[1], "followup-*.db")))
for f in finals:
    assert versions(f) == source, f"{f}: {versions(f)} versions, the database {source}"
print(len(finals))
PY
}
mkdir -p "$work/bk"
total=0
for r in 1 2 3; do
  t0=$(now_ms); "$bin" backup --create --to "$work/bk" >/dev/null; t1=$(now_ms)
  total=$((total + t1 - t0))
done
est[backup]=$((total / 3))
echo "calibration: one backup takes ~${est[backup]} ms"
for ((r = 1; r <= backup_rounds; r++)); do
  ((SECONDS < deadline)) || fail "time limit reached in backup rounds"
  run_killed backup "$bin" backup --create --to "$work/bk"
  if ((rc == 0)); then n[backup_ok]=$((n[backup_ok] + 1));
  elif ((rc == 137)); then n[backup_killed]=$((n[backup_killed] + 1));
  else fail "backup round $r exited $rc: $(tail -n1 "$work/stderr")"; fi
  finals=$(whole_backups "$work/bk") || fail "backup round $r (exit $rc): a backup under its final name is not whole"
  check_round "backup round $r ($rc)"
done
others=$(find "$work/bk" -type f ! -name 'followup-*.db' ! -name '.followup-copy-*' | wc -l)
((others == 0)) || fail "unexpected files in the backup folder: $(ls -a "$work/bk")"
bk_parts=$(find "$work/bk" -name '.followup-copy-*' | wc -l)

# Restore rounds: into a fresh data folder each, from the newest backup
# (odd rounds) or a passphrase-sealed export (even rounds).
good=$(find "$work/bk" -name 'followup-*.db' | sort | tail -n1)
good_sum=$(sha256sum "$good")
FOLLOWUP_EXPORT_PASSPHRASE="kill test export passphrase" "$bin" export --passphrase -o "$work/mine.age" >/dev/null
"$bin" list --json >"$work/source-list.json"
restore_round() { # restore_round R KILL
  local dir=$work/restore-$1 src=$good
  ((${1} % 2)) || src=$work/mine.age
  local cmd=(env FOLLOWUP_HOME="$dir" FOLLOWUP_EXPORT_PASSPHRASE="kill test export passphrase" "$bin" restore "$src")
  if (($2)); then
    run_killed restore "${cmd[@]}"
  else
    t0=$(now_ms)
    set +e
    "${cmd[@]}" >/dev/null 2>>"$work/stderr"
    rc=$?
    set -e
    took=$(($(now_ms) - t0))
    ((rc == 0)) || fail "calibration restore $1 exited $rc: $(tail -n1 "$work/stderr")"
  fi
  if [[ -e $dir/followup.db ]]; then
    FOLLOWUP_HOME=$dir timeout 60 "$bin" list --json >"$work/restored-list.json" 2>>"$work/stderr" ||
      fail "restore round $1 (exit $rc): $dir/followup.db exists but does not open"
    cmp -s "$work/source-list.json" "$work/restored-list.json" ||
      fail "restore round $1 (exit $rc): the restored list differs from the source's"
    n[restore_whole]=$((n[restore_whole] + 1))
  else
    ((rc != 0)) || fail "restore round $1 exited 0 but made no database"
    n[restore_absent]=$((n[restore_absent] + 1))
  fi
  [[ $(sha256sum "$good") == "$good_sum" ]] || fail "restore round $1: the backup it read from changed"
}
total=0
for r in 1 2 3; do restore_round "$r" 0; total=$((total + took)); done
est[restore]=$((total / 3))
echo "calibration: one restore takes ~${est[restore]} ms"
for ((r = 4; r < restore_rounds + 4; r++)); do
  ((SECONDS < deadline)) || fail "time limit reached in restore rounds"
  restore_round "$r" 1
  if ((rc == 0)); then n[restore_ok]=$((n[restore_ok] + 1));
  elif ((rc == 137)); then n[restore_killed]=$((n[restore_killed] + 1));
  else fail "restore round $r exited $rc: $(tail -n1 "$work/stderr")"; fi
done
check_round "after the restores"

echo "kill test passed ($SECONDS s, binary $bin)"
echo "  log rounds:    $rounds (${n[log_ok]} finished, ${n[log_killed]} killed by SIGKILL)"
echo "  amend rounds:  $amend_rounds (${n[amend_ok]} finished, ${n[amend_killed]} killed)"
echo "  export rounds: $export_rounds (${n[export_ok]} finished, ${n[export_killed]} killed): ${n[export_final_ok]} final files decrypted whole, ${n[export_final_absent]} absent, $parts .part temp files left"
echo "  backup rounds: $backup_rounds (${n[backup_ok]} finished, ${n[backup_killed]} killed): $finals whole backups under final names, $bk_parts .part temp files left"
echo "  restore rounds: $restore_rounds (${n[restore_ok]} finished, ${n[restore_killed]} killed): ${n[restore_whole]} databases whole, ${n[restore_absent]} absent"
echo "  database checks: $checks (integrity_check ok, no half-written or phantom entry, list --json agrees)"
echo "  final kill-moment estimates (ms after start): log ${est[log]}, amend ${est[amend]}, export ${est[export]}, backup ${est[backup]}, restore ${est[restore]}"
echo "  final state: $last"
