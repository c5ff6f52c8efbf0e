"""What an import reads from a file, format-independent."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from workbench.inline import InlineCode
from workbench.model import State


def form_hash(form: tuple[str, str]) -> str:
    """Fingerprint of a unit as a format shows it: (the format's state, the English)."""
    return hashlib.sha1(f"{form[0]}\x00{form[1]}".encode()).hexdigest()[:16]


@dataclass
class FileInfo:
    """What a file says about itself: languages, the tool that wrote it, its name for
    the document (XLIFF 1.2 `original`, XLIFF 2 `<file id>`)."""

    doc_id: str
    source_lang: str = ""
    target_lang: str = ""
    tool: str = ""
    original: str = ""
    ours: bool = False  # written by the workbench (our metadata is there)


@dataclass
class ImportedUnit:
    """One unit from an imported file. `form` is (state as the format writes it, English),
    `base` the fingerprint of that form at export time (None when the file has none).
    Placeholders in `source`/`target` index `codes`."""

    doc_id: str
    unit_id: str
    source: str
    target: str
    state: State
    form: tuple[str, str]
    base: str | None = None
    reject_reason: str = ""
    codes: tuple[InlineCode, ...] = ()
    notes: tuple[str, ...] = ()
    job: bool = False  # exported as a job: the target was a copy of the source
    file: FileInfo | None = None
    segment_states: tuple[str, ...] = field(default=())  # when the segments disagreed
