"""What an import reads from a file, format-independent."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from workbench.model import State


def form_hash(form: tuple[str, str]) -> str:
    """Fingerprint of a unit as a format shows it: (the format's state, the English)."""
    return hashlib.sha1(f"{form[0]}\x00{form[1]}".encode()).hexdigest()[:16]


@dataclass
class ImportedUnit:
    """One unit from an imported file. `form` is (state as the format writes it, English),
    `base` the fingerprint of that form at export time (None when the file has none)."""

    doc_id: str
    unit_id: str
    source: str
    target: str
    state: State
    form: tuple[str, str]
    base: str | None = None
    reject_reason: str = ""
