#!/usr/bin/env bash
# followup against a peer a participant might use instead: the encrypted
# journal jrnl (PyPI, https://jrnl.sh). Both stores encrypted, the same days
# of data, side by side in one run:
#   add one entry        followup log mood ...      vs  jrnl "Mood 6, ..."
#   list all entries     followup list              vs  jrnl -n 1000000
# at 6 months and at 10 years of daily entries. Each store is a fresh copy
# for every "add" (copy not timed). Runs are interleaved; medians; the ratio
# printed is jrnl / followup (above 1: followup is faster).
#
# jrnl set-up, non-interactive: a config file (--config-file) with
# `encrypt: true`; the password in the Python keyring through the file
# backend of keyrings.alt (PYTHON_KEYRING_BACKEND, kept in the temp folder),
# where jrnl looks before it would prompt; the journal file written with jrnl's
# own Jrnlv3Encryption (what jrnl 4.x writes: PBKDF2-SHA256, 100,000
# iterations, Fernet). followup's database uses SQLCipher 4 defaults
# (PBKDF2-SHA512, 256,000 iterations, AES-256 + HMAC per page).
#
# Usage: scripts/bench-jrnl.sh [ROUNDS]    (default 11 runs of each case)
# Needs: python3 with jrnl and keyrings.alt (pip install jrnl keyrings.alt).
set -euo pipefail
source "$(dirname "$0")/bench-common.sh"
ROUNDS=${1:-11}
python3 -c 'import jrnl, keyrings.alt' 2>/dev/null ||
  { echo "needs jrnl and keyrings.alt: pip install jrnl keyrings.alt" >&2; exit 2; }
JRNL=$(command -v jrnl) || { echo "jrnl is not on PATH" >&2; exit 2; }
# time jrnl itself, not a pyenv shim in front of it
if command -v pyenv >/dev/null && [[ $JRNL == */shims/* ]]; then JRNL=$(pyenv which jrnl); fi
bench_setup
bench_machine
echo "followup: $FOLLOWUP; jrnl: $JRNL ($(python3 -c 'from jrnl.__version__ import __version__ as v; print(v)'), $(python3 --version))"
echo

export PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring
export XDG_DATA_HOME=$TMP/xdg-data XDG_CONFIG_HOME=$TMP/xdg-config
python3 -c 'import keyring, os; keyring.set_password("jrnl", "default", os.environ["FOLLOWUP_PASSPHRASE"])'

for size in 6m 10y; do
  years=0; [[ $size == 10y ]] && years=10
  bench_db "$TMP/db-$size" $years
  # the same days for jrnl: one entry a day with that day's mood entry and PHQ-9
  FOLLOWUP_HOME="$TMP/db-$size" timeout 60 "$FOLLOWUP" list --json >"$TMP/list-$size.json"
  [[ -f $TMP/to-jrnl.py ]] || cat >"$TMP/to-jrnl.py" <<'PY'
import json, os, sys
from collections import defaultdict
from jrnl.config import get_default_config
from jrnl.encryption.Jrnlv3Encryption import Jrnlv3Encryption
from ruamel.yaml import YAML

tmp, size = sys.argv[1], sys.argv[2]
entries = json.load(open(f"{tmp}/list-{size}.json"))
days = defaultdict(dict)
for e in entries:
    days[e["date"]][e["instrument"]] = e
out = []
for date in sorted(days):
    d = days[date]
    parts = []
    if (m := d.get("mood")):
        bits = [f"Mood {m['mood']}"]
        for k in ("anxiety", "energy"):
            if m[k] is not None:
                bits.append(f"{k} {m[k]}")
        if m["sleep"] is not None:
            bits.append(f"sleep {m['sleep']} h")
        parts.append(", ".join(bits) + ".")
    if (p := d.get("phq9")):
        parts.append(f"PHQ-9 {p['total']} ({','.join(str(a) for a in p['answers'])}).")
    if d.get("mood") and d["mood"]["note"]:
        parts.append(d["mood"]["note"])
    if d.get("mood") and d["mood"]["tags"]:
        parts.append(" ".join("@" + t for t in d["mood"]["tags"]))
    recorded = (d.get("mood") or d.get("phq9"))["recorded_at"]
    hh, mm = int(recorded[11:13]), recorded[14:16]
    stamp = f"{date} {hh % 12 or 12:02d}:{mm}:00 {'AM' if hh < 12 else 'PM'}"
    out.append(f"[{stamp}] " + " ".join(parts) + "\n\n")
enc = Jrnlv3Encryption("default", {})
enc.password = os.environ["FOLLOWUP_PASSPHRASE"]
with open(f"{tmp}/jrnl-{size}.txt", "wb") as f:
    f.write(enc.encrypt("".join(out)))
for name, journal in (("list", f"{tmp}/jrnl-{size}.txt"), ("add", f"{tmp}/jrnl-{size}-work.txt")):
    config = get_default_config()
    config.update(encrypt=True, highlight=False, editor="", journals={"default": {"journal": journal}})
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    with open(f"{tmp}/jrnl-{size}-{name}.yaml", "w") as f:
        yaml.dump(config, f)
print(f"{tmp}/jrnl-{size}.txt: {len(out)} entries (one a day), {len(entries)} followup entries, "
      f"{os.path.getsize(f'{tmp}/jrnl-{size}.txt')} bytes; followup.db "
      f"{os.path.getsize(f'{tmp}/db-{size}/followup.db')} bytes", file=sys.stderr)
PY
  bench_run timeout 120 python3 "$TMP/to-jrnl.py" "$TMP" "$size"
done
# sanity: jrnl decrypts without asking and sees every day
for size in 6m 10y; do
  n=$(timeout 60 "$JRNL" --config-file "$TMP/jrnl-$size-list.yaml" -n 1000000 --short </dev/null 2>/dev/null | wc -l)
  echo "jrnl $size: $n entries listed" >&2
  ((n > 100)) || { echo "jrnl did not list the journal" >&2; exit 1; }
done
echo

log_argv='"log", "mood", "--mood", "6", "--anxiety", "3", "--energy", "5", "--sleep", "7.5", "--tag", "meditation"'
jrnl_add='"Mood 6, anxiety 3, energy 5, sleep 7.5 h. @meditation"'
cases=() ratios=()
for size in 6m 10y; do
  label=$([[ $size == 6m ]] && echo "6 months" || echo "10 years")
  cases+=("{\"name\": \"add: followup log mood, $label\", \"argv\": [\"$FOLLOWUP\", $log_argv],
    \"env\": {\"FOLLOWUP_HOME\": \"$TMP/work-$size\"}, \"prepare\": [[\"copytree\", \"$TMP/db-$size\", \"$TMP/work-$size\"]]}")
  cases+=("{\"name\": \"add: jrnl, $label\", \"argv\": [\"$JRNL\", \"--config-file\", \"$TMP/jrnl-$size-add.yaml\", $jrnl_add],
    \"prepare\": [[\"copy\", \"$TMP/jrnl-$size.txt\", \"$TMP/jrnl-$size-work.txt\"]]}")
  cases+=("{\"name\": \"list all: followup list, $label\", \"argv\": [\"$FOLLOWUP\", \"list\"],
    \"env\": {\"FOLLOWUP_HOME\": \"$TMP/db-$size\"}}")
  cases+=("{\"name\": \"list all: jrnl -n 1000000, $label\", \"argv\": [\"$JRNL\", \"--config-file\", \"$TMP/jrnl-$size-list.yaml\", \"-n\", \"1000000\"]}")
  ratios+=("{\"label\": \"add one entry, $label: jrnl / followup\", \"num\": \"add: jrnl, $label\", \"den\": \"add: followup log mood, $label\", \"min\": 1.0}")
  ratios+=("{\"label\": \"list all entries, $label: jrnl / followup\", \"num\": \"list all: jrnl -n 1000000, $label\", \"den\": \"list all: followup list, $label\", \"min\": 1.0}")
done
join() { local IFS=,; echo "$*"; }
echo "{\"rounds\": $ROUNDS, \"warmup\": 1, \"cases\": [$(join "${cases[@]}")], \"ratios\": [$(join "${ratios[@]}")]}" >"$TMP/peer.json"
echo "== followup vs jrnl (both encrypted); target: followup faster at both sizes (ratio above 1)"
bench_time "$TMP/peer.json"
echo "done; temp folder removed on exit"
