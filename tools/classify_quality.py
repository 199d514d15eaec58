"""Measure the classifier against the hand-labelled set and write docs/quality.md.

    python -m tools.classify_quality            # regenerate docs/quality.md
    python -m tools.classify_quality --errors   # print misses on the tuning split only

Labels omit fields at their default: attendance_mode "unknown", status "scheduled", costs/CE
unknown (None), lists empty, languages ["en"]. A labelled free item implies cost 0..0; a
labelled cost implies currency USD unless stated. The set is split deterministically by a hash
of the item id: about a third is held out (never looked at while tuning rules).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.classify import MODALITIES, Classification, classify
from pipelines.classify.credits import APPROVALS
from pipelines.core.model import ATTENDANCE_MODES, AUDIENCES, KINDS, STATUSES
from tools import classify_independent as independent
from tools import classify_learned as learned

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "classify_eval.jsonl"
REPORT = ROOT / "docs" / "quality.md"
TARGET = 0.9
SCALAR_FIELDS = ("is_free", "sliding_scale", "cost", "currency", "ce_credits")
LIST_FIELDS = ("audience", "modalities", "languages", "serves_regions")
ENUM_FIELDS = {"kind": (KINDS, None), "attendance_mode": (ATTENDANCE_MODES, "unknown"),
               "status": (STATUSES, "scheduled")}
FIELDS = (*ENUM_FIELDS, *SCALAR_FIELDS, *LIST_FIELDS)
_HINTS = ("location_text", "online_url", "raw_mode", "raw_status", "cost_text", "is_free",
          "cost_min", "cost_max", "currency", "default_region", "categories", "extra",
          "organizer")


def load(path: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def is_held_out(item_id: str) -> bool:
    return hashlib.sha1(item_id.encode()).digest()[0] % 3 == 0


def expected(item: dict[str, Any]) -> dict[str, Any]:
    e = item["expect"]
    cost = tuple(e["cost"]) if e.get("cost") is not None else None
    if cost is None and e.get("is_free") is True:
        cost = (0, 0)
    return {
        "kind": e["kind"],
        "attendance_mode": e.get("attendance_mode", "unknown"),
        "status": e.get("status", "scheduled"),
        "is_free": e.get("is_free"),
        "sliding_scale": e.get("sliding_scale"),
        "cost": tuple(float(v) for v in cost) if cost else None,
        "currency": e.get("currency", "USD" if cost else None),
        "ce_credits": float(e["ce_credits"]) if e.get("ce_credits") is not None else None,
        "audience": set(e.get("audience", [])),
        "modalities": set(e.get("modalities", [])),
        "languages": set(e.get("languages", ["en"])),
        "serves_regions": set(e.get("serves_regions", [])),
    }


def predicted(item: dict[str, Any]) -> dict[str, Any]:
    hints = {k: v for k, v in (item.get("hints") or {}).items() if k in _HINTS}
    c: Classification = classify(item["title"], item.get("description", ""), **hints)
    cost = None
    if c.cost_min is not None or c.cost_max is not None:
        cost = (float(c.cost_min or 0), float(c.cost_max if c.cost_max is not None else 0))
    return {
        "kind": c.kind, "attendance_mode": c.attendance_mode, "status": c.status,
        "is_free": c.is_free, "sliding_scale": c.sliding_scale, "cost": cost,
        "currency": c.currency, "ce_credits": c.ce_credits, "audience": set(c.audience),
        "modalities": set(c.modalities), "languages": set(c.languages),
        "serves_regions": set(c.serves_regions),
    }


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    actual: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.actual if self.actual else 1.0


def score(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-field precision/recall; per-class too for kind, attendance_mode and status.

    A value at its default (None, "unknown", "scheduled", empty) is a non-answer: precision
    counts the answers given, recall the answers labelled. Lists are scored per element.
    """
    fields = {name: Score() for name in FIELDS}
    classes = {name: {c: Score() for c in allowed} for name, (allowed, _) in ENUM_FIELDS.items()}
    exact = Counter()
    for item in items:
        want, got = expected(item), predicted(item)
        for name in FIELDS:
            w, g = want[name], got[name]
            s = fields[name]
            if name in LIST_FIELDS:
                s.tp += len(w & g)
                s.predicted += len(g)
                s.actual += len(w)
            else:
                default = ENUM_FIELDS[name][1] if name in ENUM_FIELDS else None
                s.predicted += g != default
                s.actual += w != default
                s.tp += (g == w) and w != default
            exact[name] += w == g
        for name in ENUM_FIELDS:
            classes[name][want[name]].actual += 1
            classes[name][got[name]].predicted += 1
            classes[name][want[name]].tp += want[name] == got[name]
    return {"n": len(items), "fields": fields, "classes": classes, "exact": exact}


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def _field_table(result: dict[str, Any]) -> list[str]:
    n = result["n"]
    lines = ["| field | precision | recall | exact-match accuracy | labelled | predicted |",
             "|---|---|---|---|---|---|"]
    for name in FIELDS:
        s = result["fields"][name]
        lines.append(f"| {name} | {_fmt(s.precision)} | {_fmt(s.recall)} | "
                     f"{_fmt(result['exact'][name] / n if n else 1.0)} | {s.actual} | "
                     f"{s.predicted} |")
    return lines


def _class_table(result: dict[str, Any]) -> list[str]:
    lines = ["| field | class | precision | recall | labelled |", "|---|---|---|---|---|"]
    for name, per_class in result["classes"].items():
        for cls, s in per_class.items():
            if s.actual or s.predicted:
                lines.append(f"| {name} | {cls} | {_fmt(s.precision)} | {_fmt(s.recall)} | "
                             f"{s.actual} |")
    return lines


def render(items: list[dict[str, Any]]) -> str:
    held = [i for i in items if is_held_out(i["id"])]
    tune = [i for i in items if not is_held_out(i["id"])]
    all_result, held_result, tune_result = score(items), score(held), score(tune)
    below = [name for name in FIELDS
             if min(all_result["fields"][name].precision, all_result["fields"][name].recall)
             < TARGET]
    out = [
        "# Classifier quality",
        "",
        "**Generated** by `make quality` (`python -m tools.classify_quality`) from "
        "`tests/data/classify_independent.jsonl` and `tests/data/classify_eval.jsonl`; do not "
        "edit by hand. `tests/unit/classify/test_classify_quality.py` fails when this file is "
        "stale or a number drops below its floor.",
        "",
        *independent.render_section(independent.load()),
        *learned.render_section(independent.load()),
        "## Project set (rules and labels written together)",
        "",
        f"`tests/data/classify_eval.jsonl`; target >= {TARGET} per field on all items. Seven "
        "labels that contradicted `docs/labelling.md` were changed in issue 14 (listed with "
        "the rule in `tests/data/classify_eval_RELABELLED.md`).",
        "",
        f"- Labelled items: {len(items)} (tuning split {len(tune)}, held-out split {len(held)}).",
        "- Split: an item is held out when the first byte of sha1(id) is divisible by 3. Rules "
        "were tuned by looking at misses on the tuning split only (`--errors`); the held-out "
        "numbers are the estimate for unseen text. Caveat, stated plainly: the held-out misses "
        "were printed once during development (no rule was written for them, but one later "
        "rule prompted by a project fixture, `ethics` as a professional topic, also fixed a "
        "held-out item), and the same person wrote the rules and the labels, so real-world "
        "accuracy will be lower than these numbers. All numbers are also reported on all items.",
        "- Scoring: a value at its default (None, `unknown`, `scheduled`, empty list) counts as "
        "no answer. Precision = correct answers / answers given; recall = correct answers / "
        "answers labelled. List fields (audience, modalities, languages, serves_regions) are "
        "scored per element. `cost` is the (cost_min, cost_max) pair. `languages` defaults to "
        "[\"en\"] on both sides, which inflates its numbers.",
        "- Conventions: \"free for members, $15 otherwise\" is is_free=false, cost 0..15; a "
        "donation or pay-what-you-can is sliding_scale=true and is_free=false unless the text "
        "says free; free implies cost 0..0 USD.",
        f"- Target: precision and recall >= {TARGET} per field. Below target on all items: "
        + (", ".join(below) if below else "none") + ".",
        "",
        "### Vocabularies",
        "",
        "- modalities: " + ", ".join(f"`{m}`" for m in MODALITIES),
        "- audience: " + ", ".join(f"`{a}`" for a in AUDIENCES)
        + " (an `other` listing has no audience: a credential there names a facilitator)",
        "- ce_approvals: " + ", ".join(f"`{a}`" for a in APPROVALS),
        "- languages: ISO 639-1 codes; `en` only when no language is named",
        "- serves_regions: US state codes named with a licence/membership/audience cue; a "
        "venue address is not a service area; empty means anywhere",
        "",
        "### Held-out split",
        "",
        *_field_table(held_result),
        "",
        "### All items",
        "",
        *_field_table(all_result),
        "",
        "### Per class (all items)",
        "",
        *_class_table(all_result),
        "",
        "### Tuning split",
        "",
        *_field_table(tune_result),
        "",
    ]
    return "\n".join(out)


def errors(items: list[dict[str, Any]]) -> list[str]:
    lines = []
    for item in items:
        want, got = expected(item), predicted(item)
        for name in FIELDS:
            if want[name] != got[name]:
                lines.append(f"{item['id']} {name}: want {want[name]!r} got {got[name]!r}"
                             f"  | {item['title'][:60]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print tuning-split misses")
    parser.add_argument("--held-out-errors", action="store_true", help="print held-out misses (analysis only; do not tune on them)")
    parser.add_argument("--independent-errors", action="store_true",
                        help="print the independent set's dev-split misses (never test)")
    parser.add_argument("--split", choices=("dev",),
                        help="print the independent set's misses on this split with text, gold, "
                             "predicted and why (dev only: test is never printed)")
    parser.add_argument("--record-before", metavar="NOTE",
                        help="store the current independent-set numbers as the 'before' baseline")
    args = parser.parse_args()
    if args.split:
        print("\n".join(independent.dev_errors(independent.load(), verbose=True)))
        return
    if args.independent_errors:
        print("\n".join(independent.dev_errors(independent.load())))
        return
    if args.record_before:
        independent.record_before(independent.load(), args.record_before)
        print(f"wrote {independent.BEFORE}")
        return
    items = load()
    if args.errors or args.held_out_errors:
        chosen = [i for i in items if is_held_out(i["id"]) == bool(args.held_out_errors)]
        print("\n".join(errors(chosen)))
        return
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(render(items), encoding="utf-8")
    print(f"wrote {REPORT}")


if __name__ == "__main__":
    main()
