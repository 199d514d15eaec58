"""Clinical modalities and focus areas, from a fixed vocabulary (MODALITIES)."""

from __future__ import annotations

import re

from pipelines.classify.text import fold

# code -> (case-sensitive acronym pattern or None, folded-text pattern or None)
_VOCAB: dict[str, tuple[str | None, str | None]] = {
    "emdr": (r"\bEMDR(IA)?\b", r"\bemdr\b|eye movement desensiti[sz]ation"),
    "dbt": (r"\bDBT\b", r"\bdbt\b|dialectical behavio(u)?r"),
    "cbt": (r"\b(CBT|CBT-I|TF-CBT|CPT)\b", r"\bcbt\b|cognitive[- ]behavio(u)?ral|cognitive processing therapy"),
    "act": (r"\bACT\b(?! (of|on|now|as|like|fast))", r"acceptance (and|&) commitment"),
    "ifs": (r"\bIFS\b", r"internal family systems|\bifs\b|parts work"),
    "play_therapy": (r"\bRPT\b", r"\bplay therap|\bplay-based therap|\bterapia de juego"),
    "couples": (None, r"\bcouples?\b|\bgottman\b|relationship therap|\bmarital therap|\bparejas?\b"),
    "somatic": (None, r"\bsomatic|body[- ]based|polyvagal|somatic experiencing"),
    "psychodynamic": (None, r"psychodynamic|psychoanaly|object relations|\bjungian|relational psychotherapy"),
    "group": (None, r"\bgroup (therapy|psychotherapy|work|facilitation|leaders?|therapists)\b|"
                    r"\b(running|leading|facilitating) groups\b|\bagpa\b|\bterapia de grupo"),
    "trauma": (r"\bPTSD\b", r"\btrauma|\bptsd\b|\bc-ptsd\b|\btrauma-informed|\btrauma"),
    "sandtray": (None, r"\bsand ?tray|\bsandplay"),
    "family": (None, r"(?<!marriage and )(?<!marriage & )(?<!internal )\bfamily (therapy|systems|work|counseling|"
                     r"therapists? (and|who)|constellations?)\b|\bbowen\b|\bstructural family|"
                     r"\bterapia familiar"),
    "art_therapy": (r"\bATR(-BC)?\b", r"\bart therap|\bexpressive arts|\bcreative arts therap"),
    "mindfulness": (r"\bMBSR\b|\bMBCT\b", r"\bmindful(ness)?\b|\bmeditation\b|\batencion plena"),
    "neurofeedback": (None, r"neurofeedback|biofeedback|\bqeeg\b"),
    "gottman": (None, r"\bgottman\b"),
    "sensorimotor": (None, r"sensorimotor"),
    "eft": (r"\bEFT\b|\bEFIT\b", r"emotionally[- ]focused"),
    "narrative": (None, r"\bnarrative therap"),
    "motivational_interviewing": (None, r"motivational interviewing"),
    "perinatal": (r"\bPMH-C\b", r"\bperinatal|\bpostpartum|\bmaternal mental health"),
    "substance_use": (r"\bSUD\b", r"substance (use|abuse)|\baddiction|\brecovery coaching|"
                                 r"\bchemical dependency"),
    "eating_disorders": (None, r"eating disorder|\banorexia|\bbulimia|\bbinge eating"),
    "grief": (None, r"\bgrief\b|\bbereavement|\bduelo\b"),
    "child_adolescent": (None, r"\bchild (and|&) adolescent|\badolescents?\b|\bteens?\b|\bchildren\b|"
                               r"\byouth\b|\bninos\b"),
    "ethics": (None, r"\bethics\b|\bethical\b|\betica\b"),
}
MODALITIES: tuple[str, ...] = tuple(_VOCAB)
_COMPILED = {
    code: (re.compile(acr) if acr else None, re.compile(word) if word else None)
    for code, (acr, word) in _VOCAB.items()
}


def classify_modalities(text: str) -> list[str]:
    folded = fold(text)
    found: list[str] = []
    for code, (acronym, words) in _COMPILED.items():
        if (acronym and acronym.search(text)) or (words and words.search(folded)):
            found.append(code)
    return found
