"""Kind words: what a name says about the kind of body or place it names, for entity keys.

An organisation word (a legal form, "Bureau", "Company", "Trading", "Seafood", a capitalised
"Centre" after a name that is not a place...) makes a written name an organisation whatever a
model guessed. A camp's name is read as three parts: its name ("Tavan Bogd"), its kind in one
canonical word (``IDC`` = "immigration detention centre" = "detention centre"; ``jipkyulso`` =
"holding centre" = "collection centre"; "Camp" and "prison camp" are the generic kind) and its
number ("No. 9", "9", "#9"), so every way of writing one camp gives one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redact.detect.recognizers.camps import HANGUL_CAMP_KINDS
from redact.detect.recognizers.gazetteer import fold_key, gazetteer
from redact.detect.recognizers.proper_nouns import is_common_word
from redact.text.search import compact, fold, strip_possessive
from redact.text.variants import fold as variants_fold
from redact.text.variants import word_set

GENERIC = "camp"  # the kind of "Camp 9", "prison camp": any camp
COMMON_NAME_WORD = 4.0  # Zipf: "Cross-check" before "Camp 9" is an English word, not a name

# A leading article or demonstrative is no part of a place's, camp's or organisation's name:
# "the Qingdao" is Qingdao, "the same 8th brigade" is the 8th brigade.
ARTICLE = re.compile(r"^(?:(?:the|this|that)\s+)?(?:same\s+)?", re.IGNORECASE)

# Camp kinds in the usual romanisations and in English, each read as one canonical word; the
# first kind of a name is its kind ("X Bowibu holding centre" is the X Bowibu).
_KINDS = (
    ("idc", r"(?:immigration\s+)?detention\s+(?:centre|center|facility)|idc"),
    (
        "jipkyulso",
        r"(?:holding|collection)\s+(?:centre|center|point)|(?:j|ch)ipky[uo]lso|jipgyeolso",
    ),
    ("kyohwaso", r"kyo-?hwa-?so|gyohwaso|re-?education\s+camp"),
    ("kwanliso", r"kwanliso|kwalliso|gwalliso|gwanriso|political\s+prison\s+camp"),
    (
        "danryondae",
        r"(?:(?:rodong|nodong)\s+)?da(?:nry|lly)e?ondae|labou?r\s+training\s+(?:camp|unit|centre"
        r"|center)",
    ),
    ("kuryujang", r"kuryujang|guryujang|police\s+cells"),
    ("bowibu", r"bowibu(?:\s+cells)?"),
    ("anjeonbu", r"anj[eo]o?nbu"),
    (GENERIC, r"(?:(?:labou?r|prison)\s+)?camp|prison"),
)
_KIND = re.compile("|".join(rf"(?P<{k}>\b(?:{p})\b)" for k, p in _KINDS))
_NUMBER = re.compile(r"(?:\bno\.?\s*|\bnumber\s+|#\s*)?\b(\d{1,3})\b(?!\s*(?:st|nd|rd|th)\b)")
# Words that say where or whose a camp is, not which: "the Pyolsan county Bowibu" is the Pyolsan
# Bowibu, "Chilbo border detention centre" the Chilbo detention centre.
_CAMP_NOISE = word_set(
    "the a an this that same county district city border immigration provincial state police of"
)


@dataclass(frozen=True)
class CampName:
    name: str  # its letters without kind, number and noise words ("" when it has none)
    kind: str  # canonical kind word ("" when none is written)
    number: str  # "" when none

    def key_body(self) -> str:
        return f"{self.name}{self.kind}{self.number}"


_HANGUL_KIND = re.compile("|".join(HANGUL_CAMP_KINDS))
_HO = re.compile(r"(?:제\s?)?(\d{1,3})\s?호|\b(\d{1,3})-?ho\b")  # 제31호, 14-ho: number 31, 14


def _korean_read(surface: str) -> str:
    """A camp written in Korean with its kind and number in romanized words ("제31호 교화소" is
    "No. 27 kyohwaso"), so that it keys as the camp written in Latin letters does."""
    read = _HANGUL_KIND.sub(lambda m: f" {HANGUL_CAMP_KINDS[m.group()]} ", surface)
    return _HO.sub(lambda m: f" No. {m.group(1) or m.group(2)} ", read)


def camp_name(surface: str) -> CampName:
    """A camp's name, kind and number ("the No. 9 camp" is (``""``, ``camp``, ``9``))."""
    folded = fold(ARTICLE.sub("", strip_possessive(_korean_read(surface))))
    kinds = list(_KIND.finditer(folded))
    kind = next((k for k, v in kinds[0].groupdict().items() if v), "") if kinds else ""
    rest = _KIND.sub(" ", folded)
    numbers = _NUMBER.findall(rest)
    rest = _NUMBER.sub(" ", rest)
    words = [w for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", rest) if w not in _CAMP_NOISE]
    if numbers and kind:  # "Cross-check Camp 9": an everyday word before kind + number
        while words and all(is_common_word(p, COMMON_NAME_WORD) for p in words[0].split("-")):
            words.pop(0)
    return CampName(compact(" ".join(words)), kind, numbers[0] if numbers else "")


def camp_key_body(surface: str) -> str:
    """The letters of a camp's key: name, canonical kind, number; "" when it has no kind."""
    camp = camp_name(surface)
    return camp.key_body() if camp.kind else ""


# A legal form says what kind of body, not which: "Sodam Foods Co., Ltd." is Sodam Foods,
# "OOO Zarya-Stroy" (in Cyrillic too) is Zarya-Stroy.
_LEGAL_FORM = re.compile(
    r"^(?:ooo|zao|oao|pao|ao|tov)\s+|[\s,]+(?:co\.?,?\s*ltd\.?|co\.?|ltd\.?|llc|inc\.?|"
    r"corp\.?|company limited|limited|gmbh|llp|pte\.?(?:\s*ltd\.?)?)$"
)


# A word and a preposition before the name are no part of it: "Intake at Sunrise Centre"
_LEAD = re.compile(r"^[A-Z][a-z]+\s+(?:at|from|via|by)\s+(?=[A-Z])")


def org_words(surface: str) -> list[str]:
    """An organisation's words in Latin letters (Cyrillic transliterated), its legal form and
    a leading article left out; a word-final y read as i ("Stroy", from Cyrillic "Stroi")."""
    folded = variants_fold(ARTICLE.sub("", _LEAD.sub("", strip_possessive(surface))))
    bare = _LEGAL_FORM.sub("", folded.strip()).strip() or folded
    return re.findall(r"[^\W_]+", re.sub(r"y\b", "i", bare))


def org_letters(surface: str) -> str:
    """An organisation's letters (see :func:`org_words`)."""
    return "".join(org_words(surface))


_LEGAL = re.compile(r"(?:\bCo\.|\bLtd\b|\bLLC\b|\bInc\.|\bCorp\.|\bGmbH\b|\bPLC\b|\bJSC\b)")
# Head words in any case ("the Sunrise legal clinic"), and words that name a body only when
# written capitalised, as part of its name ("Pyolsan Mine"; "the Pyolsan copper mine" is a place)
_ANY_CASE = re.compile(
    r"\b(?i:bureau|company|corporation|enterprise|association|clinic|church|mission|"
    r"cooperative)\b"
)
_CAPITALISED = re.compile(
    r"\b(?:Mine|Factory|Processing|Trading|Seafood|Foods|Construction|Union|Logistics|"
    r"Fisheries)\b"
)
_CENTRE = re.compile(r"(\S+)\s+(?:Centre|Center)\b")


def organisation_word(surface: str) -> str:
    """The word that makes a written name an organisation ("Bureau", "Co."), or ""; never in a
    camp's name ("detention centre"), a known place's, or a name with no name word in it."""
    if camp_key_body(surface) or fold_key(surface) in gazetteer():
        return ""
    found = _LEGAL.search(surface) or _ANY_CASE.search(surface) or _CAPITALISED.search(surface)
    centre = _CENTRE.search(surface)
    if not found and centre and fold_key(centre.group(1)) not in gazetteer():
        found = centre
    if not found:
        return ""
    word = found.group().split()[-1]
    named = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", surface[: found.start()])]
    return word if any(w[0].isupper() for w in named) else ""
