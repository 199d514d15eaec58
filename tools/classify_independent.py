"""Score the classifier on the independent set (tests/data/classify_independent.jsonl).

The set was labelled by docs/labelling.md by someone who had not read the rules. Items carry a
fixed `split` (dev / test). Rules may be tuned on dev misses only (`--split dev`);
test is scored, never inspected item by item.

Scoring per field: every class is scored one-vs-rest (tp, predicted, labelled); precision and
recall per class with 95% Wilson intervals; macro precision/recall = the unweighted mean over
classes, with 95% percentile-bootstrap intervals over items (1000 resamples, fixed seed).
A class labelled but never predicted has precision 0 in the macro; a class predicted but never
labelled is left out of macro recall (it has no recall) and counts in macro precision.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.classify import classify
from pipelines.core.model import ATTENDANCE_MODES, AUDIENCES, KINDS
from tools.classify_stats import bootstrap, wilson

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "classify_independent.jsonl"
BEFORE = ROOT / "tools" / "classify_before.json"
SPLITS = ("dev", "test")
COST_CLASSES = ("free", "paid", "sliding", "unknown")
ACCEPTING = ("open", "waitlist", "closed", "unknown")
STATUS_CLASSES = ("scheduled", "cancelled")
# Fields scored by class, in report order; "audience" is multi-label (one decision per code).
CLASSES: dict[str, tuple[str, ...]] = {
    "kind": KINDS, "attendance_mode": ATTENDANCE_MODES, "cost_class": COST_CLASSES,
    "audience": AUDIENCES, "status": STATUS_CLASSES, "accepting_members": ACCEPTING,
}
HEADLINE = ("kind", "attendance_mode", "cost_class", "audience")
_HINTS = ("location_text", "organizer", "online_url", "categories")


def load(path: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def cost_class(is_free: bool | None, sliding: bool | None) -> str:
    """free / paid / sliding / unknown: what a reader filtering by cost needs to know."""
    if sliding:
        return "sliding"
    if is_free is True:
        return "free"
    if is_free is False:
        return "paid"
    return "unknown"


def expected(item: dict[str, Any]) -> dict[str, Any]:
    e = item["expect"]
    return {
        "kind": e["kind"], "attendance_mode": e["attendance_mode"],
        "cost_class": cost_class(e["is_free"], e["sliding_scale"]),
        "audience": frozenset(e["audience"]), "status": e["status"],
        "accepting_members": e["accepting_members"],
        "cost": (_num(e["cost_min"]), _num(e["cost_max"])),
    }


def _num(value: float | None) -> float | None:
    return float(value) if value is not None else None


def predicted(item: dict[str, Any]) -> dict[str, Any]:
    hints = {k: v for k, v in (item.get("hints") or {}).items() if k in _HINTS}
    c = classify(item["title"], item.get("description", ""), **hints)
    return {
        "kind": c.kind, "attendance_mode": c.attendance_mode,
        "cost_class": cost_class(c.is_free, c.sliding_scale),
        "audience": frozenset(c.audience),
        # the set labels only scheduled/cancelled; a postponement without date is "cancelled"
        "status": "cancelled" if c.status in ("cancelled", "postponed") else "scheduled",
        "accepting_members": c.accepting_members,
        "cost": (_num(c.cost_min), _num(c.cost_max)),
    }


@dataclass
class ClassScore:
    tp: int = 0
    predicted: int = 0
    labelled: int = 0


Pair = tuple[dict[str, Any], dict[str, Any]]


def class_scores(pairs: Sequence[Pair], name: str) -> dict[str, ClassScore]:
    scores = {c: ClassScore() for c in CLASSES[name]}
    for want, got in pairs:
        w, g = want[name], got[name]
        if name == "audience":
            for code in w:
                scores[code].labelled += 1
            for code in g:
                scores[code].predicted += 1
            for code in w & g:
                scores[code].tp += 1
        else:
            scores[w].labelled += 1
            scores[g].predicted += 1
            scores[w].tp += w == g
    return scores


def macro(scores: dict[str, ClassScore]) -> tuple[float, float]:
    precisions = [s.tp / s.predicted if s.predicted else 0.0
                  for s in scores.values() if s.predicted or s.labelled]
    recalls = [s.tp / s.labelled for s in scores.values() if s.labelled]
    p = sum(precisions) / len(precisions) if precisions else 1.0
    r = sum(recalls) / len(recalls) if recalls else 1.0
    return p, r


def pairs_for(items: list[dict[str, Any]], split: str) -> list[Pair]:
    return [(expected(i), predicted(i)) for i in items if i["split"] == split]


def summarise(pairs: Sequence[Pair]) -> dict[str, Any]:
    """Macro P/R with bootstrap intervals and exact-match accuracy per field (JSON-friendly)."""
    out: dict[str, Any] = {"n": len(pairs)}
    for name in CLASSES:
        p, r = macro(class_scores(pairs, name))
        (plo, phi), (rlo, rhi) = bootstrap(
            pairs, lambda sample, field=name: macro(class_scores(sample, field)))
        exact = sum(w[name] == g[name] for w, g in pairs)
        out[name] = {"macro_p": [p, plo, phi], "macro_r": [r, rlo, rhi],
                     "exact": exact}
    out["cost"] = {"exact": sum(w["cost"] == g["cost"] for w, g in pairs)}
    return out


def _ci(values: Sequence[float]) -> str:
    return f"{values[0]:.3f} [{values[1]:.3f}, {values[2]:.3f}]"


def _acc(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{k / n if n else 1.0:.3f} [{lo:.3f}, {hi:.3f}] ({k}/{n})"


def summary_table(summary: dict[str, Any], target: float | None = None) -> list[str]:
    n = summary["n"]
    lines = ["| field | macro precision [95% CI] | macro recall [95% CI] | "
             "exact-match accuracy [95% CI] (k/n) |" + (" meets target |" if target else ""),
             "|---|---|---|---|" + ("---|" if target else "")]
    for name in CLASSES:
        s = summary[name]
        row = f"| {name} | {_ci(s['macro_p'])} | {_ci(s['macro_r'])} | {_acc(s['exact'], n)} |"
        if target:
            ok = min(s["macro_p"][0], s["macro_r"][0]) >= target
            row += (" yes |" if ok else " **no** |") if name in HEADLINE else " (not a target) |"
        lines.append(row)
    lines.append(f"| cost range (min, max) | | | {_acc(summary['cost']['exact'], n)} |"
                 + (" (not a target) |" if target else ""))
    return lines


def per_class_table(pairs: Sequence[Pair]) -> list[str]:
    lines = ["| field | class | labelled | predicted | correct | precision [95% Wilson] | "
             "recall [95% Wilson] |", "|---|---|---|---|---|---|---|"]
    for name in CLASSES:
        for cls, s in class_scores(pairs, name).items():
            if not (s.labelled or s.predicted):
                continue
            p = (f"{s.tp / s.predicted:.3f} [{wilson(s.tp, s.predicted)[0]:.3f}, "
                 f"{wilson(s.tp, s.predicted)[1]:.3f}]") if s.predicted else "— (none predicted)"
            r = (f"{s.tp / s.labelled:.3f} [{wilson(s.tp, s.labelled)[0]:.3f}, "
                 f"{wilson(s.tp, s.labelled)[1]:.3f}]") if s.labelled else "— (none labelled)"
            lines.append(f"| {name} | {cls} | {s.labelled} | {s.predicted} | {s.tp} | {p} | {r} |")
    return lines


def balance_table(items: list[dict[str, Any]]) -> list[str]:
    lines = ["| field | class | dev | test |", "|---|---|---|---|"]
    for name in CLASSES:
        for cls in CLASSES[name]:
            counts = []
            for split in SPLITS:
                wants = [expected(i)[name] for i in items if i["split"] == split]
                counts.append(sum(cls in w for w in wants) if name == "audience"
                              else sum(w == cls for w in wants))
            lines.append(f"| {name} | {cls} | {counts[0]} | {counts[1]} |")
    return lines


def load_before() -> dict[str, Any] | None:
    return json.loads(BEFORE.read_text(encoding="utf-8")) if BEFORE.exists() else None


def record_before(items: list[dict[str, Any]], note: str) -> None:
    data = {"note": note, **{split: summarise(pairs_for(items, split)) for split in SPLITS}}
    BEFORE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def dev_errors(items: list[dict[str, Any]], *, verbose: bool = False) -> list[str]:
    """Misses on the dev split only (test is scored, never printed). With `verbose`: the text,
    the hints and the classifier's `why` for each field that missed."""
    lines = []
    for item in items:
        if item["split"] != "dev":
            continue
        want, got = expected(item), predicted(item)
        misses = [name for name in (*CLASSES, "cost") if want[name] != got[name]]
        if not misses:
            continue
        if not verbose:
            for name in misses:
                lines.append(f"{item['id']} {name}: want {_show(want[name])!r} "
                             f"got {_show(got[name])!r} | {item['title'][:70]}")
            continue
        why = _why(item)
        lines.append(f"== {item['id']} | {item['title']}")
        lines.append(f"   text: {item.get('description', '')[:400]}")
        if item.get("hints"):
            lines.append(f"   hints: {item['hints']}")
        if item.get("label_note"):
            lines.append(f"   label_note: {item['label_note']}")
        for name in misses:
            lines.append(f"   {name}: gold {_show(want[name])!r} predicted {_show(got[name])!r}"
                         f" | why: {why.get(name, '-')}")
    return lines


def _show(value: Any) -> Any:
    return sorted(value) if isinstance(value, frozenset) else value


def _why(item: dict[str, Any]) -> dict[str, str]:
    hints = {k: v for k, v in (item.get("hints") or {}).items() if k in _HINTS}
    return classify(item["title"], item.get("description", ""), **hints).why


TARGET = 0.92


def render_section(items: list[dict[str, Any]]) -> list[str]:
    """The independent-set part of docs/quality.md (headline: the test split)."""
    dev, test = pairs_for(items, "dev"), pairs_for(items, "test")
    test_summary, dev_summary = summarise(test), summarise(dev)
    before = load_before()
    out = [
        "## Independent set (text nobody here wrote)",
        "",
        f"`tests/data/classify_independent.jsonl`: {len(items)} real public texts (association "
        "calendars, supervisor and consult-group pages, community event feeds, practice pages), "
        "labelled by `docs/labelling.md` by a labeller who had not read the rules; provenance, "
        "licence notes and every label correction in `tests/data/classify_independent_SOURCES.md`. "
        f"Fixed split by sha1(id): dev {len(dev)}, test {len(test)}. Rules were tuned on dev "
        "misses only (`python -m tools.classify_quality --split dev` prints dev only); "
        "test items were never printed. Test-split aggregates were computed four times: for "
        "the \"before\" baseline (`--record-before`, stored in `tools/classify_before.json`), "
        "after the first round of dev fixes (macro P/R kind 0.865/0.865, attendance_mode "
        "0.746/0.779, cost_class 0.827/0.899, audience 0.817/0.784), after a second round "
        "(kind 0.869/0.867, attendance_mode 0.752/0.785, cost_class 0.851/0.903, audience "
        "0.857/0.784), and after a third round of dev fixes (the tables below: the fourth "
        "look); no rule changed after a measurement, and nothing in a later round was chosen "
        "from an earlier round's test numbers beyond knowing which fields were below target "
        "(the third round also took classes from the labelling guideline's own examples). "
        "Five dev labels were corrected by the written guideline "
        "(`tests/data/classify_independent_RELABELLED.md`).",
        "",
        "**Methodology.** Each field is scored per class, one-vs-rest: precision = correct / "
        "predicted, recall = correct / labelled, each with a 95% Wilson interval. Macro "
        "precision/recall = unweighted mean over classes (`unknown` is a class: it is a real "
        "label here, \"the text gives no evidence\"), with a 95% percentile bootstrap over items "
        "(1000 resamples, seed 14). A class labelled but never predicted counts precision 0; a "
        "class predicted but never labelled counts in precision only. `audience` is multi-label: "
        "one decision per code. `cost_class` is sliding (sliding_scale) / free / paid "
        "(is_free false) / unknown. `status` maps postponed to cancelled (the set's convention). "
        "Exact-match accuracy uses a Wilson interval.",
        "",
        "**Limits, stated plainly.** The set is 67% `other`, mostly title-only 2015/2018 city "
        "feed events; therapist classes are small (see the balance table), so per-class "
        "intervals are wide and one item moves a small class's recall by several points. "
        "Every cancelled item is in test; `sliding` has 2 dev and 1 test item; "
        "`accepting_members` has 10 non-`unknown` labels in all. One labeller.",
        "",
        f"### Test split (held out) — target: macro precision and recall >= {TARGET} for "
        + ", ".join(HEADLINE),
        "",
        *summary_table(test_summary, TARGET),
        "",
        "### Dev split (tuned on)",
        "",
        *summary_table(dev_summary),
        "",
    ]
    if before:
        out += [f"### Before the fixes of issue 14 ({before['note']})", "",
                "Test split:", "", *summary_table(before["test"]), "",
                "Dev split:", "", *summary_table(before["dev"]), ""]
    out += ["### Per class, test split", "", *per_class_table(test), "",
            "### Per class, dev split", "", *per_class_table(dev), "",
            "### Class balance (labelled items; audience counts codes)", "",
            *balance_table(items), ""]
    return out
