"""The working file unit by unit: its text cut into the text of each `<unit>`, one unit
read from its text, a file's header read alone.

A three-way merge of a 5,000-unit document compares three files in which nearly every
unit is the same: comparing the units' texts and parsing only those that differ keeps
the merge well under a second, where parsing the three files whole would not. Any file
this cannot cut safely (comments, CDATA, a DOCTYPE, more than one `<file>`) gives None,
and the caller parses it whole with `parse_root`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.formats.safexml import check_well_formed, parse_xml
from workbench.formats.xlf import NS, NS_MDA
from workbench.formats.xlf_read import parse_root, parse_unit
from workbench.model import Unit, WorkingFile

# "<" is escaped in text and attribute values, so outside comments and CDATA (refused
# below) these match tags only.
_UNIT_START = re.compile(r'^[ \t]*<unit\b[^>]*?\bid="([^"&<]*)"', re.MULTILINE)
_UNIT_END = "</unit>"
_SRC_TAG = '<mda:meta type="src">'
_TGT_TAG = '<mda:meta type="tgt">'
_INDICES = re.compile(r"[0-9 ]*")


@dataclass
class UnitTexts:
    """A working file cut into the text before its first unit (`head`), each unit's
    text by id in file order, and the text from `</file>` on (`tail`)."""

    head: str
    units: dict[str, str]
    tail: str


def split_units(data: bytes, *, path: Path | str, check: bool = True) -> UnitTexts | None:
    """The units' texts of a working file, after checking (unless `check` is false) that
    the whole file is well-formed XML; None when its layout is not one this can cut
    (parse it whole instead)."""
    if b"<!DOCTYPE" in data or b"<!--" in data or b"<![CDATA[" in data or \
            data.count(b"<file") != 1 or not data.startswith(b"<?xml"):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if check:
        check_well_formed(data, path=path)
    file_end = text.rfind("</file>")
    stop_at = text.rfind("\n", 0, file_end) + 1
    if file_end < 0 or text[stop_at:file_end].strip(" \t"):
        return None
    units: dict[str, str] = {}
    first = text.find("<unit", 0, stop_at)
    head_end = stop_at if first < 0 else text.rfind("\n", 0, first) + 1
    pos = head_end
    while True:
        start = text.find("<unit", pos, stop_at)
        if start < 0:
            break
        line_start = text.rfind("\n", 0, start) + 1
        if text[pos:line_start].strip() or text[line_start:start].strip(" \t"):
            return None  # something between two units, or a unit not on its own line
        match = _UNIT_START.match(text, line_start)
        close = text.find(_UNIT_END, start)
        if match is None or close < 0 or not match.group(1) or match.group(1) in units:
            return None
        pos = close + len(_UNIT_END)
        units[match.group(1)] = text[line_start:pos]
    if text[pos:stop_at].strip():
        return None
    return UnitTexts(head=text[:head_end], units=units, tail=text[stop_at:])


def read_header(parts: UnitTexts, *, path: Path | str) -> WorkingFile:
    """The working file's document id, languages, version, next id and segmentation
    (no units), read from its head and tail."""
    root = parse_xml((parts.head + parts.tail).encode("utf-8"), path=path)
    files = parse_root(root, path=path)
    if len(files) != 1:
        raise WorkbenchError("should hold exactly one <file>", path=path)
    return files[0][0]


def parse_unit_text(text: str, *, path: Path | str) -> Unit:
    """One unit from its text as the working file holds it."""
    wrapped = (f'<xliff xmlns="{NS}" xmlns:mda="{NS_MDA}" version="2.1"><file id="f">'
               f"{text}</file></xliff>")
    root = parse_xml(wrapped.encode("utf-8"), path=path)
    element = root.find(f"{{{NS}}}file/{{{NS}}}unit")
    if element is None:
        raise WorkbenchError("a unit's text holds no <unit>", path=path)
    return parse_unit(element, path=path).unit


def unit_indices(text: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The unit's source and target segment indices, read from its text without parsing
    it (the unit's own `workbench` group comes first); None when not found."""
    found = []
    for tag in (_SRC_TAG, _TGT_TAG):
        start = text.find(tag)
        end = text.find("<", start + len(tag)) if start >= 0 else -1
        if end < 0:
            return None
        value = text[start + len(tag):end]
        if not _INDICES.fullmatch(value):
            return None
        found.append(tuple(map(int, value.split())))
    return found[0], found[1]
