"""Inline markup ⇄ placeholders, for the three vocabularies we exchange: XLIFF 1.x
(`x`, `g`, `bx`/`ex`, `bpt`/`ept`, `ph`, `it`, `mrk`), XLIFF 2 (`ph`, `pc`, `sc`/`ec`,
`mrk`, `sm`/`em`, `cp`) and TMX (`bpt`/`ept`, `ph`, `it`, `ut`, `hi`).

Reading turns each code into a placeholder character (`workbench.inline`) and records
where it came from (`x12:g`, `x2:pc`, `tmx:bpt` …) with its id, attributes and native
data; writing gives a code back as the same element when the format has it, else as
the nearest equivalent (a pair as `g`/`pc`/`hi` when it is well nested, else as
begin/end codes). A target's codes are matched to the source's by kind and id.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from workbench.formats.safexml import escape_attr, escape_text, local
from workbench.inline import BREAK, CLOSE, OPEN, STANDALONE, InlineCode, index_of, placeholder

XML_NS = "{http://www.w3.org/XML/1998/namespace}"

# local name → (kind, has native data inside, attribute that pairs open and close)
_X12 = {"x": (STANDALONE, False, ""), "ph": (STANDALONE, True, ""),
        "it": (STANDALONE, True, ""), "bx": (OPEN, False, "rid"), "ex": (CLOSE, False, "rid"),
        "bpt": (OPEN, True, "rid"), "ept": (CLOSE, True, "rid")}
_X2 = {"ph": (STANDALONE, False, ""), "sc": (OPEN, False, ""), "ec": (CLOSE, False, "startRef"),
       "sm": (OPEN, False, ""), "em": (CLOSE, False, "startRef")}
_TMX = {"ph": (STANDALONE, True, ""), "it": (STANDALONE, True, ""), "ut": (STANDALONE, True, ""),
        "bpt": (OPEN, True, "i"), "ept": (CLOSE, True, "i")}
_WRAPPERS = {"x12": ("g", "mrk"), "x2": ("pc", "mrk"), "tmx": ("hi",)}
TABLES = {"x12": _X12, "x2": _X2, "tmx": _TMX}
# XLIFF 2 attributes the writer sets itself (ids and references into originalData)
_X2_OWN = ("id", "startRef", "dataRef", "dataRefStart", "dataRefEnd")


class CodeTable:
    """The codes of one unit while its texts are read: the source adds codes, the target
    re-uses the source's (same kind, element and id) and adds only what is new."""

    def __init__(self, codes: Sequence[InlineCode] = ()) -> None:
        self.codes: list[InlineCode] = list(codes)
        self._used: set[int] = set()
        self._wrapped = 0
        self.data: dict[str, str] = {}  # XLIFF 2 originalData: id → native code

    def start_text(self) -> None:
        self._used = set()
        self._wrapped = 0

    def add(self, code: InlineCode) -> str:
        for i, known in enumerate(self.codes):
            if i not in self._used and (known.kind, known.element, known.pair or known.id) == (
                    code.kind, code.element, code.pair or code.id):
                self._used.add(i)
                return placeholder(i)
        self.codes.append(code)
        self._used.add(len(self.codes) - 1)
        return placeholder(len(self.codes) - 1)

    def next_wrapper_id(self) -> str:
        self._wrapped += 1
        return str(self._wrapped)


def _attrs(element: Element, skip: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((local(k) if not k.startswith(XML_NS) else "xml:" + local(k), v)
                 for k, v in element.attrib.items() if local(k) not in skip)


def inner_xml(element: Element) -> str:
    """The content of an element as XML text (native code data keeps its `<sub>`s)."""
    parts = [escape_text(element.text or "")]
    for child in element:
        tail, child.tail = child.tail, None
        parts.append(ElementTree.tostring(child, encoding="unicode"))
        child.tail = tail
        parts.append(escape_text(tail or ""))
    return "".join(parts)


def read_content(element: Element | None, table: CodeTable, vocab: str) -> str:
    """The text of `<source>`/`<target>`/`<seg>` with placeholders for its codes."""
    if element is None:
        return ""
    table.start_text()
    return _walk(element, table, vocab)


def _walk(element: Element, table: CodeTable, vocab: str) -> str:
    parts = [element.text or ""]
    codes = TABLES[vocab]
    for child in element:
        name = local(child.tag)
        if vocab == "x2" and name == "cp":
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except ValueError:
                parts.append("\ufffd")
        elif name in codes:
            kind, has_data, pair_attr = codes[name]
            ident = child.get("id") or child.get("i") or child.get("x") or ""
            if vocab == "x2" and name in ("ec", "em") and child.get("startRef"):
                ident = child.get("startRef", "")
            pair = (child.get(pair_attr) or ident) if kind != STANDALONE else ""
            data = inner_xml(child) if has_data else ""
            ref = child.get("dataRef")
            if vocab == "x2" and ref:
                data = table.data.get(ref, "")
            skip = _X2_OWN if vocab == "x2" else ("id",)
            parts.append(table.add(InlineCode(kind, ident, f"{vocab}:{name}", data,
                                              _attrs(child, skip), pair)))
        elif name in _WRAPPERS[vocab] or (vocab == "x12" and name == "sub"):
            ident = child.get("id") or child.get("mid") or child.get("x") or \
                f"w{table.next_wrapper_id()}"
            attrs = _attrs(child, _X2_OWN if vocab == "x2" else ("id",))
            data_open = table.data.get(child.get("dataRefStart", ""), "")
            data_close = table.data.get(child.get("dataRefEnd", ""), "")
            parts.append(table.add(InlineCode(OPEN, ident, f"{vocab}:{name}", data_open,
                                              attrs, ident)))
            parts.append(_walk(child, table, vocab))
            parts.append(table.add(InlineCode(CLOSE, ident, f"{vocab}:{name}", data_close,
                                              (), ident)))
        else:  # an element we do not know: keep its text
            parts.append(_walk(child, table, vocab))
        parts.append(child.tail or "")
    return "".join(parts)


# ---------------------------------------------------------------- writing


def nested_pairs(text: str, codes: Sequence[InlineCode]) -> dict[int, int]:
    """Positions of the opening codes whose closing code follows in `text` with proper
    nesting: open position → close position (these can be written as `g`/`pc`/`hi`)."""
    stack: list[tuple[int, str]] = []
    spans: dict[int, int] = {}
    broken = False
    for pos, ch in enumerate(text):
        i = index_of(ch, codes)
        if i is None:
            continue
        code = codes[i]
        if code.kind == OPEN:
            stack.append((pos, code.pair))
        elif code.kind == CLOSE:
            if stack and stack[-1][1] == code.pair:
                spans[stack.pop()[0]] = pos
            elif any(p == code.pair for _, p in stack):
                broken = True
    return {} if broken else spans


def x2_ids(codes: Sequence[InlineCode]) -> list[str]:
    """The XLIFF 2 `id` of each code (a pair shares one; unique in the unit): an XLIFF 2
    code keeps its own, others get one from their element and id."""
    ids: list[str] = []
    taken: set[str] = set()
    by_pair: dict[str, str] = {}
    for code in codes:
        if code.kind == CLOSE and code.pair in by_pair:
            ids.append(by_pair[code.pair])
            continue
        vocab, name = code.element.split(":", 1) if ":" in code.element else ("", code.element)
        base = code.id if vocab == "x2" and code.id else f"{name}{code.id}"
        base = "".join(c if c.isalnum() or c in "-_." else "_" for c in base) or "c"
        if not base[0].isalpha() and base[0] != "_":
            base = "c" + base
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        ids.append(ident)
        if code.kind == OPEN:
            by_pair[code.pair] = ident
    return ids


def _native_text(data: str) -> str:
    """Native code data (XML content) as plain text."""
    if "<" not in data and "&" not in data:
        return data
    try:
        return "".join(ElementTree.fromstring(f"<d>{data}</d>").itertext())
    except ElementTree.ParseError:
        return html.unescape(data)


def data_for(code: InlineCode, vocab: str) -> str:
    """A code's native data as element content of `vocab`: as read when it came from
    that vocabulary, else its text, escaped."""
    if not code.data:
        return ""
    if code.element.startswith(vocab + ":"):
        return code.data
    return escape_text(_native_text(code.data))


def _attr_text(pairs: Sequence[tuple[str, str]], allowed: Sequence[str] | None = None) -> str:
    return "".join(f' {k}="{escape_attr(v)}"' for k, v in pairs
                   if allowed is None or k in allowed)


def write_content(text: str, codes: Sequence[InlineCode], vocab: str, *,
                  escape=escape_text) -> str:
    """`text` as element content of `vocab` with its codes as markup. `escape` escapes
    the plain runs (XLIFF 2 passes one that writes `<cp>`)."""
    if not codes or not any(index_of(ch, codes) is not None for ch in text):
        return escape(text)
    spans = nested_pairs(text, codes)
    closing = {close: open_ for open_, close in spans.items()}
    ids = x2_ids(codes) if vocab == "x2" else []
    out: list[str] = []
    run: list[str] = []
    pair_no: dict[str, int] = {}
    for pos, ch in enumerate(text):
        i = index_of(ch, codes)
        if i is None or codes[i].kind == BREAK:
            run.append(ch if i is None else codes[i].data)
            continue
        out.append(escape("".join(run)))
        run = []
        code = codes[i]
        if vocab == "x2":
            out.append(_x2(code, i, ids[i], pos in spans, pos in closing))
        elif vocab == "x12":
            out.append(_x12(code, pos in spans, pos in closing))
        else:
            out.append(_tmx(code, pos in spans, pos in closing, pair_no))
    out.append(escape("".join(run)))
    return "".join(out)


def _x2(code: InlineCode, index: int, ident: str, opens: bool, closes: bool) -> str:
    name = code.element.split(":", 1)[-1]
    own = code.element.startswith("x2:")
    extra = _attr_text(code.attrs) if own else ""
    ref = f' dataRef="d{index + 1}"' if code.data else ""
    if code.kind == STANDALONE:
        return f'<ph id="{ident}"{ref}{extra}/>'
    wrap = "mrk" if name in ("mrk", "sm", "em") else "pc"
    if opens:
        start = f' dataRefStart="d{index + 1}"' if code.data else ""
        return f'<{wrap} id="{ident}"{start}{extra if name in ("pc", "mrk") else ""}>'
    if closes:
        return f"</{wrap}>"
    start_tag, end_tag = ("sm", "em") if wrap == "mrk" else ("sc", "ec")
    if code.kind == OPEN:
        return f'<{start_tag} id="{ident}"{ref}{extra if name == start_tag else ""}/>'
    return f'<{end_tag} startRef="{ident}"{ref}/>'


def _x12(code: InlineCode, opens: bool, closes: bool) -> str:
    vocab, name = code.element.split(":", 1) if ":" in code.element else ("", code.element)
    own = vocab == "x12"
    extra = _attr_text(code.attrs) if own else ""
    ident = escape_attr(code.id or "1")
    data = data_for(code, "x12")
    if code.kind == STANDALONE:
        if own and name in ("x", "ph", "it"):
            return f'<{name} id="{ident}"{extra}>{data}</{name}>' if name != "x" else \
                f'<x id="{ident}"{extra}/>'
        if vocab == "tmx" and name == "it":
            pos = code.attr("pos", "begin")
            return f'<it id="{ident}" pos="{"open" if pos == "begin" else "close"}">{data}</it>'
        return f'<ph id="{ident}">{data}</ph>' if data else f'<x id="{ident}"/>'
    if opens and (name in ("g", "pc", "hi") or (name == "mrk" and own)):
        tag = "mrk" if name == "mrk" else "g"
        if tag == "mrk" and not code.attr("mtype"):
            extra += ' mtype="x-workbench"'
        return f'<{tag} id="{ident}"{extra}>' if tag == "g" else f"<mrk{extra}>"
    if closes and (name in ("g", "pc", "hi") or (name == "mrk" and own)):
        return "</mrk>" if name == "mrk" else "</g>"
    pair = escape_attr(code.pair or code.id or "1")
    if data or name in ("bpt", "ept"):
        tag = "bpt" if code.kind == OPEN else "ept"
        return f'<{tag} id="{ident}"{extra if name == tag else ""}>{data}</{tag}>'
    tag = "bx" if code.kind == OPEN else "ex"
    rid = extra if own and name == tag else f' rid="{pair}"'
    return f'<{tag} id="{ident}"{rid}/>'


def _tmx(code: InlineCode, opens: bool, closes: bool, pair_no: dict[str, int]) -> str:
    vocab, name = code.element.split(":", 1) if ":" in code.element else ("", code.element)
    own = vocab == "tmx"
    data = data_for(code, "tmx")
    if code.kind == STANDALONE:
        if own and name in ("ph", "it", "ut"):
            return f"<{name}{_attr_text(code.attrs)}>{data}</{name}>"
        if name == "it":
            pos = code.attr("pos", "open")
            return f'<it pos="{"begin" if pos == "open" else "end"}">{data}</it>'
        return f'<ph x="{escape_attr(code.id or "1")}">{data}</ph>' if code.id.isdigit() \
            else f"<ph>{data}</ph>"
    if own and name == "hi" and (opens or closes):
        return f"<hi{_attr_text(code.attrs)}>" if opens else "</hi>"
    if own and name in ("bpt", "ept"):
        return f"<{name}{_attr_text(code.attrs)}>{data}</{name}>"
    number = pair_no.setdefault(code.pair or code.id, len(pair_no) + 1)
    tag = "bpt" if code.kind == OPEN else "ept"
    return f'<{tag} i="{number}">{data}</{tag}>'
