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

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused

from workbench.errors import WorkbenchError, read_bytes

MAX_BYTES = 200 * 1024 * 1024


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
            return ElementTree.fromstring(data, parser=ElementTree.XMLParser())
        return defused.fromstring(data, forbid_dtd=False, forbid_entities=True,
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


def iterparse_xml(data: bytes, *, path: Path | str) -> Iterator[tuple[str, Element]]:
    """("start"|"end", element) events of `data`, parsed as safely as `parse_xml` (for
    large files: the caller clears what it has read)."""
    if len(data) > MAX_BYTES:
        raise WorkbenchError(f"is larger than {MAX_BYTES // 2**20} MB", path=path,
                             fix="split the file")
    try:
        yield from defused.iterparse(io.BytesIO(data), events=("start", "end"),
                                     forbid_dtd=False, forbid_entities=True,
                                     forbid_external=True)
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
