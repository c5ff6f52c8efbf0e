"""Use cases on text files given on the command line rather than documents of the
project: segment a file, label its lines' languages, find glossary terms in it, align
two files of segments, check a glossary file."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.align import align_texts
from workbench.corpus import read_side
from workbench.errors import WorkbenchError, decode_utf8, read_bytes
from workbench.glossary import Glossary, load_glossary
from workbench.langid import detect_document, detect_lines
from workbench.model import Bead, Segment, SideText, TermHit
from workbench.segment import segment_side

if TYPE_CHECKING:
    from workbench.project import Project

__all__ = ["align_files", "embedding_note", "file_languages", "find_terms", "glossary_summary",
           "load_glossary", "read_file", "segment_file"]


def embedding_note(source_lang: str, target_lang: str, embeddings: bool = True) -> str | None:
    """A line telling the user that these languages are not aligned with the default
    embedding model (multilingual USE, 16 languages): which model does it instead, or
    that none covers them and length and anchors decide. None when USE covers both."""
    from workbench.align import embeddings as emb

    if not embeddings:
        return None
    name = emb.model_for(source_lang, target_lang)
    if name == emb.DEFAULT:
        return None
    outside = ", ".join(lang for lang in (source_lang, target_lang)
                        if lang and not emb.covers(lang))
    if name is None:
        return (f"note: no installed embedding model covers {outside}: aligning on length "
                "and anchors only (confidences from the length model)")
    return (f"note: multilingual USE does not cover {outside}: aligning with "
            f"{name} ({emb.MODELS[name].package})")


def _languages(project: Project | None) -> tuple[str, ...] | None:
    """The languages a line of a file may be labelled with: the project's, as its
    documents are labelled (`Project.langid_languages`); None outside a project (the
    default set)."""
    return project.langid_languages if project is not None else None


def read_file(path: str | Path, lang: str | None,
              project: Project | None = None) -> SideText:
    """A text file as read (any encoding); with no `lang`, the language is detected
    among the project's languages."""
    if lang is not None and not (lang.isascii() and lang.isalpha() and 2 <= len(lang) <= 3):
        raise WorkbenchError(f"--lang {lang!r} is not a language code",
                             fix="use an ISO 639-1 code such as ru or en")
    side = read_side(path, lang or "und")
    if lang is not None:
        return side
    return replace(side, lang=detect_document(side.text, _languages(project)))


def segment_file(path: str | Path, lang: str | None,
                 project: Project | None = None) -> list[Segment]:
    """The segments of a text file, in order (blocks, sentences, languages, flags), each
    labelled as the project's documents are (`project`: None, the default languages)."""
    side = read_file(path, lang, project)
    return segment_side(side.text, side.lang, _languages(project))[1]


def file_languages(path: str | Path, project: Project | None = None) -> list[str]:
    """One language label per line of a text file, from the project's languages as its
    documents are labelled (`project`: None, the default set)."""
    lines = read_side(path, "und").text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return detect_lines(lines, _languages(project))


def find_terms(glossary: Glossary, path: str | Path, lang: str) -> list[TermHit]:
    """The glossary's terms in a text file of its source or its target language."""
    text = read_side(path, lang).text
    if lang == glossary.source_lang:
        return glossary.match_source(text)
    if lang == glossary.target_lang:
        return glossary.match_target(text)
    raise WorkbenchError(f"the glossary has no {lang!r} side", path=glossary.path,
                         fix=f"use --lang {glossary.source_lang} or "
                             f"--lang {glossary.target_lang}")


def glossary_summary(glossary: Glossary) -> str:
    """"party 12, person 3" — the glossary's terms by kind."""
    kinds = Counter(e.kind for e in glossary.entries)
    return ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))


def segment_lines(path: str | Path) -> list[str]:
    """A UTF-8 file of one segment per line (a final newline adds no line)."""
    data = read_bytes(path)
    if b"\0" in data:
        raise WorkbenchError("looks binary, not text", path=path,
                             fix="give a UTF-8 text file, one segment per line")
    lines = decode_utf8(data, path).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def align_files(src_path: str | Path, tgt_path: str | Path, *, source_lang: str,
                target_lang: str, embeddings: bool = True) -> list[Bead]:
    """Beads over two files of segments (line numbers from 0)."""
    src, tgt = segment_lines(src_path), segment_lines(tgt_path)
    return align_texts(src, tgt, embeddings=embeddings, source_lang=source_lang,
                       target_lang=target_lang)
