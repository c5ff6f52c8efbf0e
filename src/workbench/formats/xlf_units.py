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
from workbench.formats.xlf import NS, NS_MDA, parse_root, parse_unit
from workbench.model import Unit, WorkingFile

# "<" is escaped in text and attribute values, so outside comments and CDATA (refused
# below) these match tags only.
_UNIT_START = re.compile(r'^[ \t]*<unit\b[^>]*?\bid="([^"&<]*)"', re.MULTILINE)
_UNIT_END = "</unit>"
_FILE_END = re.compile(r"^[ \t]*</file>", re.MULTILINE)
_SRC = re.compile(r'<mda:meta type="src">([0-9 ]*)</mda:meta>')
_TGT = re.compile(r'<mda:meta type="tgt">([0-9 ]*)</mda:meta>')


@dataclass
class UnitTexts:
    """A working file cut into the text before its first unit (`head`), each unit's
    text by id in file order, and the text from `</file>` on (`tail`)."""

    head: str
    units: dict[str, str]
    tail: str


def split_units(data: bytes, *, path: Path | str) -> UnitTexts | None:
    """The units' texts of a working file, after checking the whole file is well-formed
    XML; None when its layout is not one this can cut (parse it whole instead)."""
    if b"<!DOCTYPE" in data or b"<!--" in data or b"<![CDATA[" in data or \
            data.count(b"<file") != 1 or not data.startswith(b"<?xml"):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    check_well_formed(data, path=path)
    end_match = _FILE_END.search(text)
    if end_match is None:
        return None
    units: dict[str, str] = {}
    pos = None
    last_end = None
    for match in _UNIT_START.finditer(text, 0, end_match.start()):
        start = match.start()
        if last_end is not None and text[last_end:start].strip():
            return None  # something between two units: not a layout to cut
        close = text.find(_UNIT_END, start)
        if close < 0:
            return None
        stop = close + len(_UNIT_END)
        if match.group(1) in units or not match.group(1):
            return None
        units[match.group(1)] = text[start:stop]
        pos = start if pos is None else pos
        last_end = stop
    if last_end is not None and text[last_end:end_match.start()].strip():
        return None
    head = text[:pos if pos is not None else end_match.start()]
    if "<unit" in head:
        return None
    return UnitTexts(head=head, units=units, tail=text[end_match.start():])


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
    src, tgt = _SRC.search(text), _TGT.search(text)
    if src is None or tgt is None:
        return None
    return tuple(map(int, src.group(1).split())), tuple(map(int, tgt.group(1).split()))
