"""Dictated text in British spelling: "behavior" becomes "behaviour", "mom" becomes "mum".

Why: the speech model (Whisper) writes American spelling, but a record in a British council is
written in British English, and the worker did not choose those spellings - the model did. Typed
text is only underlined (the worker chose it); dictated text is put right as it arrives.

How: a word the British dictionary does not know is tried against the regular American-to-British
changes (-or/-our, -er/-re, -ize/-ise, -yze/-yse, -og/-ogue, -ense/-ence, -eled/-elled...) and takes
the first form the dictionary does know, so "size" or "meter" (British words already) are never
touched. A short list covers the rest ("mom", "pediatric", "gray"). Without a dictionary, only that
list applies. Case is kept: "Color" becomes "Colour".
"""

from __future__ import annotations

import re

from wvisit.writing.spelling import SpellChecker

# Words no regular change turns into British English, or that the change would get wrong.
BRITISH = {
    "mom": "mum",
    "moms": "mums",
    "mommy": "mummy",
    "momma": "mum",
    "pediatric": "paediatric",
    "pediatrician": "paediatrician",
    "pediatricians": "paediatricians",
    "gray": "grey",
    "pajamas": "pyjamas",
    "jewelry": "jewellery",
    "mold": "mould",
    "cozy": "cosy",
    "diarrhea": "diarrhoea",
    "anemia": "anaemia",
    "fetus": "foetus",
    "maneuver": "manoeuvre",
    "enroll": "enrol",
    "enrollment": "enrolment",
    "fulfill": "fulfil",
    "fulfillment": "fulfilment",
    "skillful": "skilful",
    "willful": "wilful",
    "installment": "instalment",
    "aluminum": "aluminium",
    "plow": "plough",
    "curb": "kerb",
}

# (American ending, British ending), tried in order on a word the dictionary does not know.
_ENDINGS = (
    ("izations", "isations"),
    ("ization", "isation"),
    ("izing", "ising"),
    ("ized", "ised"),
    ("izes", "ises"),
    ("izer", "iser"),
    ("ize", "ise"),
    ("yzing", "ysing"),
    ("yzed", "ysed"),
    ("yzes", "yses"),
    ("yze", "yse"),
    ("ors", "ours"),
    ("ored", "oured"),
    ("oring", "ouring"),
    ("orful", "ourful"),
    ("orite", "ourite"),
    ("orites", "ourites"),
    ("orable", "ourable"),
    ("or", "our"),
    ("ers", "res"),
    ("er", "re"),
    ("ogs", "ogues"),
    ("og", "ogue"),
    ("enses", "ences"),
    ("ense", "ence"),
    ("eled", "elled"),
    ("eling", "elling"),
    ("eler", "eller"),
    ("elers", "ellers"),
    ("aled", "alled"),
    ("aling", "alling"),
)

_WORD = re.compile(r"[A-Za-z]+")


def to_british(text: str, checker: SpellChecker | None) -> str:
    """`text` with American spellings made British (see the module's docstring); the rest unchanged."""
    return _WORD.sub(lambda match: _british_word(match.group(), checker), text)


def _british_word(word: str, checker: SpellChecker | None) -> str:
    lower = word.lower()
    if lower in BRITISH:
        return _same_case(word, BRITISH[lower])
    if checker is None or len(word) < 4 or checker.knows(word):
        return word
    for american, british in _ENDINGS:
        if lower.endswith(american):
            candidate = lower[: -len(american)] + british
            if checker.knows(candidate):
                return _same_case(word, candidate)
    return word


def _same_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
