#!/usr/bin/env python3
"""Validate tests/data/classify_independent.jsonl (pure Python, no project imports).

Checks: every line is a JSON object, ids unique, required fields present,
labels use allowed values, cost fields consistent, split follows the
sha1 rule. Exit 1 on any error; prints counts otherwise.
"""

import collections
import hashlib
import json
import pathlib
import sys

PATH = pathlib.Path(
    sys.argv[1]
    if len(sys.argv) > 1
    else pathlib.Path(__file__).with_name("classify_independent.jsonl")
)
KINDS = {"consult_group", "peer_event", "supervision", "other"}
MODES = {"in_person", "online", "hybrid", "unknown"}
AUD = {"counselor", "mft", "social_worker", "psychologist", "associate", "student"}
STATUS = {"scheduled", "cancelled"}
ACC = {"open", "waitlist", "closed", "unknown"}
HINT_KEYS = {"location_text", "organizer", "online_url", "categories"}
TOP = {
    "id",
    "title",
    "description",
    "hints",
    "source_url",
    "source_note",
    "split",
    "expect",
    "label_note",
}
EXPECT = {
    "kind",
    "attendance_mode",
    "is_free",
    "sliding_scale",
    "cost_min",
    "cost_max",
    "audience",
    "status",
    "accepting_members",
}


def split_for(i):
    return "test" if int(hashlib.sha1(i.encode()).hexdigest()[:2], 16) % 2 == 0 else "dev"


def main():
    errs, ids = [], set()
    c = collections.Counter()
    for n, line in enumerate(PATH.read_text(encoding="utf-8").splitlines(), 1):
        where = f"line {n}"
        try:
            o = json.loads(line)
        except ValueError as e:
            errs.append(f"{where}: bad JSON ({e})")
            continue
        if not isinstance(o, dict):
            errs.append(f"{where}: not an object")
            continue
        i = o.get("id")
        where = f"line {n} ({i})"
        if not isinstance(i, str) or not i:
            errs.append(f"{where}: missing id")
        elif i in ids:
            errs.append(f"{where}: duplicate id")
        ids.add(i)
        extra = set(o) - TOP
        if extra:
            errs.append(f"{where}: unknown keys {sorted(extra)}")
        for k in ("title", "description", "source_url", "source_note"):
            if not isinstance(o.get(k), str):
                errs.append(f"{where}: {k} must be a string")
        if not (o.get("title") or "").strip():
            errs.append(f"{where}: empty title")
        if not str(o.get("source_url", "")).startswith(("http://", "https://")):
            errs.append(f"{where}: source_url not http(s)")
        h = o.get("hints")
        if h is not None:
            if not isinstance(h, dict) or set(h) - HINT_KEYS:
                errs.append(f"{where}: bad hints")
            elif "categories" in h and not (
                isinstance(h["categories"], list)
                and all(isinstance(x, str) for x in h["categories"])
            ):
                errs.append(f"{where}: hints.categories must be list of str")
        if o.get("split") != split_for(str(i)):
            errs.append(f"{where}: split should be {split_for(str(i))}")
        e = o.get("expect")
        if not isinstance(e, dict) or set(e) != EXPECT:
            errs.append(f"{where}: expect must have exactly {sorted(EXPECT)}")
            continue
        if e["kind"] not in KINDS:
            errs.append(f"{where}: kind {e['kind']!r}")
        if e["attendance_mode"] not in MODES:
            errs.append(f"{where}: mode {e['attendance_mode']!r}")
        if e["status"] not in STATUS:
            errs.append(f"{where}: status {e['status']!r}")
        if e["accepting_members"] not in ACC:
            errs.append(f"{where}: accepting {e['accepting_members']!r}")
        for b in ("is_free", "sliding_scale"):
            if e[b] not in (True, False, None):
                errs.append(f"{where}: {b} must be bool/null")
        for k in ("cost_min", "cost_max"):
            v = e[k]
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0):
                errs.append(f"{where}: {k} must be a non-negative number or null")
        if (
            e["cost_min"] is not None
            and e["cost_max"] is not None
            and e["cost_min"] > e["cost_max"]
        ):
            errs.append(f"{where}: cost_min > cost_max")
        if e["is_free"] is True and (e["cost_min"], e["cost_max"]) != (0, 0):
            errs.append(f"{where}: free implies cost 0..0")
        if (
            not isinstance(e["audience"], list)
            or set(e["audience"]) - AUD
            or len(set(e["audience"])) != len(e["audience"])
        ):
            errs.append(f"{where}: bad audience {e['audience']!r}")
        if e["kind"] == "other" and e["audience"]:
            errs.append(f"{where}: 'other' items have an empty audience")
        if e["kind"] in ("peer_event", "other") and e["accepting_members"] != "unknown":
            errs.append(f"{where}: accepting_members only for consult_group/supervision")
        c["total"] += 1
        c["kind:" + e["kind"]] += 1
        c["mode:" + e["attendance_mode"]] += 1
        c["split:" + o["split"]] += 1
        c["status:" + e["status"]] += 1
        c["acc:" + e["accepting_members"]] += 1
        c[f"split:{o['split']}/kind:{e['kind']}"] += 1
    for k in sorted(c):
        print(f"{k:32s} {c[k]}")
    if errs:
        print(f"\n{len(errs)} error(s):")
        [print("  " + x) for x in errs[:200]]
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
