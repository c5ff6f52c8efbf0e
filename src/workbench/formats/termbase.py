"""Glossaries other tools write, read into concepts with terms per language:
TBX 2008 / TBX-Basic (`<martif>`: termEntry → langSet → tig/ntig), TBX v3 (`<tbx>`,
ISO 30042:2019: conceptEntry → langSec → termSec, data categories as `termNote
type=…` or as dialect elements), OmegaT's tab-separated glossary (source, target,
comment; UTF-8 or UTF-16 with a BOM; `#` comments) and CSV (source, target[, comment]).
Tab-separated and CSV files carry no languages: their columns are taken as the
project's source and target language.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench.errors import WorkbenchError, read_bytes
from workbench.formats.safexml import local, parse_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEPRECATED = ("deprecated", "superseded", "deprecatedTerm-admn-sts",
              "supersededTerm-admn-sts", "notRecommended", "obsolete")


@dataclass
class Term:
    text: str
    lang: str
    status: str = ""  # preferred | admitted | deprecated | ""
    type: str = ""  # termType: abbreviation, acronym, fullForm …


@dataclass
class Concept:
    id: str
    terms: list[Term] = field(default_factory=list)
    subject: str = ""
    notes: list[str] = field(default_factory=list)
    line: int = 0  # line of the file (tab-separated / CSV)


def _status(value: str) -> str:
    value = value.strip()
    if value in DEPRECATED or value.startswith(("deprecated", "superseded")):
        return "deprecated"
    if value.startswith("preferred"):
        return "preferred"
    if value.startswith("admitted"):
        return "admitted"
    return ""


def _data_categories(group: Element) -> tuple[str, str, list[str]]:
    """(status, termType, notes) from termNote/descrip children of a tig/termSec, TBX
    2008 style (`termNote type="administrativeStatus"`) or v3 dialect elements."""
    status = term_type = ""
    notes = []
    for el in group.iter():
        name = local(el.tag)
        kind = el.get("type", "") if name in ("termNote", "descrip", "admin") else name
        value = "".join(el.itertext()).strip()
        if kind in ("administrativeStatus", "normativeAuthorization"):
            status = status or _status(value)
        elif kind == "termType":
            term_type = value
        elif (kind in ("definition", "context", "usageNote") or name == "note") and value:
            notes.append(value)
    return status, term_type, notes


def _texts(owner: Element, names: tuple[str, ...]) -> list[str]:
    return ["".join(el.itertext()).strip() for el in owner
            if (local(el.tag) in names or el.get("type") in names)
            and "".join(el.itertext()).strip()]


def read_tbx(root: Element, *, path: Path | str) -> list[Concept]:
    """Concepts of a TBX 2008 (`martif`) or TBX v3 (`tbx`) document."""
    name = local(root.tag)
    if name not in ("martif", "tbx"):
        raise WorkbenchError(f"is not TBX (root <{name}>)", path=path)
    entry_tag, lang_tag, term_tags = (("termEntry", "langSet", ("tig", "ntig"))
                                      if name == "martif" else
                                      ("conceptEntry", "langSec", ("termSec",)))
    concepts = []
    for n, entry in enumerate((e for e in root.iter() if local(e.tag) == entry_tag), start=1):
        concept = Concept(id=entry.get("id") or f"c{n}")
        subjects = [t for t in _texts(entry, ("subjectField",))]
        concept.subject = subjects[0] if subjects else ""
        concept.notes += _texts(entry, ("definition", "note"))
        for lang_set in (e for e in entry if local(e.tag) == lang_tag):
            lang = lang_set.get(XML_LANG) or lang_set.get("lang") or ""
            concept.notes += _texts(lang_set, ("definition", "note"))
            for group in (e for e in lang_set.iter() if local(e.tag) in term_tags):
                term_el = next((e for e in group.iter() if local(e.tag) == "term"), None)
                if term_el is None:
                    continue
                text = " ".join("".join(term_el.itertext()).split())
                status, term_type, notes = _data_categories(group)
                concept.notes += notes
                if text:
                    concept.terms.append(Term(text, lang, status, term_type))
        concepts.append(concept)
    return concepts


def decode_table(data: bytes, *, path: Path | str) -> str:
    """Text of a tab-separated or CSV glossary: UTF-16/UTF-8 by BOM, else UTF-8."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding).lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise WorkbenchError("is neither UTF-8 nor UTF-16 with a BOM", path=path, line=line,
                             fix="save it as UTF-8 (OmegaT: glossary.txt is UTF-8)") from None


def read_table(text: str, *, source_lang: str, target_lang: str, delimiter: str,
               path: Path | str) -> list[Concept]:
    """Rows of (source, target[, comment]); blank, one-column and `#` lines skipped."""
    concepts = []
    if delimiter == "\t":
        rows = [(n, line.rstrip("\r").split("\t")) for n, line in
                enumerate(text.split("\n"), start=1)]
    else:
        reader = csv.reader(io.StringIO(text))
        try:
            rows = [(reader.line_num, row) for row in reader]
        except csv.Error as exc:
            raise WorkbenchError(f"is not valid CSV: {exc}", path=path,
                                 line=reader.line_num) from None
    for line, row in rows:
        cells = [" ".join(c.split()) for c in row]
        if not cells or cells[0].startswith("#") or len(cells) < 2 or not cells[0] or \
                not cells[1]:
            continue
        concept = Concept(id=f"line{line}", line=line,
                          terms=[Term(cells[0], source_lang), Term(cells[1], target_lang)])
        if len(cells) > 2 and cells[2]:
            concept.notes.append(" ".join(cells[2:]).strip())
        concepts.append(concept)
    return concepts


def read_termbase(path: Path, *, source_lang: str, target_lang: str) -> tuple[str, list[Concept]]:
    """(format name, concepts) of a glossary file: TBX by its root, else tab-separated
    (.txt/.tab/.tsv/.utf8) or CSV (.csv) by its name."""
    data = read_bytes(path)
    suffix = path.suffix.lower()
    head = data[:2048].lstrip(codecs.BOM_UTF8)
    if suffix in (".tbx", ".xml") or head.startswith(b"<") or head[:4] in (b"\xff\xfe<\x00",
                                                                         b"\xfe\xff\x00<"):
        root = parse_xml(data, path=path)
        kind = "TBX v3" if local(root.tag) == "tbx" else "TBX 2008"
        return kind, read_tbx(root, path=path)
    text = decode_table(data, path=path)
    if suffix == ".csv":
        return "CSV", read_table(text, source_lang=source_lang, target_lang=target_lang,
                                 delimiter=",", path=path)
    if suffix in (".txt", ".tab", ".tsv", ".utf8", ""):
        return "tab-separated", read_table(text, source_lang=source_lang,
                                           target_lang=target_lang, delimiter="\t", path=path)
    raise WorkbenchError(f"is not a glossary format the workbench reads ({suffix})", path=path,
                         fix="import TBX (.tbx), tab-separated (.txt/.tab/.tsv) or CSV (.csv)")
