#!/usr/bin/env python3
"""Check a `followup report --format json` brief against a second,
independent reading of PRODUCT.md ("Outcome definitions", "Course of
response"), computed here from the native export of the same record.

usage: check_brief.py EXPORT.json BRIEF.json   (the export decrypted, e.g. by `age -d`)

Means are exact fractions here, so a change that meets a threshold exactly
(32/3 - 14/3 = 6) is read as meeting it.

Prints one line per difference and exits 1 if there are any.
"""

import datetime as dt
import json
import math
import sys
from fractions import Fraction

LOINC = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"]
BRIEF_KEYS = ["format", "version", "participant", "as_of", "day", "baseline", "weeks", "course", "items", "sessions",
              "safety", "gad7", "paired_outcome"]
GAD7_BANDS = [(15, "severe"), (10, "moderate"), (5, "mild"), (0, "minimal")]


def date(s):
    return dt.date.fromisoformat(s)


def mean(xs):
    return Fraction(sum(xs), len(xs)) if xs else None


def total(answers):
    """PHQ-9 total: all nine answered; one or two missing are prorated
    (mean of the answered x 9, rounded half up); three or more: none."""
    given = [a for a in answers if a is not None]
    if len(given) == 9:
        return sum(given)
    if len(given) >= 7:
        return math.floor(Fraction(sum(given) * 9, len(given)) + Fraction(1, 2))
    return None


def week_of(day):
    return (day + 6) // 7 if day >= 1 else None


def expected(export, as_of):
    dosing = date(export["profile"]["dosing_date"])
    day_of = lambda d: (date(d) - dosing).days  # noqa: E731
    today = day_of(as_of)

    def current(items):
        for item in items:
            v = item["versions"][-1]
            if v["change"] != "retraction":
                yield item["id"], v

    phq = []  # (day, total, answers), current and with a total, up to today
    moods = []  # (day, mood)
    for _, v in current(export["entries"]):
        d = day_of(v["day"])
        if d > today:
            continue
        if v["instrument"] == "phq9":
            t = total(v["answers"])
            if t is not None:
                phq.append((d, t, v["answers"]))
        elif v["instrument"] == "mood":
            moods.append((d, v["mood"]))
    phq.sort(key=lambda p: p[0])

    # baseline, in the order of preference
    period = [p for p in phq if -14 <= p[0] <= -1]
    before = [p for p in phq if p[0] < 0]
    if period:
        used, kind, bday = period, "baseline_period", None
    elif before:
        used, kind = [before[-1]], "before_dosing"
        bday = used[0][0]
    elif [p for p in phq if p[0] == 0]:
        used, kind, bday = [p for p in phq if p[0] == 0][:1], "day_zero", 0
    elif [p for p in phq if p[0] > 0]:
        used, kind = [p for p in phq if p[0] > 0][:1], "post_dose"
        bday = used[0][0]
    else:
        used, kind, bday = [], None, None
    base = mean([p[1] for p in used])
    eligible = base is not None and base >= 10
    half = Fraction(base) / 2 if eligible else None

    # weeks
    numbers = sorted({week_of(d) for d, *_ in phq if week_of(d)} | {week_of(d) for d, _ in moods if week_of(d)})
    weeks = []
    for k in numbers:
        scores = [t for d, t, _ in phq if week_of(d) == k]
        score = mean(scores)
        weeks.append({
            "week": k,
            "phq9": score,
            "phq9_n": len(scores),
            "response": None if score is None or half is None else score <= half,
            "remission": None if score is None else score < 5,
            "mood": mean([m for d, m in moods if week_of(d) == k]),
        })
    scored = [w for w in weeks if w["phq9"] is not None]

    first_day = next((d for d, t, _ in phq if d >= 1 and half is not None and t <= half), None)
    first_week = next((w["week"] for w in scored if w["response"]), None)
    lost = None
    if first_week is not None:
        after = [w for w in scored if w["week"] > first_week]
        for a, b in zip(after, after[1:]):
            if not a["response"] and not b["response"]:
                lost = a["week"]
                break
    if first_week is None:
        duration, ongoing = None, None
    elif lost is not None:
        duration, ongoing = lost - first_week, False
    else:
        duration, ongoing = scored[-1]["week"] - first_week + 1, True
    sustained = None
    if eligible:
        window = [w for w in scored if 3 <= w["week"] <= 12]
        if any(not w["response"] for w in window):
            sustained = False
        elif {3, 12} <= {w["week"] for w in window}:
            sustained = True
    best = min(scored, key=lambda w: (w["phq9"], w["week"])) if scored else None
    latest = scored[-1] if scored else None
    rising = bool(best and latest["week"] > best["week"] and latest["phq9"] >= best["phq9"] + 5)
    course = {
        "first_response_day": first_day,
        "first_response_week": first_week,
        "response_lost_week": lost,
        "response_weeks": duration,
        "response_ongoing": ongoing,
        "sustained_response_w12": sustained,
        "remission_weeks": sum(1 for w in scored if w["phq9"] < 5),
        "scored_weeks": len(scored),
        "best_week": best["week"] if best else None,
        "best_phq9": best["phq9"] if best else None,
        "rising_from_best": rising,
    }

    # items: the baseline's PHQ-9s against the 14 days ending on the latest one (days >= 1)
    after_dosing = [p for p in phq if p[0] >= 1]
    last = after_dosing[-1][0] if after_dosing else None
    recent = [p for p in after_dosing if last - 13 <= p[0] <= last] if last else []
    items = []
    for i in range(9):
        b = mean([p[2][i] for p in used if p[2][i] is not None])
        r = mean([p[2][i] for p in recent if p[2][i] is not None])
        items.append({
            "item": i + 1,
            "loinc": LOINC[i],
            "baseline": b,
            "recent": r,
            "change": r - b if b is not None and r is not None else None,
        })

    sessions = []
    for eid, v in sorted(current(export["events"]), key=lambda e: (e[1]["date"], e[0])):
        d = day_of(v["date"])
        if v["kind"] != "integration" or not 1 <= d <= today:
            continue
        b_phq = [t for x, t, _ in phq if d - 14 <= x <= d - 1]
        a_phq = [t for x, t, _ in phq if d <= x <= min(d + 13, today)]
        sessions.append({
            "event_id": eid,
            "day": d,
            "phq9_before": mean(b_phq),
            "phq9_before_n": len(b_phq),
            "phq9_after": mean(a_phq),
            "phq9_after_n": len(a_phq),
            "mood_before": mean([m for x, m in moods if d - 14 <= x <= d - 1]),
            "mood_after": mean([m for x, m in moods if d <= x <= min(d + 13, today)]),
        })

    # the GAD-7, when used: its baseline by the same rule, weeks, latest;
    # the paired outcome (NHS Talking Therapies) from both baselines and
    # each one's latest scored week
    gad = []
    for _, v in current(export["entries"]):
        d = day_of(v["day"])
        if v["instrument"] == "gad7" and d <= today and all(a is not None for a in v["answers"]):
            gad.append((d, sum(v["answers"])))
    gad.sort()

    def baseline_of(points):
        period = [t for d, t in points if -14 <= d <= -1]
        if period:
            return mean(period), len(period), "baseline_period", None, -1
        before = [(d, t) for d, t in points if d < 0]
        if before:
            return before[-1][1], 1, "before_dosing", before[-1][0], before[-1][0]
        zero = [(d, t) for d, t in points if d == 0]
        if zero:
            return zero[0][1], 1, "day_zero", 0, 0
        after = [(d, t) for d, t in points if d > 0]
        if after:
            return after[0][1], 1, "post_dose", after[0][0], after[0][0]
        return None

    def latest_week(points, through):
        later = [(week_of(d), t) for d, t in points if d > through and week_of(d)]
        if not later:
            return None
        k = max(w for w, _ in later)
        return mean([t for w, t in later if w == k])

    gad7 = None
    paired = None
    uses = export["profile"].get("gad7_every", 0) > 0
    if uses:
        gb = baseline_of(gad)
        by_week = {}
        for d, t in gad:
            if week_of(d):
                by_week.setdefault(week_of(d), []).append(t)
        latest = gad[-1] if gad else None
        gad7 = {
            "baseline": None if gb is None else {"score": gb[0], "n": gb[1], "kind": gb[2], "day": gb[3]},
            "latest": None if latest is None else {
                "day": latest[0], "total": latest[1],
                "band": next(name for low, name in GAD7_BANDS if latest[1] >= low)},
            "weeks": [{"week": k, "mean": mean(v), "n": len(v)} for k, v in sorted(by_week.items())],
        }
        pb = baseline_of([(d, t) for d, t, _ in phq])
        if pb is not None and gb is not None:
            pn, gn = latest_week([(d, t) for d, t, _ in phq], pb[4]), latest_week(gad, gb[4])
            if pn is not None and gn is not None:
                case = lambda p, g: p >= 10 or g >= 8  # noqa: E731
                recovery = case(pb[0], gb[0]) and not case(pn, gn)
                deterioration = pn - pb[0] >= 6 or gn - gb[0] >= 4
                improvement = (pb[0] - pn >= 6 or gb[0] - gn >= 4) and not deterioration
                paired = {
                    "phq9_baseline": pb[0], "gad7_baseline": gb[0], "phq9_now": pn, "gad7_now": gn,
                    "recovery": recovery, "reliable_improvement": improvement,
                    "reliable_deterioration": deterioration, "reliable_recovery": recovery and improvement,
                }

    # a flag is an answer when the export holds an item-9 answer above 0 for it
    answered = {e["id"] for e in export["entries"]
                for v in e["versions"] if v.get("instrument") == "phq9" and (v["answers"][8] or 0) > 0}
    return {
        "format": "followup-brief",
        "version": 1,
        "participant": export["profile"]["participant"],
        "as_of": as_of,
        "day": today,
        "baseline": None if base is None else {"phq9": base, "n": len(used), "kind": kind, "day": bday},
        "weeks": weeks,
        "course": course,
        "items": items,
        "sessions": sessions,
        "safety": [{"date": f["date"], "day": f["day"], "item9": f["item9"],
                    "source": "answer" if f["entry_id"] in answered else "carried"} for f in export["safety_flags"]],
        "gad7": gad7,
        "paired_outcome": paired,
    }


def compare(path, want, got, out):
    if isinstance(want, Fraction):
        want = float(want)
    if isinstance(want, float) or isinstance(got, float):
        ok = isinstance(want, (int, float)) and isinstance(got, (int, float)) and math.isclose(want, got, rel_tol=1e-9, abs_tol=1e-12)
        if not ok:
            out.append(f"{path}: expected {want!r}, the brief says {got!r}")
    elif isinstance(want, dict) and isinstance(got, dict):
        for k in want.keys() | got.keys():
            if k not in got:
                out.append(f"{path}.{k}: missing from the brief")
            elif k not in want:
                out.append(f"{path}.{k}: not expected")
            else:
                compare(f"{path}.{k}", want[k], got[k], out)
    elif isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            out.append(f"{path}: {len(want)} expected, the brief has {len(got)}")
        for i, (a, b) in enumerate(zip(want, got)):
            compare(f"{path}[{i}]", a, b, out)
    elif want != got or type(want) is not type(got):
        out.append(f"{path}: expected {want!r}, the brief says {got!r}")


def main():
    export = json.load(open(sys.argv[1]))
    brief = json.load(open(sys.argv[2]))
    assert list(brief.keys()) == BRIEF_KEYS, f"keys in this order: {BRIEF_KEYS}, got {list(brief.keys())}"
    want = expected(export, brief["as_of"])
    differences = []
    compare("brief", want, brief, differences)
    for d in differences:
        print(d)
    if differences:
        sys.exit(1)
    c = brief["course"]
    print(
        f"ok: {brief['participant']} brief matches PRODUCT.md: baseline {brief['baseline']['phq9']:.2f} "
        f"({brief['baseline']['kind']}), {c['scored_weeks']} scored weeks, first response week "
        f"{c['first_response_week']}, lost {c['response_lost_week']}, {len(brief['sessions'])} sessions"
    )


if __name__ == "__main__":
    main()
