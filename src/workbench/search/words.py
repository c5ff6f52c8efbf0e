"""Words as the concordance compares them: the glossary's tokens and folding (case, ё/е,
Latin look-alikes in Cyrillic words), and, for lemma search, every lemma the
language's morphology proposes (pymorphy3 for Russian; the folded word elsewhere)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workbench.glossary.lemmas import KEYERS, keyer_for
from workbench.glossary.tokens import fold, tokenize


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return [fold(t.text) for t in tokenize(text)]


def lemma_keys(word: str, lang: str) -> tuple[str, ...]:
    """Every lemma of a (folded) word in `lang`, the word itself included."""
    return keyer_for(lang)(word)


def has_morphology(lang: str) -> bool:
    """Whether words of `lang` have lemmas other than themselves (else lemma search is
    word search)."""
    return lang in KEYERS


def indexed(text: str, lang: str) -> tuple[str, str]:
    """The text as the index stores it: its folded words, and every lemma of every word
    ("" for a language without morphology), each separated by spaces."""
    folded = words(text)
    if not has_morphology(lang):
        return " ".join(folded), ""
    keyer = keyer_for(lang)
    return " ".join(folded), " ".join(key for word in folded for key in keyer(word))


def spans(text: str, wanted: Sequence[frozenset[str]], lang: str | None) -> list[tuple[int, int]]:
    """[start, end) offsets of the words of `text` that match a query word: a word
    matches when its keys (the folded word, or its lemmas when `lang` is given) meet
    one of the `wanted` key sets. Neighbouring hits separated only by spaces or
    punctuation are joined into one span, so a phrase is highlighted as one."""
    if not wanted:
        return []
    keyer = keyer_for(lang) if lang else None
    every = frozenset().union(*wanted)
    found: list[tuple[int, int]] = []
    for token in tokenize(text):
        folded = fold(token.text)
        keys: Iterable[str] = keyer(folded) if keyer is not None else (folded,)
        if not every.isdisjoint(keys):
            if found and not text[found[-1][1]:token.start].strip(" ,-–—'’\"«»"):
                found[-1] = (found[-1][0], token.end)
            else:
                found.append((token.start, token.end))
    return found


def in_order(text: str, wanted: Sequence[frozenset[str]], lang: str) -> bool:
    """Whether the text has the query words next to each other, in order (each word by
    any of its lemmas)."""
    if not wanted:
        return False
    keyer = keyer_for(lang)
    keys = [frozenset(keyer(w)) for w in words(text)]
    n = len(wanted)
    return any(all(not keys[i + j].isdisjoint(wanted[j]) for j in range(n))
               for i in range(len(keys) - n + 1))
