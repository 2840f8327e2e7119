"""The domain recognizers: each a small, Presidio-free class, text in, explained findings out
(see ``base``). ``registry`` holds the default set; ``names`` and ``context`` group them.

:func:`display_name` turns a recognizer id as stored in a span ("korean_names",
"presidio:SpacyRecognizer", "linking") into the short label a reviewer reads ("Korean name").
"""

from __future__ import annotations

# Reviewer-facing labels, one per recognizer id a span can carry. Ids never change (they are
# stored in redaction logs); these labels may.
DISPLAY_NAMES: dict[str, str] = {
    "korean_names": "Korean name",
    "chinese_names": "Chinese name",
    "russian_names": "Russian name",
    "korean_cyrillic": "Korean name in Cyrillic",
    "russian_places": "Russian address or body",
    "other_names": "Other name",
    "kinship": "Name by kinship or title",
    "participants": "Participant or speaker",
    "initials": "Initials",
    "nicknames": "Nickname or pseudonym",
    "proper_nouns": "Unknown proper noun",
    "places": "Place",
    "camps": "Camp or detention site",
    "contacts": "Phone or messenger contact",
    "quasi": "Indirect identifier",
    "ages": "Age",
    "ids": "Document or case number",
    "addresses": "Address",
    "handles": "Online handle",
    "protected-term": "Protected term",
    "linking": "Another mention",
    "reviewer": "Added by a reviewer",
    # Presidio's recognizers (the statistical model and its pattern rules)
    "presidio:SpacyRecognizer": "Language model",
    "presidio:PhoneRecognizer": "Phone number",
    "presidio:DateRecognizer": "Date",
    "presidio:EmailRecognizer": "E-mail address",
    "presidio:OfflineEmailRecognizer": "E-mail address",
    "presidio:UrlRecognizer": "Web address",
    "presidio:IpRecognizer": "IP address",
    "presidio:IbanRecognizer": "Bank account (IBAN)",
    "presidio:CreditCardRecognizer": "Card number",
    "presidio:CryptoRecognizer": "Crypto wallet",
    "presidio:MacAddressRecognizer": "Device address",
    "presidio:UuidRecognizer": "Identifier",
}


def display_name(recognizer_id: str) -> str:
    """The short label a reviewer reads for a recognizer id; never raises.

    >>> display_name("korean_names")
    'Korean name'
    >>> display_name("presidio:UsSsnRecognizer")
    'Us ssn (pattern)'
    """
    known = DISPLAY_NAMES.get(recognizer_id)
    if known is not None:
        return known
    raw = recognizer_id.removeprefix("presidio:")
    if raw != recognizer_id:  # an unlisted Presidio recognizer: "UsSsnRecognizer"
        words = _split_camel(raw.removesuffix("Recognizer")) or "Presidio"
        return f"{words} (pattern)"
    words = raw.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Unknown"


def _split_camel(name: str) -> str:
    out: list[str] = []
    for char in name:
        if char.isupper() and out:
            out.append(" ")
        out.append(char.lower())
    text = "".join(out).strip()
    return text[:1].upper() + text[1:]
