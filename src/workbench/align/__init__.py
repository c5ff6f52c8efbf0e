"""Sentence alignment with confidence: length, anchors and embeddings in one banded search.

Public API (kept light: numpy and the embedding model load only when an alignment runs):
`align_texts(src, tgt, *, embeddings=True, locked=(), ...)` and
`align_document(doc, *, locked=(), embeddings=True, glossary=None)`, both returning
`list[Bead]` in order, covering every (non-furniture) segment once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.model import Bead, Document


def align_texts(src: Sequence[str], tgt: Sequence[str], *, embeddings: bool = True,
                locked: Sequence[Bead] = (), **options: Any) -> list[Bead]:
    """Align two lists of segments; `locked` beads come back untouched, gaps realigned.

    Options: `source_lang`, `target_lang` (default "ru", "en"), `params`, `cache_path`.
    """
    from workbench.align.core import align_texts as run

    return run(src, tgt, embeddings=embeddings, locked=locked, **options)


def align_document(doc: Document, *, locked: Sequence[Bead] = (), embeddings: bool = True,
                   glossary: Any = None) -> list[Bead]:
    """Align a document's segments block-aware; furniture stays out of every bead."""
    from workbench.align.document import align_document as run

    return run(doc, locked=locked, embeddings=embeddings, glossary=glossary)


__all__ = ["align_document", "align_texts"]
