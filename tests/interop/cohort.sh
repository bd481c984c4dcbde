#!/usr/bin/env bash
# The caseload brief of a generated caseload (40 participants: responders who
# hold and who relapse, non-responders, baselines below 10, partial exports):
# - its survival of response against Python's lifelines (KaplanMeierFitter),
#   from the per-participant documents of the cohort JSON;
# - every file counted once: a participant, set aside (an identical copy is
#   one, named a copy) or failed;
# - its CSV read back by Python's csv module;
# - its HTML rendered by headless Chromium (Debian's chromium).
set -euo pipefail
bin=$(realpath "${FOLLOWUP_BIN:-target/debug/followup}")
fixture=${FOLLOWUP_FIXTURE_BIN:-target/debug/examples/bench_fixture}
[ -x "$fixture" ] || cargo build --quiet --example bench_fixture   # cargo test builds it too
fixture=$(realpath "$fixture")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FOLLOWUP_HOME=$work/data TZ=UTC

"$fixture" exports "$work/exports" 40 >/dev/null
id=$work/exports/identity.txt
# an identical copy of one export: set aside as a copy, counted once
first=$(ls "$work/exports" | grep '\.age$' | head -1)
cp "$work/exports/$first" "$work/exports/zz-copy-of-$first"
"$bin" report "$work/exports" -i "$id" --format json -o "$work/cohort.json" 2>/dev/null
"$bin" report "$work/exports" -i "$id" --format csv -o "$work/weeks.csv" 2>/dev/null
"$bin" report "$work/exports" -i "$id" --format html -o "$work/cohort.html" 2>/dev/null

python3 - "$work/cohort.json" "$work/weeks.csv" "$work/exports" "$first" <<'PY'
import csv, json, math, os, sys
from lifelines import KaplanMeierFitter

doc = json.load(open(sys.argv[1]))
assert doc["format"] == "followup-caseload-brief" and doc["version"] == 1, doc["format"]

# every file is a participant, set aside, or failed: none counted twice
files = [f for f in os.listdir(sys.argv[3]) if f.endswith(".age")]
codes = [p["participant"] for p in doc["participants"]]
assert len(codes) == len(set(codes)), "each participant once"
aside = doc["set_aside"]
assert len(codes) + len(aside) + len(doc["failed"]) == len(files), (len(codes), len(aside), len(doc["failed"]), len(files))
for a in aside:
    assert set(a) == {"file", "participant", "reason"}, a
    assert a["participant"] in codes and a["file"] in files, a
    assert a["reason"] in ("copy", "partial", "older", "same_time"), a
pair = (sys.argv[4], "zz-copy-of-" + sys.argv[4])
assert [a["reason"] for a in aside if a["file"] in pair] == ["copy"], aside
durations, events = [], []
for p in doc["participants"]:
    c = p["course"]
    if c is None or c["first_response_week"] is None:
        continue
    durations.append(c["response_weeks"])
    events.append(c["response_lost_week"] is not None)
d = doc["cohort"]["durability"]
assert d["responders"] == len(durations) and d["lost"] == sum(events), (d["responders"], d["lost"])
assert 0 < d["lost"] < d["responders"], "a mix of lost and ongoing responses"
kmf = KaplanMeierFitter().fit(durations, event_observed=events)
weeks = [4, 8, 12, 26]
expected = kmf.survival_function_at_times(weeks).tolist()
assert [s["week"] for s in d["survival"]] == weeks
for s, want in zip(d["survival"], expected):
    assert math.isclose(s["s"], want, abs_tol=1e-9), f"week {s['week']}: followup {s['s']}, lifelines {want}"
    at_risk = sum(1 for t in durations if t >= s["week"])
    assert s["at_risk"] == at_risk, f"week {s['week']}: at risk {s['at_risk']}, expected {at_risk}"
median = kmf.median_survival_time_
if math.isinf(median):
    assert d["median_weeks"] is None, d["median_weeks"]
else:
    assert d["median_weeks"] == median, (d["median_weeks"], median)

# the timepoints, counted again from the weeks of each participant
counted = [p for p in doc["participants"] if p["course"] is not None]
assert len(counted) + len(doc["partial"]) == len(doc["participants"])
for t in doc["cohort"]["timepoints"]:
    rows = [next((w for w in p["weeks"] if w["week"] == t["week"] and w["phq9"] is not None), None) for p in counted]
    scored = [w for w in rows if w is not None]
    eligible = [w for w, p in zip(rows, counted) if w is not None and p["baseline"]["phq9"] >= 10]
    assert t["scored"] == len(scored) and t["missing"] == len(counted) - len(scored), t
    assert t["eligible"] == len(eligible) and t["responders"] == sum(w["response"] for w in eligible), t
    assert t["remitters"] == sum(w["remission"] for w in scored), t

# the CSV: one row per participant per week, the same numbers as the JSON
with open(sys.argv[2], newline="") as f:
    rows = list(csv.DictReader(f))
assert list(rows[0].keys()) == ["participant", "week", "phq9", "phq9_n", "response", "remission", "mood", "item9"]
weeks_in_json = sum(len(p["weeks"]) for p in doc["participants"])
assert len(rows) == weeks_in_json, (len(rows), weeks_in_json)
first = doc["participants"][0]
mine = [r for r in rows if r["participant"] == first["participant"]]
for r, w in zip(mine, first["weeks"]):
    assert int(r["week"]) == w["week"] and int(r["phq9_n"]) == w["phq9_n"]
    assert (r["phq9"] == "") == (w["phq9"] is None), "a week without a PHQ-9 is an empty cell, never 0"
    if w["phq9"] is not None:
        assert math.isclose(float(r["phq9"]), w["phq9"], rel_tol=1e-12)
print(f"ok: survival of response matches lifelines at weeks 4, 8, 12, 26 "
      f"({d['responders']} responders, {d['lost']} lost, median {d['median_weeks']}); "
      f"timepoints and {len(rows)} CSV rows check out")
PY

grep -q '<svg' "$work/cohort.html"
grep -q 'class="censored"' "$work/cohort.html"
grep -q 'class="at-risk"' "$work/cohort.html"
chromium=$(command -v chromium || command -v chromium-browser)
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile")
timeout 120 "$chromium" "${flags[@]}" --print-to-pdf="$work/cohort.pdf" --no-pdf-header-footer "file://$work/cohort.html" 2>"$work/chromium.log" || { cat "$work/chromium.log"; exit 1; }
timeout 120 "$chromium" "${flags[@]}" --screenshot="$work/cohort.png" --window-size=820,1160 "file://$work/cohort.html" 2>>"$work/chromium.log" || { cat "$work/chromium.log"; exit 1; }
# nothing runs off a 1000-px window: the page is no wider than the window
sed 's#</body>#<script>document.title = "width " + document.documentElement.scrollWidth</script></body>#' \
  "$work/cohort.html" >"$work/measured.html"
width=$(timeout 120 "$chromium" "${flags[@]}" --window-size=1000,1400 --dump-dom "file://$work/measured.html" 2>>"$work/chromium.log" \
  | sed -n 's#.*<title>width \([0-9]*\)</title>.*#\1#p')
[ -n "$width" ] && [ "$width" -le 1000 ] || { echo "the caseload brief is ${width:-?} px wide in a 1000-px window"; exit 1; }
if [ -n "${KEEP_RENDER:-}" ]; then cp "$work/cohort.png" "$KEEP_RENDER"; cp "$work/cohort.html" "${KEEP_RENDER%.png}.html"; fi
python3 - "$work/cohort.pdf" "$work/cohort.png" <<'PY'
import sys
pdf = open(sys.argv[1], "rb").read()
png = open(sys.argv[2], "rb").read()
assert pdf.startswith(b"%PDF") and png.startswith(b"\x89PNG") and len(png) > 10000
print(f"ok: the HTML caseload brief renders in headless Chromium: PDF ({len(pdf)} bytes), PNG ({len(png)} bytes)")
PY
