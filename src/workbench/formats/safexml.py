"""Hardened XML input: no external entities, no entity expansion, no network, no DTD
loading. A hostile file (XXE, billion laughs) or a broken one raises a WorkbenchError
naming the file and line; nothing is read from it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused

from workbench.errors import MAX_FILE_BYTES, WorkbenchError, read_bytes

MAX_BYTES = MAX_FILE_BYTES


def parse_xml(data: bytes, *, path: Path | str) -> Element:
    """Parse `data` safely. Entities can only be declared in a DOCTYPE, so a file with
    none (every file we write) goes to the standard C parser, where an undeclared entity
    is an error; any other file goes through defusedxml, which refuses every entity
    declaration and external reference. A plain `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` is
    allowed and never loaded. (UTF-16 input, whose NUL bytes could hide a DOCTYPE from
    the check, always takes the defusedxml path.)"""
    if len(data) > MAX_BYTES:
        raise WorkbenchError(f"is larger than {MAX_BYTES // 2**20} MB", path=path,
                             fix="split the file")
    try:
        if b"<!DOCTYPE" not in data and b"\x00" not in data:
            root = ElementTree.fromstring(data, parser=ElementTree.XMLParser())
        else:
            root = defused.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                      forbid_external=True)
    except DefusedXmlException as exc:
        raise WorkbenchError(
            f"refused: the file declares entities or external references ({type(exc).__name__})",
            path=path,
            fix="remove the <!DOCTYPE …> entity declarations; workbench never expands "
            "entities or loads external files") from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise WorkbenchError(f"is not well-formed XML: {exc}", path=path, line=line,
                             fix="repair the file (or export it again) and retry") from None
    if b"XInclude" in data or b"\x00" in data:  # (UTF-16 hides the name from this test)
        _refuse_xinclude(root, data, path)
    return root


_XINCLUDE_NS = ("{http://www.w3.org/2001/XInclude}", "{http://www.w3.org/2003/XInclude}")


def _refuse_xinclude(root: Element, data: bytes, path: Path | str) -> None:
    """XInclude asks the reader to pull in another file (`<xi:include href=…/>`): like
    an external entity, refused, never silently dropped or followed."""
    for element in root.iter():
        _refuse_xinclude_element(element, data, path)


def _refuse_xinclude_element(element: Element, data: bytes, path: Path | str) -> None:
    if isinstance(element.tag, str) and element.tag.startswith(_XINCLUDE_NS):
        found = re.search(rb"<(?:[\w.-]+:)?include[\s/>]", data)
        line = data[:found.start()].count(b"\n") + 1 if found else None
        raise WorkbenchError(
            "refused: the file uses XInclude (<include>), which would pull in other "
            "files", path=path, line=line,
            fix="remove the XInclude elements; workbench never loads external files")


def check_well_formed(data: bytes, *, path: Path | str) -> None:
    """Refuse `data` unless it is well-formed XML with no DOCTYPE, building no tree (what
    a caller that reads the file's parts by itself needs to know first)."""
    if b"<!DOCTYPE" in data:
        raise WorkbenchError("has a <!DOCTYPE>, which a working file never has", path=path)
    parser = expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise WorkbenchError(f"is not well-formed XML: {exc}", path=path, line=exc.lineno,
                             fix="repair the file (or restore it from git) and retry") from None


def iterparse_xml(data: bytes, *, path: Path | str) -> Iterator[tuple[str, Element]]:
    """("start"|"end", element) events of `data`, parsed as safely as `parse_xml` (for
    large files: the caller clears what it has read)."""
    if len(data) > MAX_BYTES:
        raise WorkbenchError(f"is larger than {MAX_BYTES // 2**20} MB", path=path,
                             fix="split the file")
    check = b"XInclude" in data or b"\x00" in data
    try:
        for event, element in defused.iterparse(io.BytesIO(data), events=("start", "end"),
                                                forbid_dtd=False, forbid_entities=True,
                                                forbid_external=True):
            if check and event == "start":
                _refuse_xinclude_element(element, data, path)
            yield event, element
    except DefusedXmlException as exc:
        raise WorkbenchError(
            f"refused: the file declares entities or external references ({type(exc).__name__})",
            path=path, fix="remove the <!DOCTYPE …> entity declarations") from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise WorkbenchError(f"is not well-formed XML: {exc}", path=path, line=line,
                             fix="repair the file (or export it again) and retry") from None


def read_xml(path: Path) -> Element:
    return parse_xml(read_bytes(path), path=path)


def local(tag: str) -> str:
    """`{namespace}name` → `name`."""
    return tag.rsplit("}", 1)[-1]


NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_NEEDS_ESCAPE = re.compile("[&<>\r]")


def escape_text(text: str) -> str:
    """Escape for element content; `\\r` kept as a reference so it survives parsing."""
    if not _NEEDS_ESCAPE.search(text):
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def escape_attr(text: str) -> str:
    return (escape_text(text).replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\t", "&#9;"))


_SPECIAL = re.compile("[&<>\r]|[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Replace characters XML 1.0 cannot carry (in metadata) by U+FFFD."""
    return NOT_XML_CHAR.sub("\ufffd", text)


def text_content(text: str) -> str:
    """`escape_text(clean(text))`, fast when there is nothing to do (the usual case)."""
    if not _SPECIAL.search(text):
        return text
    return escape_text(clean(text))
