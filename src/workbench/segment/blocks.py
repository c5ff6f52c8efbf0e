"""Typing logical lines: letterhead, title, addressee, body, signature, signatories,
web furniture; then grouping them into blocks.

The passes run in order of certainty: furniture (patterns, and everything after a
comment-section marker), the letterhead at the top, the signature at the end, a run of
signatory lines, then the head (titles and salutations before the first body line).
"""

from __future__ import annotations

import re

from workbench.model import Block, BlockKind
from workbench.segment.lines import LIST_MARKER, TERMINAL, Line
from workbench.segment.rules import BlockRules, all_rules

K = BlockKind

TICKER = re.compile(r"^(?:[•·*-]\s*)?[A-Z]{3,5}\s+\d+(?:[.,]\d+)?(?:\s+[+-]\d+(?:[.,]\d+)?%?)?$")
RUN_TOGETHER = re.compile(r"[^\W\d_]{30,}")  # a logo or menu whose words lost their spaces
EMAIL = re.compile(r"\S@\S|\S\.@")
PHONE = re.compile(r"(?:\+\d{1,3}\s?)?\(?\d{3,5}\)?[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2}\b")
POSTCODE = re.compile(r"^\d{5,6}\b|,\s*\d{6}\s*,")
URL = re.compile(r"https?://|\bwww\.", re.I)
ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})\.?$")
PLACE = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s[^\W\d_][\w'’.-]*){0,2},$")


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def _words(text: str) -> list[str]:
    return text.split()


def is_contact(norm: str, rules: BlockRules) -> bool:
    """Address, phone, fax, e-mail or web lines (any language), or a line whose letters are
    all gone (what is left of a letterhead after non-ASCII was stripped)."""
    if EMAIL.search(norm) or URL.search(norm) or POSTCODE.search(norm):
        return True
    if PHONE.search(norm) and len(_words(norm)) <= 12:
        return True
    if any(r.contact_words.search(norm) for r in all_rules(rules)) and len(_words(norm)) <= 15:
        return True
    return _letters(norm) == 0 and len(norm.strip()) >= 3 and not ROMAN.match(norm)


def _is_caps(norm: str) -> bool:
    letters = [c for c in norm if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


# Web furniture comes in short lines; longer ones are not matched against the patterns.
FURNITURE_MAX = 300


def is_furniture(line: Line, rules: BlockRules) -> bool:
    norm = line.norm
    if line.forced_furniture or len(norm) > FURNITURE_MAX:
        return line.forced_furniture
    if TICKER.match(norm) or RUN_TOGETHER.search(norm):
        return True
    return any(r.furniture.search(norm) for r in all_rules(rules))


def _ends_sentence(norm: str) -> bool:
    return bool(re.search(r"[.;](?:[\"')\]]|\*\*)*$", norm))


_INNER_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+([^\W\d_])")


def _is_body_line(line: Line) -> bool:
    """Prose: ends in a full stop, or is long, or holds more than one sentence."""
    norm = line.norm
    return (_ends_sentence(norm) or len(norm) > 300
            or any(m.group(1).isupper() for m in _INNER_BOUNDARY.finditer(norm)))


def _is_name_like(norm: str) -> bool:
    """A short line such as a party name: few words, starts with a capital, no final
    sentence punctuation."""
    body = LIST_MARKER.sub("", norm, count=1)
    words = _words(body)
    first = next((c for c in body if c.isalpha()), "")
    return (0 < len(words) <= 12 and first.isupper() and not TERMINAL.search(body)
            and not body.endswith(","))


def classify(lines: list[Line], rules: BlockRules) -> list[BlockKind]:
    """The block kind of each logical line."""
    n = len(lines)
    kinds: list[BlockKind | None] = [None] * n
    every = all_rules(rules)

    # 1. Web furniture: line patterns, and everything after a comment-section marker.
    for i, line in enumerate(lines):
        if is_furniture(line, rules):
            kinds[i] = K.FURNITURE
    for i, line in enumerate(lines):
        if i > 0 and any(r.furniture_tail.match(line.norm) for r in every):
            for j in range(i, n):
                kinds[j] = K.FURNITURE
            break
    # A trailing list of short bullet items (categories, tags) is furniture.
    end = n
    while end > 0 and kinds[end - 1] is K.FURNITURE:
        end -= 1
    j = end
    while j > 0 and LIST_MARKER.match(lines[j - 1].norm) and len(_words(lines[j - 1].norm)) <= 5:
        j -= 1
    if end - j >= 2:
        for k in range(j, end):
            kinds[k] = K.FURNITURE

    content = [i for i in range(n) if kinds[i] is None]
    if not content:
        return [k or K.FURNITURE for k in kinds]

    # 2. Letterhead: contact lines at the top, with an organisation line just above them.
    pos = 0
    while pos < len(content):
        i = content[pos]
        nxt = content[pos + 1] if pos + 1 < len(content) else None
        organisation = _is_caps(lines[i].norm) or _is_name_like(lines[i].norm)
        if is_contact(lines[i].norm, rules) or (
                organisation and nxt is not None and is_contact(lines[nxt].norm, rules)):
            kinds[i] = K.LETTERHEAD
        else:
            break
        pos += 1
    head_start = pos

    # 3. Signature: from an "On behalf of" line to the end; trailing place/date/position lines.
    rest = content[head_start + 1:]
    for i in rest:
        norm = lines[i].norm
        if (any(r.signature_start.match(norm) for r in every) and len(_words(norm)) <= 30
                and not _ends_sentence(norm)):
            for j in rest:
                if j >= i:
                    kinds[j] = K.SIGNATURE
            break
    for i in reversed(rest):
        if kinds[i] is not None:
            if kinds[i] in (K.SIGNATURE, K.FURNITURE):
                continue
            break
        norm = lines[i].norm
        if (any(r.date_line.match(norm) or r.position.match(norm) for r in every)
                or PLACE.match(norm)) and len(_words(norm)) <= 15:
            kinds[i] = K.SIGNATURE
        else:
            break

    # 4. Head: titles and salutations up to the first line of prose.
    body_started = False
    unclassified = [i for i in content[head_start:] if kinds[i] is None]
    for i in unclassified:
        norm = lines[i].norm
        if any(r.salutation.match(norm) for r in every):
            kinds[i] = K.ADDRESSEE
        elif not body_started:
            if any(r.addressee.match(norm) for r in every) and len(norm) < 400:
                kinds[i] = K.ADDRESSEE
            elif _is_body_line(lines[i]):
                body_started = True
            else:
                kinds[i] = K.TITLE

    # 5. Signatories: a run of three or more short name-like lines after the prose.
    run: list[int] = []
    started = False
    ends: list[int | None] = [*content, None]
    for at in ends:
        if at is not None and kinds[at] is None and started and _is_name_like(lines[at].norm):
            run.append(at)
            continue
        if len(run) >= 3:
            for j in run:
                kinds[j] = K.SIGNATORIES
        run = []
        if at is not None and kinds[at] is None:
            started = True

    # 6. The rest is prose; a lone short line without final punctuation is a sub-heading.
    for i in range(n):
        if kinds[i] is not None:
            continue
        line = lines[i]
        alone = ((i == 0 or lines[i - 1].para != line.para)
                 and (i + 1 == n or lines[i + 1].para != line.para))
        if alone and (ROMAN.match(line.norm) or (_is_name_like(line.norm)
                                                 and len(_words(line.norm)) <= 8)):
            kinds[i] = K.TITLE
        else:
            kinds[i] = K.BODY
    return [k or K.BODY for k in kinds]


# Kinds whose lines form one block across paragraphs (a list, a letterhead, a signature).
_RUNS = {K.LETTERHEAD, K.SIGNATURE, K.SIGNATORIES, K.FURNITURE}


def group_blocks(lines: list[Line], kinds: list[BlockKind]) -> tuple[list[Block], list[int]]:
    """Blocks, and for each line the index of its block."""
    blocks: list[Block] = []
    owner: list[int] = []
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        prev_kind = kinds[i - 1] if i else None
        same = (prev_kind is kind and (kind in _RUNS or lines[i - 1].para == line.para))
        if same:
            last = blocks[-1]
            blocks[-1] = Block(kind, last.start, line.end)
        else:
            blocks.append(Block(kind, line.start, line.end))
        owner.append(len(blocks) - 1)
    return blocks, owner
