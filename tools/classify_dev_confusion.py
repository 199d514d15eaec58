"""Dev-split confusion per field of the independent set (test is never read here).

    python -m tools.classify_dev_confusion

Rows are the gold class, columns the predicted one; `audience` is multi-label, so its table
counts per code: labelled, predicted, correct. Use with `python -m tools.classify_quality
--split dev` (the misses with their text and `why`) to group misses into classes of errors.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tools.classify_independent import CLASSES, class_scores, expected, load, macro, predicted


def dev_pairs(items: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(expected(i), predicted(i)) for i in items if i["split"] == "dev"]


def confusion_lines(pairs: list[tuple[dict[str, Any], dict[str, Any]]], name: str) -> list[str]:
    p, r = macro(class_scores(pairs, name))
    lines = [f"## {name} (dev macro P {p:.3f} R {r:.3f})"]
    if name == "audience":
        lines.append("code | labelled | predicted | correct")
        for code, s in class_scores(pairs, name).items():
            lines.append(f"{code} | {s.labelled} | {s.predicted} | {s.tp}")
        return lines
    classes = CLASSES[name]
    cells = Counter((w[name], g[name]) for w, g in pairs)
    lines.append("gold \\ predicted | " + " | ".join(classes))
    for gold in classes:
        lines.append(f"{gold} | " + " | ".join(str(cells[gold, c]) for c in classes))
    return lines


def main() -> None:
    pairs = dev_pairs(load())
    out: list[str] = [f"dev items: {len(pairs)}"]
    for name in CLASSES:
        out += ["", *confusion_lines(pairs, name)]
    print("\n".join(out))


if __name__ == "__main__":
    main()
