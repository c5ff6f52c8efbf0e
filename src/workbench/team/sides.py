"""One version of a working file in a three-way merge: its header and its units, each
known by its stored text and parsed only when the merge needs to look inside it."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.formats.safexml import parse_xml
from workbench.formats.xlf import unit_text
from workbench.formats.xlf_read import parse_root
from workbench.formats.xlf_units import (
    UnitTexts,
    parse_unit_text,
    read_header,
    split_units,
    unit_indices,
)
from workbench.model import Unit, WorkingFile

_ANCHOR = re.compile(r'<mda:meta type="anchor">([^<]*)</mda:meta>')

Segment = tuple[str, int]  # ("s", index) for a source segment, ("t", index) for a target one


@dataclass
class Side:
    """A working file's header (no units), its unit ids in file order, their stored
    texts (when read from a file in the layout the codec writes) and parsed units."""

    header: WorkingFile
    order: list[str]
    texts: dict[str, str]
    units: dict[str, Unit]
    path: str
    _cover: dict[Segment, str] | None = field(default=None, repr=False)
    _segments: dict[str, frozenset[Segment]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_working_file(cls, wf: WorkingFile, path: str = "") -> Side:
        header = dataclasses.replace(wf, units=[])
        return cls(header, [u.id for u in wf.units], {}, {u.id: u for u in wf.units},
                   path or wf.doc_id)

    @classmethod
    def from_bytes(cls, data: bytes, path: str, *, check: bool = True) -> Side:
        """Read a working file: cut into unit texts when its layout allows, else parsed
        whole (a broken file raises WorkbenchError naming `path`). `check=False` skips
        checking the whole file is well-formed (the common ancestor: its units are only
        compared, never written, and parsed when looked into)."""
        parts: UnitTexts | None = split_units(data, path=path, check=check)
        if parts is not None:
            header = read_header(parts, path=path)
            return cls(header, list(parts.units), parts.units, {}, path)
        files = parse_root(parse_xml(data, path=path), path=path)
        if len(files) != 1:
            raise WorkbenchError("should hold exactly one <file>", path=path,
                                 fix="restore it from git (`git log -p` shows its versions)")
        return cls.from_working_file(files[0][0], path)

    @classmethod
    def from_path(cls, path: Path, shown: str, *, check: bool = True) -> Side | None:
        """None for an empty or missing file (git's base when both sides added it)."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise WorkbenchError(f"cannot be read ({exc.strerror})", path=shown) from None
        return cls.from_bytes(data, shown, check=check) if data.strip() else None

    def __contains__(self, unit_id: str) -> bool:
        return unit_id in self.units or unit_id in self.texts

    def unit(self, unit_id: str) -> Unit:
        unit = self.units.get(unit_id)
        if unit is None:
            unit = parse_unit_text(self.texts[unit_id], path=self.path)
            self.units[unit_id] = unit
        return unit

    def text(self, unit_id: str) -> str:
        """The unit's text as this file holds it (serialised if it was parsed whole)."""
        text = self.texts.get(unit_id)
        return text if text is not None else unit_text(self.units[unit_id])

    def same(self, other: Side, unit_id: str) -> bool:
        """Whether the unit is the same in both (equal texts, else equal units)."""
        mine, theirs = self.texts.get(unit_id), other.texts.get(unit_id)
        if mine is not None and mine == theirs:
            return True
        return self.unit(unit_id) == other.unit(unit_id)

    def segments(self, unit_id: str) -> frozenset[Segment]:
        """The unit's segments (read from its text without parsing it when possible)."""
        found = self._segments.get(unit_id)
        if found is not None:
            return found
        unit = self.units.get(unit_id)
        indices = None if unit is not None else unit_indices(self.texts[unit_id])
        if indices is None:
            unit = self.unit(unit_id)
            indices = (tuple(unit.src), tuple(unit.tgt))
        found = frozenset([("s", i) for i in indices[0]] + [("t", j) for j in indices[1]])
        self._segments[unit_id] = found
        return found

    def anchor(self, unit_id: str) -> str | None:
        """The conflict anchor the unit names, if it is in a conflict."""
        unit = self.units.get(unit_id)
        if unit is not None:
            return unit.conflict.anchor if unit.conflict is not None else None
        match = _ANCHOR.search(self.texts[unit_id])
        return match.group(1) if match else None

    @property
    def cover(self) -> dict[Segment, str]:
        """Which unit holds each segment (built on first use)."""
        if self._cover is None:
            self._cover = {seg: uid for uid in self.order for seg in self.segments(uid)}
        return self._cover

    def renamed(self, renames: dict[str, Unit]) -> Side:
        """A copy with some units replaced by renumbered ones (old id → new unit)."""
        order = [renames[uid].id if uid in renames else uid for uid in self.order]
        texts = {uid: t for uid, t in self.texts.items() if uid not in renames}
        units = {uid: u for uid, u in self.units.items() if uid not in renames}
        units.update({u.id: u for u in renames.values()})
        return Side(self.header, order, texts, units, self.path)
