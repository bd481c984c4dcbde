#!/usr/bin/env bash
# The JSON brief against a second, independent reading of PRODUCT.md
# (check_brief.py), from exports opened by the Go age CLI: the committed
# demo document, and a record made here through the CLI with the cases the
# definitions name (a baseline from before the baseline period, a week with
# no PHQ-9, a correction, a retraction, a retracted session, item 9).
set -euo pipefail
here=$(dirname "$(realpath "$0")")
root=$(realpath "$here/../..")
bin=$(realpath "${FOLLOWUP_BIN:-target/debug/followup}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FOLLOWUP_HOME=$work/data TZ=UTC FOLLOWUP_PASSPHRASE="brief checker passphrase"

# 1. the committed, hand-checked document
age -d -i "$root/tests/fixtures/v1/identity.txt" "$root/tests/fixtures/brief/demo-01.native.age" >"$work/demo.json"
python3 "$here/check_brief.py" "$work/demo.json" "$root/tests/fixtures/brief/demo-01.json"

# 2. a record made through the CLI, dosing 70 days ago
day() { date -d "$((70 - $1)) days ago" +%F; }   # the date of day N
"$bin" init --participant TRD-310 --dosing-date "$(day 0)" --gad7-every 7 >/dev/null
# PHQ-9 only on days -20 and -17: the baseline falls back to the last before day 0
"$bin" log phq9 --answers 3,3,2,2,2,2,2,2,0 --date "$(day -20)" >/dev/null
"$bin" log phq9 --answers 3,3,3,2,2,2,2,2,0 --date "$(day -17)" >/dev/null
# the GAD-7 weekly: 14 at baseline, then 9, 7 and a rise in the last weeks
"$bin" log gad7 --answers 2,2,2,2,2,2,2 --date "$(day -5)" >/dev/null
for n in 3 10 17 24 31 38 45 52 59 66; do
  "$bin" log gad7 --answers "1,1,$((n > 50 ? 3 : 1)),1,1,$((n > 20 ? 1 : 2)),1" --date "$(day "$n")" >/dev/null
done
for n in $(seq 1 69); do
  "$bin" log mood --mood $((n / 10 + 2)) --date "$(day "$n")" >/dev/null
  ((n >= 15 && n <= 21)) && continue               # week 3: moods, no PHQ-9
  ((n % 3 == 0)) || continue                       # a PHQ-9 every third day
  if ((n < 36)); then a="1,1,1,1,1,1,1,$((n % 2)),$((n == 9 ? 1 : 0))"; else a="2,2,2,2,2,1,1,1,0"; fi
  "$bin" log phq9 --answers "$a" --date "$(day "$n")" >/dev/null
done
ids() { "$bin" list --json | python3 -c "import json,sys; print(' '.join(str(e['id']) for e in json.load(sys.stdin) if e['instrument']=='phq9' and e['day']==$1))"; }
"$bin" amend "$(ids 12)" --answers 0,0,0,0,0,0,0,0,0 --reason "entered on the wrong day's form" >/dev/null
"$bin" retract "$(ids 24)" --reason "duplicate" >/dev/null
"$bin" event add --kind integration --date "$(day 10)" >/dev/null
"$bin" event add --kind integration --date "$(day 40)" >/dev/null
"$bin" event add --kind integration --date "$(day 50)" >/dev/null
"$bin" event retract 4 --reason "the session was cancelled" >/dev/null

"$bin" report --db --format json -o "$work/brief.json" 2>/dev/null
recipient=$("$bin" keygen -o "$work/id.txt" 2>/dev/null)
"$bin" export -r "$recipient" -o "$work/e.age" >/dev/null
age -d -i "$work/id.txt" "$work/e.age" >"$work/export.json"
python3 "$here/check_brief.py" "$work/export.json" "$work/brief.json"
python3 - "$work/brief.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
assert b["baseline"]["kind"] == "before_dosing" and b["baseline"]["day"] == -17, b["baseline"]
week3 = next(w for w in b["weeks"] if w["week"] == 3)
assert week3["phq9"] is None and week3["mood"] is not None, week3
assert [s["event_id"] for s in b["sessions"]] == [2, 3], b["sessions"]
assert b["safety"] and b["safety"][0]["item9"] == 1, b["safety"]
assert b["gad7"]["baseline"]["kind"] == "baseline_period" and b["gad7"]["baseline"]["score"] == 14, b["gad7"]
assert b["paired_outcome"] is not None, "both questionnaires: the paired outcome"
print("ok: the CLI record covers a fallback baseline, an unscored week, a retracted session, item 9, the GAD-7 and the paired outcome")
PY

# 3. weeks of three PHQ-9s and GAD-7s: means in thirds that meet a threshold
# exactly (29/3 - 14/3 = 5, the MCID; 22/3 - 10/3 = 4, the GAD-7's reliable
# change) although their floating-point differences fall a hair short
export FOLLOWUP_HOME=$work/thirds
day() { date -d "$((12 - $1)) days ago" +%F; }
"$bin" init --participant TRD-311 --dosing-date "$(day 0)" --gad7-every 7 >/dev/null
log() { "$bin" log "$1" --answers "$2" --date "$(day "$3")" >/dev/null; }
log phq9 2,2,1,1,1,1,1,2,0 -3; log phq9 2,2,2,1,1,1,1,2,0 -2; log phq9 2,2,2,1,1,1,1,2,0 -1   # 35/3
log phq9 1,1,1,1,0,0,0,0,0 1; log phq9 1,1,1,1,1,0,0,0,0 2; log phq9 1,1,1,1,1,0,0,0,0 3      # 14/3
log phq9 2,1,1,1,1,1,1,1,0 8; log phq9 2,2,1,1,1,1,1,1,0 9; log phq9 2,2,1,1,1,1,1,1,0 10     # 29/3
log gad7 1,1,1,1,1,1,1 -3; log gad7 1,1,1,1,1,1,1 -2; log gad7 2,1,1,1,1,1,1 -1                # 22/3
log gad7 1,1,1,0,0,0,0 8; log gad7 1,1,1,0,0,0,0 9; log gad7 1,1,1,1,0,0,0 10                  # 10/3
"$bin" report --db --format json -o "$work/thirds.json" 2>/dev/null
"$bin" export -r "$recipient" -o "$work/thirds.age" >/dev/null
age -d -i "$work/id.txt" "$work/thirds.age" >"$work/thirds-export.json"
python3 "$here/check_brief.py" "$work/thirds-export.json" "$work/thirds.json"
python3 - "$work/thirds.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
assert b["course"]["best_week"] == 1 and b["course"]["rising_from_best"] is True, b["course"]
assert b["paired_outcome"]["reliable_improvement"] is True, b["paired_outcome"]
print("ok: weekly means in thirds meet the MCID and the GAD-7's reliable change exactly")
PY
