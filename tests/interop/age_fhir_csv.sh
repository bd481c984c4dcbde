#!/usr/bin/env bash
# Exports against tools nobody here wrote: the Go `age` CLI decrypts what
# followup seals (to an `age-keygen` identity and to a `followup keygen` one),
# fhir.resources validates the FHIR Bundle, Python's csv reads the CSV.
set -euo pipefail
bin=$(realpath "${FOLLOWUP_BIN:-target/debug/followup}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FOLLOWUP_HOME=$work/data TZ=UTC FOLLOWUP_PASSPHRASE="interop passphrase"
day() { date -d "-$1 days" +%F; }

"$bin" init --participant TRD-901 --dosing-date "$(day 10)" --care-contact "Dr. Care 555-0199" --gad7-every 7 >/dev/null
for n in 9 8 7 6 5 4 3 2 1; do
  echo "note for day -$n" | "$bin" log mood --mood $((n % 10)) --anxiety 3 --sleep 7.5 --tag walk --date "$(day "$n")" --note-file - >/dev/null
  "$bin" log phq9 --answers "2,1,1,1,0,1,0,0,$((n == 4 ? 1 : 0))" --difficulty 1 --date "$(day "$n")" >/dev/null
done
"$bin" log mood --mood 3 --date "$(day 12)" >/dev/null   # baseline period
"$bin" log gad7 --answers 2,2,1,3,1,2,1 --date "$(day 12)" >/dev/null
"$bin" log gad7 --answers 1,1,0,1,0,1,0 --date "$(day 3)" >/dev/null
"$bin" amend 1 --mood 8 --reason "slipped" >/dev/null
"$bin" event add --kind integration --date "$(day 5)" >/dev/null

age-keygen -o "$work/go-identity.txt" 2>/dev/null
go_recipient=$(age-keygen -y "$work/go-identity.txt")
fu_recipient=$("$bin" keygen -o "$work/fu-identity.txt" 2>/dev/null)

cd "$work"
"$bin" export -r "$go_recipient" -o native.age >/dev/null
age -d -i go-identity.txt native.age | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["format"]=="followup-export" and d["entries"], d.keys()'
echo "ok: age -d with an age-keygen identity opens a followup export"

"$bin" export -r "$fu_recipient" --armor -o armored.age >/dev/null
age -d -i fu-identity.txt armored.age | python3 -c 'import json,sys; assert json.load(sys.stdin)["profile"]["participant"]=="TRD-901"'
echo "ok: age -d with a followup keygen identity opens an armored export"

"$bin" export -r "$go_recipient" -r "$fu_recipient" --format fhir -o fhir.age >/dev/null
age -d -i go-identity.txt fhir.age >bundle.json
python3 "$here/check_fhir.py" bundle.json
rm -f bundle.json

"$bin" export -r "$go_recipient" --format csv -o csv.age >/dev/null
age -d -i go-identity.txt csv.age >export.csv
python3 "$here/check_csv.py" export.csv
rm -f export.csv

# the other direction: files sealed by the Go CLI open in followup
"$bin" export --plaintext -o plain.json >/dev/null 2>&1
age -r "$fu_recipient" -o by-go.age plain.json
age -a -r "$fu_recipient" -o by-go-armored.age plain.json
rm -f plain.json
for f in by-go.age by-go-armored.age; do
  "$bin" report "$f" -i "$work/fu-identity.txt" --format txt >/dev/null 2>&1 || { echo "FAIL: followup could not open $f sealed by age"; exit 1; }
done
echo "ok: files sealed by age -r and age -a -r open in followup"
