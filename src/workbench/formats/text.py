"""The English of a document as plain text, in the original layout (letterhead, title,
body, signatures), built by replacing spans of the original file.

- Paired document: the English file is the template. A unit whose English differs from
  its target segments replaces their span; a unit with English but no target segment is
  inserted after the previous unit's English: in its own paragraph when its source
  starts a block (a letterhead line, a title, a new paragraph), else in the running
  paragraph; untouched text stays byte-for-byte.
- Russian-only document: the Russian file is the template; each unit's span becomes its
  English, untranslated units keep their Russian (counted, so the caller can warn).
- Furniture blocks (comment forms, pingbacks…) are dropped unless `keep_furniture`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.align.units import join_segments
from workbench.model import BlockKind, Document, Side, Unit


@dataclass
class TextExport:
    text: str
    untranslated: list[str]  # ids of units with no English
    layout: str = "target"  # whose layout the text follows: "target" or "source"


def _span(side: Side, indices: list[int]) -> tuple[int, int]:
    segs = [side.segments[i] for i in indices]
    return min(s.start for s in segs), max(s.end for s in segs)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping (start, end, replacement) edits; later overlaps are skipped."""
    out, pos = [], 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _source_block(doc: Document, unit: Unit, *, first: bool) -> int | None:
    """The block of the unit's first (or last) source segment, None without one."""
    if doc.source is None or not unit.src or max(unit.src) >= len(doc.source.segments):
        return None
    return doc.source.segments[unit.src[0] if first else unit.src[-1]].block


def _break_after(text: str, pos: int) -> str:
    """The line break the template has at `pos` (a paragraph's "\n\n" or a line's
    "\n"), to set inserted English apart the way the text sets its parts apart."""
    run = text[pos:pos + 8]
    stripped = run.lstrip(" \t")
    newlines = len(stripped) - len(stripped.lstrip("\n"))
    return "\n\n" if newlines >= 2 or newlines == 0 else "\n"


def document_text(doc: Document, units: list[Unit], *, keep_furniture: bool = False) -> TextExport:
    use_target = doc.target is not None and (doc.source is None or any(u.tgt for u in units))
    side = doc.target if use_target else doc.source
    if side is None:
        return TextExport(text="", untranslated=[u.id for u in units])
    edits: list[tuple[int, int, str]] = []
    untranslated: list[str] = []
    last_end = 0
    last_block: int | None = None  # the source block of the previous unit's last segment
    for unit in units:
        block = _source_block(doc, unit, first=True)
        english = unit.target_text.strip()
        indices = unit.tgt if use_target else unit.src
        if indices and max(indices) < len(side.segments):
            start, end = _span(side, indices)
            original = join_segments(side.segments, indices)
            if not english and not use_target:
                untranslated.append(unit.id)
            elif not english and use_target:
                if not unit.source_in_target:  # keep an untranslated letterhead as it is
                    edits.append((start, end, ""))
                untranslated.append(unit.id)
            elif not (use_target and english == original):
                edits.append((start, end, english))
            last_end = end
        elif english:
            own = last_end == 0 or block is None or block != last_block
            if last_end == 0:
                edits.append((0, 0, english + _break_after(side.text, 0)))
            else:
                sep = _break_after(side.text, last_end) if own else " "
                edits.append((last_end, last_end, sep + english))
        else:
            untranslated.append(unit.id)
        end_block = _source_block(doc, unit, first=False)
        if end_block is not None:
            last_block = end_block
    if not keep_furniture:
        edits += [(b.start, b.end, "") for b in side.blocks if b.kind is BlockKind.FURNITURE]
    text = _apply(side.text, edits)
    if not keep_furniture and any(b.kind is BlockKind.FURNITURE for b in side.blocks):
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
        text = text.rstrip() + ("\n" if side.text.endswith("\n") else "")
    return TextExport(text=text, untranslated=untranslated,
                      layout="target" if use_target else "source")
