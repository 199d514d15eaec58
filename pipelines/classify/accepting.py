"""Whether a consult group or supervisor takes new members: open | waitlist | closed | unknown.

Only meaningful for consult groups and supervision (labelling §6); every other kind is `unknown`.
A waitlist wins over "full" ("currently full — email to join the waitlist" is `waitlist`).
"""

from __future__ import annotations

import re

from pipelines.classify.text import fold

ACCEPTING = ("open", "waitlist", "closed", "unknown")
APPLIES_TO = ("consult_group", "supervision")

_WAITLIST = re.compile(r"\b(wait ?list(ed)?|waiting list|taking names|lista de espera)\b")
_CLOSED = re.compile(
    r"\b((currently|is|are|group is|now) (full|closed)|at (full )?capacity|no (current )?"
    r"openings|closed (group|to new members)|not (currently )?accepting|no longer accepting|"
    r"(is|are) not taking|not taking (new )?(supervisees|members|clients))\b")
_OPEN = re.compile(
    r"\b((now|currently) accepting|accepting (new )?(supervisees|members|consultees|"
    r"participants|applications|associates|interns)|openings? (available|for)|has openings|"
    r"have openings|(spots?|seats?|spaces?) (available|open|left|remaining)|now enrolling|"
    r"enrolling now|new members welcome|join us|open to new members|taking new (supervisees|"
    r"members))\b")
_ROSTER_YES = ("yes", "y", "true", "1", "open", "accepting")
_ROSTER_NO = ("no", "n", "false", "0", "closed", "full", "not accepting")


def explain_accepting(text: str, *, kind: str, roster_value: object = None) -> tuple[str, str]:
    """(accepting_members, why) from the listing text and a roster "accepting" column."""
    if kind not in APPLIES_TO:
        return "unknown", f"not asked of kind {kind}"
    if roster_value is not None and str(roster_value).strip():
        value = fold(str(roster_value)).strip()
        if "wait" in value:
            return "waitlist", f"roster accepting column {roster_value!r}"
        if value in _ROSTER_YES:
            return "open", f"roster accepting column {roster_value!r}"
        if value in _ROSTER_NO:
            return "closed", f"roster accepting column {roster_value!r}"
    folded = fold(text)
    if m := _WAITLIST.search(folded):
        return "waitlist", f"waitlist ({m.group(0)!r})"
    if m := _CLOSED.search(folded):
        return "closed", f"full or closed ({m.group(0)!r})"
    if m := _OPEN.search(folded):
        return "open", f"accepting ({m.group(0)!r})"
    return "unknown", "nothing said about openings"
