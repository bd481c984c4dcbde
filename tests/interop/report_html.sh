#!/usr/bin/env bash
# The HTML brief renders in headless Chromium (Debian's chromium) to a
# one-page PDF and a PNG without errors.
set -euo pipefail
bin=$(realpath "${FOLLOWUP_BIN:-target/debug/followup}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FOLLOWUP_HOME=$work/data TZ=UTC FOLLOWUP_PASSPHRASE="report passphrase"
day() { date -d "-$1 days" +%F; }
chromium=$(command -v chromium || command -v chromium-browser)

"$bin" init --participant TRD-902 --dosing-date "$(day 60)" >/dev/null
for n in $(seq 70 -1 1); do
  ((n % 9 == 0)) && continue                      # missed days: gaps in the chart
  "$bin" log mood --mood $(((70 - n) / 8 + 2)) --date "$(day "$n")" >/dev/null
  "$bin" log phq9 --answers "2,2,2,1,1,1,$((n > 40 ? 2 : 0)),1,$((n == 33 ? 1 : 0))" --date "$(day "$n")" >/dev/null
done
"$bin" event add --kind integration --date "$(day 50)" >/dev/null
"$bin" event add --kind integration --date "$(day 20)" >/dev/null
recipient=$("$bin" keygen -o "$work/id.txt" 2>/dev/null)
(cd "$work" && "$bin" export -r "$recipient" -o e.age >/dev/null)
"$bin" report "$work/e.age" -i "$work/id.txt" --format html -o "$work/brief.html" 2>/dev/null

grep -q '<svg' "$work/brief.html"
grep -q 'class="gap"' "$work/brief.html"
grep -q '<h2>Weekly PHQ-9</h2>' "$work/brief.html"                  # the course of response
grep -q 'class="heat"' "$work/brief.html"                            # which symptoms moved, week by week
grep -q '>I2</text>' "$work/brief.html"                              # event markers carry their ids
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile")
timeout 120 "$chromium" "${flags[@]}" --print-to-pdf="$work/brief.pdf" --no-pdf-header-footer "file://$work/brief.html" 2>"$work/chromium.log" || { cat "$work/chromium.log"; exit 1; }
timeout 120 "$chromium" "${flags[@]}" --screenshot="$work/brief.png" --window-size=820,1160 "file://$work/brief.html" 2>>"$work/chromium.log" || { cat "$work/chromium.log"; exit 1; }
if [ -n "${KEEP_RENDER:-}" ]; then cp "$work/brief.png" "$KEEP_RENDER"; cp "$work/brief.html" "${KEEP_RENDER%.png}.html"; cp "$work/brief.pdf" "${KEEP_RENDER%.png}.pdf"; fi
python3 - "$work/brief.pdf" "$work/brief.png" <<'PY'
import re, sys
pdf = open(sys.argv[1], "rb").read()
assert pdf.startswith(b"%PDF"), "not a PDF"
pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
assert pages == 1, f"the brief should print on one page, got {pages}"
png = open(sys.argv[2], "rb").read()
assert png.startswith(b"\x89PNG") and len(png) > 10000, "no screenshot"
print(f"ok: the HTML brief renders in headless Chromium: 1-page PDF ({len(pdf)} bytes), PNG ({len(png)} bytes)")
PY
