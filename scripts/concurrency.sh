#!/usr/bin/env bash
# Concurrency: the TUI open on the dashboard (in tmux) while a script logs 100
# mood entries through the CLI (100 past days, `log mood --date`, one after
# another as fast as they go). Meanwhile the TUI is poked (z: zoom) and must
# answer every key within the time limit, and halfway through it saves its own
# mood entry for today (a TUI write among the CLI writes). Afterwards:
#   - every `followup log` exited 0 (none refused with "locked", exit 3)
#   - `followup list --json` holds all 100 (plus today's from the TUI), values as logged
#   - the TUI shows them after its refresh (dashboard "Check-ins since …: mood N% (101/D days)")
#     and History shows the days filled; keys still move between screens; q quits
# usage: bash scripts/concurrency.sh   (FOLLOWUP_BIN, KEY_LIMIT_MS=3000)
set -euo pipefail
extra_cleanup() { if [[ -n ${logger_pid:-} ]]; then kill "$logger_pid" 2>/dev/null || true; fi; }
source "$(dirname "$0")/tmux-session.sh" concurrency
fixture=${FOLLOWUP_FIXTURE_BIN:-target/debug/examples/bench_fixture}
[ -x "$fixture" ] || cargo build --quiet --example bench_fixture   # cargo test builds it too
fixture=$(realpath "$fixture")
key_limit_ms=${KEY_LIMIT_MS:-3000}
logger_pid=
now_ms() { echo $(($(date +%s%N) / 1000000)); }
export TZ=UTC FOLLOWUP_HOME=$work/data
export FOLLOWUP_PASSPHRASE="concurrency passphrase $RANDOM"
n_logs=100

# set up before the baseline period (the participant's check-ins count from
# set-up), dosing 120 days ago, no entries yet
"$fixture" setup "$work/data" CONC-01 120 >/dev/null

screen() { tmx capture-pane -p -t app 2>/dev/null; }
wait_match() { # wait_match ERE MS -> sets waited (ms); returns 1 on timeout
  local t0 end
  t0=$(now_ms)
  end=$((t0 + $2))
  until screen | grep -qE -- "$1"; do
    (($(now_ms) < end)) || return 1
    sleep 0.05
  done
  waited=$(($(now_ms) - t0))
}
tmx new-session -d -s app -x 100 -y 32 "$bin"
wait_match 'Dashboard' 20000 || fail "the dashboard did not open: $(screen)"
wait_match 'Check-ins since [0-9-]+: mood 0% \(0/' 5000 || fail "unexpected start: $(screen)"

# The logger: 100 past days, oldest first, each exit status recorded.
(
  for ((i = n_logs; i >= 1; i--)); do
    day=$(date -d "-$i days" +%F)
    t0=$(now_ms)
    rc=0
    "$bin" log mood --mood $((i % 11)) --anxiety $(((i * 7) % 11)) --date "$day" >/dev/null 2>>"$work/log.err" || rc=$?
    printf '%s\t%s\t%s\t%s\n' "$day" $((i % 11)) "$rc" $(($(now_ms) - t0)) >>"$work/log.tsv"
  done
  touch "$work/log.done"
) &
logger_pid=$!

# Meanwhile: zoom keys, each answered within the limit; a TUI save halfway.
zoom_labels=('Whole window' 'Last 14 days' 'Last 30 days') # what each z press leads to, from "Last 30 days"
seen_counts=() last_count=
probes=0 max_key_ms=0 total_key_ms=0 tui_saved=0 zi=0
while [[ ! -e $work/log.done ]]; do
  logged=$( (wc -l <"$work/log.tsv") 2>/dev/null || echo 0)
  if ((tui_saved == 0 && logged >= n_logs / 2)); then
    tmx send-keys -t app m
    wait_match 'Mood entry for' "$key_limit_ms" || fail "m (mood entry) got no answer in ${key_limit_ms} ms while logging: $(screen)"
    tmx send-keys -t app 5
    wait_match 'Mood \* +█+░* 5/10' "$key_limit_ms" || fail "5 did not set the mood: $(screen)"
    tmx send-keys -t app C-s
    wait_match 'Today: mood ✓' 10000 || fail "the TUI's save did not land while the CLI was logging: $(screen)"
    echo "  the TUI saved today's mood entry after $logged CLI logs ($waited ms from Ctrl-S to the dashboard)"
    tui_saved=1
    continue
  fi
  tmx send-keys -t app z
  wait_match "^${zoom_labels[zi]} \(day" "$key_limit_ms" ||
    fail "the TUI did not answer z within ${key_limit_ms} ms after $logged logs (want '${zoom_labels[zi]}'): $(screen)"
  zi=$(((zi + 1) % 3))
  probes=$((probes + 1)) total_key_ms=$((total_key_ms + waited))
  shown=$(screen | grep -oE 'mood [0-9]+% \([0-9]+/' | grep -oE '\([0-9]+' | tr -d '(' || true)
  if [[ -n $shown && $shown != "$last_count" ]]; then seen_counts+=("$shown") last_count=$shown; fi
  ((waited <= max_key_ms)) || max_key_ms=$waited
  sleep 0.2
done
wait "$logger_pid"
logger_pid=
((tui_saved == 1)) || fail "the logger finished before the TUI could save its entry"
((${#seen_counts[@]} >= 5)) || fail "the dashboard did not follow the logging (counts seen: ${seen_counts[*]})"

# Every CLI log exited 0.
[[ $(wc -l <"$work/log.tsv") == "$n_logs" ]] || fail "the logger recorded $(wc -l <"$work/log.tsv") runs, not $n_logs"
failed=$(awk -F'\t' '$3 != 0' "$work/log.tsv" | wc -l)
((failed == 0)) || fail "$failed of $n_logs logs failed: $(awk -F'\t' '$3 != 0 {print $1" exit "$3}' "$work/log.tsv" | head -5 | tr '\n' ' '); errors: $(sort "$work/log.err" | uniq -c | head -3)"
read -r mean_ms max_ms <<<"$(awk -F'\t' '{s += $4; if ($4 > m) m = $4} END {printf "%d %d", s / NR, m}' "$work/log.tsv")"

# All 100 (and the TUI's) are there, with the values logged.
"$bin" list --json >"$work/list.json"
python3 - "$work/list.json" "$work/log.tsv" "$(date +%F)" <<'PY' || fail "the entries are not all there"
import json, sys
entries = json.load(open(sys.argv[1]))
mood = {e["date"]: e["mood"] for e in entries if e["instrument"] == "mood"}
want = {}
for line in open(sys.argv[2]):
    day, m, rc, ms = line.rstrip("\n").split("\t")
    want[day] = int(m)
missing = [d for d in want if d not in mood]
wrong = [d for d in want if d in mood and mood[d] != want[d]]
assert not missing, f"missing: {missing[:10]} ({len(missing)})"
assert not wrong, f"wrong values: {wrong[:10]}"
assert mood.get(sys.argv[3]) == 5, f"today's TUI entry: {mood.get(sys.argv[3])}"
assert len(mood) == len(want) + 1, f"{len(mood)} mood entries, want {len(want) + 1}"
print(f"  list --json: {len(want)} CLI entries present with their values, and today's from the TUI")
PY

# The TUI shows them after its refresh (every 2 s).
wait_match "mood [0-9]+% \($((n_logs + 1))/[0-9]+ days\)" 10000 ||
  fail "the dashboard does not show $((n_logs + 1)) mood days 10 s after the last log: $(screen | grep Check-ins)"
echo "  dashboard after refresh: $(screen | grep -o 'Check-ins since [^·]*')"
# History: the newest 20 past days all filled.
tmx send-keys -t app h
wait_match 'History · ' "$key_limit_ms" || fail "h did not open History: $(screen)"
sleep 0.3
filled=$(screen | grep -cE '^│ *>? *[0-9]{4}-[0-9]{2}-[0-9]{2} +[0-9]+ +mood' || true)
empty=$(screen | grep -cE '^│ *>? *[0-9]{4}-[0-9]{2}-[0-9]{2} +[0-9]+ +no entry' || true)
((filled >= 20 && empty == 0)) || fail "History shows $filled days with a mood entry and $empty without: $(screen)"
echo "  History: $filled days on screen, all with a mood entry"
tmx send-keys -t app Down Down Enter
wait_match 'Mood' "$key_limit_ms" || fail "Enter did not open the day"
tmx send-keys -t app q
sleep 0.2
tmx send-keys -t app q
wait_match 'Dashboard' "$key_limit_ms" || fail "q did not go back to the dashboard: $(screen)"
tmx send-keys -t app q
end=$((SECONDS + 5))
while tmx has-session -t app 2>/dev/null; do
  ((SECONDS < end)) || fail "q on the dashboard did not quit: $(screen)"
  sleep 0.1
done

echo "concurrency passed ($SECONDS s, binary $bin)"
echo "  $n_logs CLI logs while the TUI was open: all exited 0, mean $mean_ms ms, slowest $max_ms ms"
echo "  the dashboard's mood-day count, as seen during the logging: ${seen_counts[*]} (${#seen_counts[@]} distinct values)"
echo "  $probes zoom keys answered while logging: mean $((total_key_ms / (probes > 0 ? probes : 1))) ms, slowest $max_key_ms ms (limit $key_limit_ms ms)"
