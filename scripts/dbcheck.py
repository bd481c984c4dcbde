"""Open a followup database with Python's `sqlcipher3` (SQLCipher 4 defaults,
PRAGMA key only), run PRAGMA integrity_check, check the append-only tables
for half-written rows, and (optionally) check them against what a kill test
expected.

usage: dbcheck.py DB [EXPECTATIONS [LIST_JSON]]
       dbcheck.py --serve     (reads "DB<TAB>EXPECTATIONS<TAB>LIST_JSON" lines on stdin)

The passphrase comes from the environment (FOLLOWUP_PASSPHRASE), never from
an argument. EXPECTATIONS is a tab-separated file written by kill-test.sh,
one line per round that touched the database:

    mood   DATE  MOOD  NOTE_FILE  RC
    phq9   DATE  A1,...,A9        RC
    amend  DATE  MOOD  REASON     RC     (amends the mood entry of DATE)

RC is the exit status of the command: 0 means the entry must be there,
137 (SIGKILL) means it may be there or not, but if it is, it is whole.
LIST_JSON is the output of `followup list --json` taken just before: it must
show exactly the current version of every entry.
Prints one JSON line with the counts; exits 1 with the reasons on failure.
"""
import json
import os
import sys

import sqlcipher3

KILLED = 137


def connect(path):
    conn = sqlcipher3.connect(path)
    quoted = os.environ["FOLLOWUP_PASSPHRASE"].replace("'", "''")
    conn.execute(f"PRAGMA key = '{quoted}'")
    conn.row_factory = sqlcipher3.Row
    return conn


def structural(conn, problems):
    """Every entry has versions 1..n, every version has an entry, and each
    version holds the fields its instrument requires."""
    instruments = {r["id"]: r["instrument"] for r in conn.execute("SELECT id, instrument FROM entries")}
    versions = {}
    for r in conn.execute("SELECT * FROM entry_versions ORDER BY entry_id, version"):
        versions.setdefault(r["entry_id"], []).append(r)
    for eid, inst in instruments.items():
        vs = versions.get(eid, [])
        if not vs:
            problems.append(f"entry {eid} ({inst}) has no version: half-written")
            continue
        if [v["version"] for v in vs] != list(range(1, len(vs) + 1)):
            problems.append(f"entry {eid} versions are not 1..n: {[v['version'] for v in vs]}")
        for v in vs:
            if v["change"] == "retraction":
                continue
            if inst == "mood" and v["mood"] is None:
                problems.append(f"entry {eid} v{v['version']}: mood entry without a mood")
            if inst == "phq9" and any(v[f"a{i}"] is None for i in range(1, 10)):
                problems.append(f"entry {eid} v{v['version']}: PHQ-9 with missing answers")
            if not v["day"] or not v["recorded_at"]:
                problems.append(f"entry {eid} v{v['version']}: no day or recorded_at")
    for eid in versions:
        if eid not in instruments:
            problems.append(f"versions for entry {eid}, which does not exist")
    ev = {r["id"] for r in conn.execute("SELECT id FROM events")}
    evv = {r["event_id"] for r in conn.execute("SELECT DISTINCT event_id FROM event_versions")}
    for e in ev - evv:
        problems.append(f"event {e} has no version: half-written")
    for e in evv - ev:
        problems.append(f"versions for event {e}, which does not exist")
    return instruments, versions


def expectations(path, instruments, versions, problems, counts):
    by_day = {}  # (instrument, day) -> [entry ids]
    for eid, vs in versions.items():
        by_day.setdefault((instruments.get(eid), vs[0]["day"]), []).append(eid)
    explained = set()
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    amends = {}
    for row in rows:
        kind, day, rc = row[0], row[1], int(row[-1])
        if rc not in (0, KILLED):
            problems.append(f"{kind} {day}: exit {rc} (neither success nor SIGKILL)")
            continue
        if kind == "amend":
            amends.setdefault(day, []).append(row)
            continue
        ids = by_day.get((kind, day), [])
        if len(ids) > 1:
            problems.append(f"{kind} {day}: {len(ids)} entries for one day: {ids}")
        if not ids:
            if rc == 0:
                problems.append(f"{kind} {day}: exited 0 but the entry is missing")
            else:
                counts["killed_absent"] += 1
            continue
        eid = ids[0]
        explained.add(eid)
        v1 = versions[eid][0]
        if rc == 0:
            counts["ok_present"] += 1
        else:
            counts["killed_present"] += 1
        if kind == "mood":
            want_mood = int(row[2])
            want_note = None
            if row[3] != "-":
                with open(row[3], encoding="utf-8") as nf:
                    want_note = nf.read()
            if v1["mood"] != want_mood or v1["note"] != want_note:
                problems.append(
                    f"mood {day}: entry {eid} v1 differs: mood {v1['mood']} (want {want_mood}), "
                    f"note {len(v1['note'] or '')} chars (want {len(want_note)}, equal={v1['note'] == want_note})"
                )
        else:
            want = [int(a) for a in row[2].split(",")]
            got = [v1[f"a{i}"] for i in range(1, 10)]
            if got != want:
                problems.append(f"phq9 {day}: entry {eid} answers {got}, want {want}")
    for eid in versions:
        if eid not in explained:
            problems.append(f"entry {eid} ({versions[eid][0]['day']}) was never logged: a phantom entry")
    for day, rows in amends.items():
        ids = by_day.get(("mood", day), [])
        if len(ids) != 1:
            problems.append(f"amend {day}: {len(ids)} mood entries for that day")
            continue
        vs = versions[ids[0]]
        corrections = {v["reason"]: v for v in vs[1:]}
        reasons = {r[3] for r in rows}
        for v in vs[1:]:
            if v["reason"] not in reasons:
                problems.append(f"entry {ids[0]} v{v['version']}: reason {v['reason']!r} from no amend")
        for r in rows:
            mood, reason, rc = int(r[2]), r[3], int(r[4])
            v = corrections.get(reason)
            if v is None:
                if rc == 0:
                    problems.append(f"amend {day} ({reason}): exited 0 but the version is missing")
                else:
                    counts["amend_killed_absent"] += 1
                continue
            counts["amend_ok_present" if rc == 0 else "amend_killed_present"] += 1
            if v["mood"] != mood or v["change"] != "correction" or v["day"] != day:
                problems.append(f"amend {day} ({reason}): version {v['version']} is not whole: "
                                f"mood {v['mood']} (want {mood}), change {v['change']}, day {v['day']}")
            if v["note"] != vs[0]["note"]:
                problems.append(f"amend {day} ({reason}): the note was lost in version {v['version']}")


def compare_list(path, versions, problems):
    """`followup list --json` (saved to PATH) shows the current version of every entry."""
    with open(path, encoding="utf-8") as f:
        shown = {e["id"]: e["version"] for e in json.load(f)}
    current = {eid: len(vs) for eid, vs in versions.items() if vs[-1]["change"] != "retraction"}
    if shown != current:
        problems.append(f"followup list --json shows {len(shown)} entries, the database has {len(current)}: "
                        f"differences {sorted(set(shown.items()) ^ set(current.items()))[:10]}")


def check(db, expect=None, listed=None):
    problems = []
    counts = {k: 0 for k in ("ok_present", "killed_present", "killed_absent",
                             "amend_ok_present", "amend_killed_present", "amend_killed_absent")}
    if not os.path.isfile(db):
        return {}, [f"no database at {db}"]
    try:
        conn = connect(db)
        check = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlcipher3.DatabaseError as e:
        return {"integrity": f"cannot open: {e}"}, [f"cannot open {db}: {e}"]
    try:
        if check != ["ok"]:
            problems.append(f"integrity_check: {check[:5]}")
        instruments, versions = structural(conn, problems)
    finally:
        conn.close()
    if expect:
        expectations(expect, instruments, versions, problems, counts)
    if listed:
        compare_list(listed, versions, problems)
    out = {"integrity": check[0] if len(check) == 1 else check[:5],
           "entries": len(instruments), "versions": sum(len(v) for v in versions.values()), **counts}
    return out, problems


def main(argv):
    if argv[1:] == ["--serve"]:
        # one check per line of tab-separated arguments; answers "OK {json}" or "FAIL reasons"
        for line in sys.stdin:
            try:
                out, problems = check(*line.rstrip("\n").split("\t"))
            except Exception as e:  # a broken check is a failure, not a hang
                out, problems = {}, [f"checker error: {e!r}"]
            print(("FAIL " + " | ".join(problems)) if problems else ("OK " + json.dumps(out)), flush=True)
        return 0
    out, problems = check(*argv[1:])
    print(json.dumps(out))
    for p in problems:
        print(f"FAIL: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
