"""XLIFF 1.2 export and import: the version OmegaT, memoQ and Trados take. Import also
reads XLIFF 1.0 and 1.1 (the same vocabulary, other namespaces or none).

States map: initial → `needs-translation`, translated → `translated`, reviewed →
`signed-off` (approved="yes"), final → `final` (approved="yes"), rejected →
`needs-review-translation` with the reason in a note. Our extra data (state, the export
fingerprint) rides in `extradata`, which the strict schema allows, so the export is
valid XLIFF 1.2 strict. A job (`job=True`) carries the source text in every `<target>`
too: OmegaT 3.6 translates what is in `<target>`, and other tools start from a copy
of the source; the English we have goes along as an `<alt-trans>`.

Inline codes go out as the elements they came in as (`g`, `x`, `bx`/`ex`, `bpt`/`ept`,
`ph`, `it`, `mrk`); segments of a unit as `<seg-source>` with `<mrk mtype="seg">`.
A unit with characters XML 1.0 cannot carry is left out, with a note saying so.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.formats.import_model import FileInfo, ImportedUnit, form_hash
from workbench.formats.markup import CodeTable, read_content, write_content
from workbench.formats.safexml import NOT_XML_CHAR, clean, escape_attr, escape_text, local
from workbench.formats.xlf_content import spacing_matters
from workbench.inline import BREAK, InlineCode, placeholder, split_segments
from workbench.model import State, Unit, WorkingFile

NS = "urn:oasis:names:tc:xliff:document:1.2"
NAMESPACES = (NS, "urn:oasis:names:tc:xliff:document:1.1", "urn:oasis:names:tc:xliff:document:1.0",
              "")

TO_12 = {State.INITIAL: "needs-translation", State.TRANSLATED: "translated",
         State.REVIEWED: "signed-off", State.FINAL: "final",
         State.REJECTED: "needs-review-translation"}
FROM_12 = {"new": State.INITIAL, "needs-translation": State.INITIAL,
           "translated": State.TRANSLATED, "signed-off": State.REVIEWED, "final": State.FINAL,
           "needs-review-translation": State.TRANSLATED, "needs-review-l10n": State.TRANSLATED,
           "needs-review-adaptation": State.TRANSLATED, "needs-l10n": State.TRANSLATED,
           "needs-adaptation": State.TRANSLATED}


def state_12(unit: Unit, job: bool = False) -> str:
    if job:
        return "needs-translation"
    return TO_12[unit.state] if unit.target_text else "needs-translation"


def form_12(unit: Unit, job: bool = False) -> tuple[str, str]:
    """The unit as an XLIFF 1.2 export shows it: (target state, target text)."""
    return state_12(unit, job), (unit.source_text if job else unit.target_text)


def unwritable(unit: Unit) -> str | None:
    """Why a unit cannot go into XLIFF 1.2 (or TMX): a character XML 1.0 cannot carry."""
    for side, text in (("source", unit.source_text), ("English", unit.target_text)):
        found = NOT_XML_CHAR.search(text)
        if found:
            return (f"its {side} has U+{ord(found.group()):04X}, which XML 1.0 cannot carry "
                    "(export XLIFF 2.1, which carries it as <cp>)")
    return None


def _text(text: str, codes: Sequence[InlineCode], tag: str, lang: str, extra: str = "") -> str:
    space = ' xml:space="preserve"' if spacing_matters(text) else ""
    return f'<{tag} xml:lang="{lang}"{extra}{space}>{write_content(text, codes, "x12")}</{tag}>'


def _segmented(text: str, codes: Sequence[InlineCode]) -> str:
    out = []
    for n, (part, before) in enumerate(split_segments(text, codes), start=1):
        if before is not None:
            out.append(escape_text(before.data))
        out.append(f'<mrk mtype="seg" mid="{n}">{write_content(part, codes, "x12")}</mrk>')
    return "".join(out)


def _unit(unit: Unit, src_lang: str, tgt_lang: str, job: bool) -> list[str]:
    approved = "yes" if unit.state in (State.REVIEWED, State.FINAL) and not job else "no"
    base = form_hash(form_12(unit, job))
    extradata = f"workbench state={unit.state.value} base={base}" + (" job" if job else "")
    lines = [f'      <trans-unit id="{escape_attr(unit.id)}" approved="{approved}" '
             f'xml:space="preserve" extradata="{extradata}">',
             f"        {_text(unit.source_text, unit.codes, 'source', src_lang)}"]
    segmented = any(c.kind == BREAK for c in unit.codes)
    if segmented:
        lines.append(f'        <seg-source>{_segmented(unit.source_text, unit.codes)}'
                     "</seg-source>")
    target = unit.source_text if job else unit.target_text
    if target:
        state = f' state="{state_12(unit, job)}"'
        if segmented:
            lines.append(f'        <target xml:lang="{tgt_lang if not job else src_lang}"'
                         f'{state}>{_segmented(target, unit.codes)}</target>')
        else:
            lines.append(f"        {_text(target, unit.codes, 'target', tgt_lang, state)}")
    for note in unit.notes:
        lines.append(f"        <note>{escape_text(clean(note))}</note>")
    if unit.state is State.REJECTED and unit.reject_reason:
        lines.append(f'        <note from="workbench" annotates="target">rejected: '
                     f"{escape_text(clean(unit.reject_reason))}</note>")
    if job and unit.target_text:
        lines.append('        <alt-trans origin="workbench">'
                     f"{_text(unit.target_text, unit.codes, 'target', tgt_lang)}</alt-trans>")
    lines.append("      </trans-unit>")
    return lines


def write_xliff12(files: Sequence[WorkingFile], *, job: bool = False) -> tuple[str, list[str]]:
    """The XLIFF 1.2 text and notes on units left out."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<xliff version="1.2" xmlns="{NS}">']
    notes = []
    for wf in files:
        out.append(f'  <file original="{escape_attr(wf.doc_id)}" '
                   f'source-language="{wf.source_lang}" target-language="{wf.target_lang}" '
                   'datatype="plaintext">')
        out.append(f'    <header><tool tool-id="workbench" tool-name="workbench" '
                   f'tool-version="{__version__}"/></header>')
        out.append("    <body>")
        for unit in wf.units:
            why = unwritable(unit)
            if why is not None:
                notes.append(f"{wf.doc_id} {unit.id} left out: {why}")
                continue
            out += _unit(unit, wf.source_lang, wf.target_lang, job)
        out += ["    </body>", "  </file>"]
    out.append("</xliff>")
    return "\n".join(out) + "\n", notes


# ---------------------------------------------------------------- reading


def is_xliff1(root: Element) -> bool:
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    return local(root.tag) == "xliff" and namespace in NAMESPACES and (
        (root.get("version") or "1.").startswith("1.") or namespace != "")


def _extradata(tu: Element) -> dict[str, str]:
    words = (tu.get("extradata") or "").split()
    if not words or words[0] != "workbench":
        return {}
    pairs = (w.partition("=") for w in words[1:])
    return {key: value for key, _, value in pairs}


def _segments(element: Element | None, table: CodeTable, ns: str) -> list[str] | None:
    """The `<mrk mtype="seg">` parts of a seg-source or target, or None if it has none."""
    if element is None:
        return None
    marks = [m for m in element if local(m.tag) == "mrk" and m.get("mtype") == "seg"]
    if not marks:
        return None
    return [read_content(m, table, "x12") for m in marks]


def _joined(parts: list[str], gaps: list[str], table: CodeTable, mids: list[str]) -> str:
    text = parts[0]
    for n in range(1, len(parts)):
        code = InlineCode(BREAK, mids[n] if n < len(mids) else str(n + 1), "x12:seg",
                          gaps[n] if n < len(gaps) else "")
        index = next((i for i, c in enumerate(table.codes) if c == code), None)
        if index is None:
            table.codes.append(code)
            index = len(table.codes) - 1
        text += placeholder(index) + parts[n]
    return text


def _gaps(element: Element) -> tuple[list[str], list[str]]:
    gaps, mids, last_tail = [], [], ""
    for m in element:
        if local(m.tag) == "mrk" and m.get("mtype") == "seg":
            gaps.append(last_tail)
            mids.append(m.get("mid") or "")
            last_tail = m.tail or ""
    return gaps, mids


def read_xliff12(root: Element, *, path: Path | str) -> list[ImportedUnit]:
    """Units of a parsed XLIFF 1.0/1.1/1.2 document."""
    if not is_xliff1(root):
        raise WorkbenchError("is not an XLIFF 1.x file", path=path)
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    q = (lambda name: f"{{{ns}}}{name}") if ns else (lambda name: name)
    result = []
    for file_el in root.iter(q("file")):
        tool = file_el.find(f"{q('header')}/{q('tool')}")
        info = FileInfo(doc_id=file_el.get("original") or "",
                        source_lang=file_el.get("source-language") or "",
                        target_lang=file_el.get("target-language") or "",
                        tool=(f"{tool.get('tool-name') or tool.get('tool-id') or ''} "
                              f"{tool.get('tool-version') or ''}".strip() if tool is not None
                              else file_el.get("tool") or file_el.get("tool-id") or ""),
                        original=file_el.get("original") or "")
        for tu in file_el.iter(q("trans-unit")):
            extra = _extradata(tu)
            if extra:
                info.ours = True
            result.append(_trans_unit(tu, q, info, extra))
    return result


def _trans_unit(tu: Element, q, info: FileInfo, extra: dict[str, str]) -> ImportedUnit:
    table = CodeTable()
    seg_source = tu.find(q("seg-source"))
    target_el = tu.find(q("target"))
    parts = _segments(seg_source, table, "")
    if parts is not None and seg_source is not None:
        gaps, mids = _gaps(seg_source)
        source = _joined(parts, gaps, table, mids)
    else:
        source = read_content(tu.find(q("source")), table, "x12")
    tparts = _segments(target_el, table, "")
    if tparts is not None and target_el is not None:
        gaps, mids = _gaps(target_el)
        target = _joined(tparts, gaps, table, mids)
    else:
        target = read_content(target_el, table, "x12")
    raw = target_el.get("state", "") if target_el is not None else ""
    job = "job" in extra
    state = FROM_12.get(raw)
    if job and target == source and raw == "needs-translation":
        target = ""  # the copy of the source we sent: not translated there
    if state is None or (state is State.INITIAL and target.strip() and not job):
        state = State.TRANSLATED if target.strip() else State.INITIAL
    if state is State.INITIAL and target.strip():
        state = State.TRANSLATED  # English came back in a unit sent as "to translate"
    if tu.get("approved") == "yes" and state not in (State.REVIEWED, State.FINAL):
        state = State.REVIEWED
    reason = ""
    notes = []
    for note in tu.findall(q("note")):
        text = "".join(note.itertext())
        if note.get("from") == "workbench" and text.startswith("rejected: "):
            reason = text[len("rejected: "):]
        else:
            notes.append(text)
    if raw == "needs-review-translation" and extra.get("state") == State.REJECTED.value:
        state = State.REJECTED
    if not target.strip():
        state = State.INITIAL
    written = source if job and not target else target
    return ImportedUnit(
        doc_id=info.doc_id, unit_id=tu.get("id") or "", source=source, target=target,
        state=state, form=(raw or "needs-translation", written), base=extra.get("base"),
        reject_reason=reason, codes=tuple(table.codes), notes=tuple(notes), job=job,
        file=info)
