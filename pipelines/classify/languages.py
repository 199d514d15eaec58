"""Languages a listing is held in, as ISO 639-1 codes; "en" only when nothing else is said."""

from __future__ import annotations

import re

from pipelines.classify.text import fold

_NAMES: dict[str, str] = {
    "spanish": "es", "espanol": "es", "castellano": "es", "english": "en", "ingles": "en",
    "mandarin": "zh", "chinese": "zh", "cantonese": "zh", "vietnamese": "vi", "korean": "ko",
    "tagalog": "tl", "filipino": "tl", "portuguese": "pt", "portugues": "pt", "french": "fr",
    "russian": "ru", "arabic": "ar", "hindi": "hi", "japanese": "ja", "german": "de",
    "hebrew": "he", "farsi": "fa", "persian": "fa", "haitian creole": "ht", "kreyol": "ht",
    "italian": "it", "somali": "so", "amharic": "am", "ukrainian": "uk", "punjabi": "pa",
    "urdu": "ur", "armenian": "hy", "greek": "el", "turkish": "tr", "bengali": "bn",
}
_LANG = "|".join(sorted(_NAMES, key=len, reverse=True))
_CUES = (
    re.compile(rf"\b(in|en|speak(s|ing)?|fluent in|conducted in|offered in|held in|habla|hablamos|"
               rf"bilingual|bilingue|language[s:]*|idioma[s:]*)\s+(\(?)({_LANG})\b"),
    re.compile(rf"\b({_LANG})[- ](speaking|speakers?|language|bilingual|y|and|/|&)\b"),
    re.compile(rf"\b({_LANG})\s*(/|and|&|y)\s*({_LANG})\b"),
    re.compile(rf"\bbilingual \(({_LANG})"),
    re.compile(rf"\b(practice|practise|learn|improve) (your )?({_LANG})\b"),
    re.compile(r"\b(languages?|idiomas?)\s*:\s*([a-z ,/&]+)"),
)
_SPANISH_WORDS = re.compile(r"\b(de|la|el|los|las|para|con|grupo|consulta|terapeutas|"
                            r"nuestro|mensual|cada|mes|sesion|sesiones|y|en|por|este|esta|"
                            r"del|una|que|ha|sido|reunion|horas|terapia|formacion|taller|costo|"
                            r"gratis|apoyo|modalidad|nos|reunimos|al|sin|padres|ninos)\b")
_ENGLISH_WORDS = re.compile(r"\b(the|and|for|with|of|to|our|each|month|group|is|we)\b")


def classify_languages(text: str) -> list[str]:
    folded = fold(text)
    found: list[str] = []
    for pattern in _CUES:
        for match in pattern.finditer(folded):
            for group in match.groups():
                if not group:
                    continue
                for name, code in _NAMES.items():
                    if re.search(rf"\b{name}\b", group) and code not in found:
                        found.append(code)
    if "se habla espanol" in folded and "es" not in found:
        found.append("es")
    spanish = len(_SPANISH_WORDS.findall(folded))
    english = len(_ENGLISH_WORDS.findall(folded))
    if spanish >= 4 and spanish > 2 * english and "es" not in found:
        found.append("es")
    if not found:
        return ["en"]
    return sorted(found)
