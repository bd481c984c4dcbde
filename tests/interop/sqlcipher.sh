#!/usr/bin/env bash
# A followup database, and a backup of it, open in another SQLCipher 4 client
# (Python sqlcipher3) with the passphrase, hold the note there, and nowhere in
# plaintext; a wrong passphrase exits 3 and leaves the file's bytes as they were.
set -euo pipefail
bin=$(realpath "${FOLLOWUP_BIN:-target/debug/followup}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FOLLOWUP_HOME=$work/data TZ=UTC
export FOLLOWUP_PASSPHRASE="it's a \"quoted\" passphrase"
marker="SQLCIPHER-INTEROP-$RANDOM-NOTE"

"$bin" init --participant TRD-900 --dosing-date "$(date -d '-3 days' +%F)" >/dev/null
printf '%s\n' "$marker" | "$bin" log mood --mood 6 --note-file - >/dev/null

if grep -rqa -- "$marker" "$work/data"; then echo "FAIL: note in plaintext on disk"; exit 1; fi

out=$(python3 "$here/sqlcipher_open.py" "$work/data/followup.db" "$FOLLOWUP_PASSPHRASE")
python3 - "$out" "$marker" <<'PY'
import json, sys
found = json.loads(sys.argv[1])
assert found["participant"] == "TRD-900", found
assert found["notes"] == [sys.argv[2]], found
assert found["integrity"] == "ok", found
PY
echo "ok: sqlcipher3 opened the database and found the note"

"$bin" backup --create --to "$work/usb" >/dev/null
backup=$(ls "$work"/usb/followup-*.db)
if grep -qa -- "$marker" "$backup"; then echo "FAIL: note in plaintext in the backup"; exit 1; fi
out=$(python3 "$here/sqlcipher_open.py" "$backup" "$FOLLOWUP_PASSPHRASE")
python3 - "$out" "$marker" <<'PY'
import json, sys
found = json.loads(sys.argv[1])
assert found["participant"] == "TRD-900" and found["notes"] == [sys.argv[2]] and found["integrity"] == "ok", found
PY
echo "ok: sqlcipher3 opened the backup ($(basename "$backup")) with the same passphrase and found the note"

if python3 "$here/sqlcipher_open.py" "$work/data/followup.db" "wrong" 2>/dev/null; then
  echo "FAIL: sqlcipher3 opened it with a wrong passphrase"; exit 1
fi

before=$(sha256sum "$work/data/followup.db")
set +e
FOLLOWUP_PASSPHRASE=wrong "$bin" list >/dev/null 2>"$work/err"
code=$?
set -e
[ "$code" = 3 ] || { echo "FAIL: wrong passphrase exited $code, not 3"; exit 1; }
[ "$(wc -l <"$work/err")" = 1 ] || { echo "FAIL: more than one line:"; cat "$work/err"; exit 1; }
[ "$before" = "$(sha256sum "$work/data/followup.db")" ] || { echo "FAIL: file changed"; exit 1; }
echo "ok: a wrong passphrase exits 3 and leaves the file unchanged"
