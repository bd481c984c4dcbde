"""Open a followup database with the Python `sqlcipher3` package (SQLCipher 4
defaults, PRAGMA key only) and print what it finds, as JSON.

usage: sqlcipher_open.py DB PASSPHRASE
exit 0 with {"participant": ..., "notes": [...]} or exit 3 when the key is wrong.
"""
import json
import sys

import sqlcipher3


def main(path: str, passphrase: str) -> int:
    conn = sqlcipher3.connect(path)
    quoted = passphrase.replace("'", "''")
    conn.execute(f"PRAGMA key = '{quoted}'")
    try:
        participant = conn.execute("SELECT participant FROM profile").fetchone()[0]
    except sqlcipher3.DatabaseError as e:
        print(f"cannot open: {e}", file=sys.stderr)
        return 3
    notes = [r[0] for r in conn.execute("SELECT note FROM entry_versions WHERE note IS NOT NULL")]
    check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    print(json.dumps({"participant": participant, "notes": notes, "integrity": check}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
