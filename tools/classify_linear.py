"""Would a small linear model on rules + words beat the rules? Dev-split cross-validation only.

    python -m tools.classify_linear

For kind and attendance_mode: a multinomial logistic regression (numpy, L2, batch gradient
descent) whose features are the rules' own answer (one-hot, so the model can simply agree with
them), the first word of the rules' `why`, hints present, and word tokens of title and text.
Scored by 5-fold cross-validation on the independent set's dev split (macro F1 over classes),
against the rules alone on the same items. The test split is not read here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from pipelines.classify import classify
from pipelines.core.model import ATTENDANCE_MODES, KINDS
from tools.classify_independent import ClassScore, load, macro

FIELDS: dict[str, tuple[str, ...]] = {"kind": KINDS, "attendance_mode": ATTENDANCE_MODES}
FOLDS = 5
_TOKEN = re.compile(r"[a-z][a-z'-]+")
_HINTS = ("location_text", "organizer", "online_url", "categories")


def _rules(item: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    if item["id"] in _RULES:
        return _RULES[item["id"]]
    hints = {k: v for k, v in (item.get("hints") or {}).items() if k in _HINTS}
    c = classify(item["title"], item.get("description", ""), **hints)
    _RULES[item["id"]] = ({"kind": c.kind, "attendance_mode": c.attendance_mode}, c.why)
    return _RULES[item["id"]]


_RULES: dict[str, tuple[dict[str, str], dict[str, str]]] = {}


def features(item: dict[str, Any], field: str) -> list[str]:
    answers, why = _rules(item)
    hints = item.get("hints") or {}
    text = f"{item['title']} {item.get('description', '')}".lower()
    return ([f"rule={answers[field]}", f"why={why.get(field, '').split(' ')[0]}"]
            + [f"hint={k}" for k in _HINTS if hints.get(k)]
            + sorted(set(_TOKEN.findall(text))))


def _matrix(rows: Sequence[list[str]], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(rows), len(vocab) + 1))
    x[:, -1] = 1.0  # bias
    for i, feats in enumerate(rows):
        for f in feats:
            if f in vocab:
                x[i, vocab[f]] = 1.0
    return x


def fit_predict(train: Sequence[tuple[list[str], str]], test: Sequence[list[str]],
                classes: tuple[str, ...], *, l2: float = 1.0, steps: int = 300) -> list[str]:
    counts = Counter(f for feats, _ in train for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= 2))}
    x = _matrix([feats for feats, _ in train], vocab)
    y = np.zeros((len(train), len(classes)))
    for i, (_, label) in enumerate(train):
        y[i, classes.index(label)] = 1.0
    w = np.zeros((x.shape[1], len(classes)))
    for _ in range(steps):
        logits = x @ w
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ (p - y) / len(train) + l2 * w / len(train)
        w -= 0.5 * grad
    scores = _matrix(test, vocab) @ w
    return [classes[int(j)] for j in scores.argmax(axis=1)]


def macro_f1(pairs: Sequence[tuple[str, str]], classes: tuple[str, ...]) -> float:
    scores = {c: ClassScore() for c in classes}
    for want, got in pairs:
        scores[want].labelled += 1
        scores[got].predicted += 1
        scores[want].tp += want == got
    p, r = macro(scores)
    return 2 * p * r / (p + r) if p + r else 0.0


def cross_validate(items: list[dict[str, Any]], l2: float = 1.0
                   ) -> dict[str, tuple[float, float, int]]:
    """field -> (rules macro F1, linear macro F1, decisions changed), over dev folds."""
    dev = [i for i in items if i["split"] == "dev"]
    folds = [dev[k::FOLDS] for k in range(FOLDS)]
    out = {}
    for field, classes in FIELDS.items():
        rules, linear, changed = [], [], 0
        for k, held in enumerate(folds):
            train = [(features(x, field), x["expect"][field])
                     for j, fold in enumerate(folds) if j != k for x in fold]
            guesses = fit_predict(train, [features(x, field) for x in held], classes, l2=l2)
            for x, guess in zip(held, guesses, strict=True):
                rule = _rules(x)[0][field]
                rules.append((x["expect"][field], rule))
                linear.append((x["expect"][field], guess))
                changed += guess != rule
        out[field] = (macro_f1(rules, classes), macro_f1(linear, classes), changed)
    return out


L2_GRID = (1.0, 10.0, 50.0)


def main() -> None:
    items = load()
    for l2 in L2_GRID:
        for field, (rules, linear, changed) in cross_validate(items, l2).items():
            print(f"L2 {l2:g} {field}: rules macro F1 {rules:.3f}, rules + linear model "
                  f"{linear:.3f} ({changed} dev decisions changed, {FOLDS}-fold CV on dev)")


if __name__ == "__main__":
    main()
