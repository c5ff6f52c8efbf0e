"""Where things are: the repository (its shipped corpus and glossary) and the data kept
outside it (`../shared/` beside the repository, or `$WORKBENCH_SHARED`)."""

from __future__ import annotations

from pathlib import Path

from workbench.testing.shared import GOLD, NEWS, SHARED

__all__ = ["EADAILY", "ENGLISH_ONLY", "GLOSSARY", "GOLD", "NEWS", "PAIRED", "REPO", "SHARED",
           "UCP", "lines", "source_file", "translation_file"]

REPO = Path(__file__).resolve().parents[2]
GLOSSARY = REPO / "glossary.yaml"

UCP = PAIRED = "ucp-cpsu-belarus-solidarity-2020"  # Russian opening + English letter
ENGLISH_ONLY = "tcc-cpsu-appeal-1998"
EADAILY = "eadaily-cpk-liquidated-2015"


def source_file(doc_id: str, lang: str = "ru") -> Path:
    return REPO / "sources" / f"{doc_id}.{lang}.txt"


def translation_file(doc_id: str, lang: str = "en") -> Path:
    return REPO / "translations" / f"{doc_id}.{lang}.txt"


def lines(path: Path) -> list[str]:
    """The non-empty lines of a UTF-8 file, stripped."""
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
