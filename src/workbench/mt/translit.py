"""Romanisation of Russian names by BGN/PCGN 1947 (the US/UK standard for geographic names).

Used for street and place names in letterhead addresses, where an English reader needs
a name they can write on an envelope, not a translation. Rules, as in the standard:
е/ё are written ye/yë at the start of a word and after a vowel, й, ъ or ь; ь and ъ are
written ’ and ”. The optional middle dot (t·s, sh·ch) is left out.
"""

from __future__ import annotations

BGN_PCGN_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "”", "ы": "y", "ь": "’", "э": "e", "ю": "yu",
    "я": "ya",
}
IOTATED_AFTER = set("аеёиоуыэюяйъь")  # after these (and word-initially) е → ye, ё → yë
STANDARD = "BGN/PCGN 1947 (Russian)"


def _letter(prev: str, ch: str) -> str:
    low = ch.lower()
    if low in "её" and (not prev or not prev.isalpha() or prev.lower() in IOTATED_AFTER):
        return "ye" if low == "е" else "yë"
    return BGN_PCGN_RU.get(low, ch)


def _word(word: str) -> str:
    all_caps = len([c for c in word if c.isalpha()]) > 1 and word.isupper()
    out: list[str] = []
    prev = ""
    for ch in word:
        latin = _letter(prev, ch)
        if ch.isupper():
            latin = latin.upper() if all_caps else latin[:1].upper() + latin[1:]
        out.append(latin)
        prev = ch
    return "".join(out)


def romanize_ru(text: str) -> str:
    """Romanise Cyrillic in `text` word by word; everything else is kept as is.

    >>> romanize_ru("Малый Сухаревский")
    'Malyy Sukharevskiy'
    """
    out: list[str] = []
    word: list[str] = []
    for ch in text:
        if ch.isalpha():
            word.append(ch)
            continue
        if word:
            out.append(_word("".join(word)))
            word = []
        out.append(ch)
    if word:
        out.append(_word("".join(word)))
    return "".join(out)
