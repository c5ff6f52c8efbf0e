"""Reading and writing `[i,j]:[k]` beads, and scoring them as Vecalign/Bertalign do.

Strict: a bead counts only if it is exactly a gold bead. Lax: it counts if it overlaps a
gold bead on both sides. Recall ignores 1-0 and 0-1 beads; counts are pooled over documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError, read_text
from workbench.model import Bead

_BEAD = re.compile(r"^\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]")


def parse_bead(line: str) -> Bead:
    match = _BEAD.match(line.strip())
    if not match:
        raise ValueError(f"not a bead: {line!r}")

    def side(text: str) -> tuple[int, ...]:
        return tuple(int(x) for x in text.replace(" ", "").split(",") if x)

    return Bead(side(match.group(1)), side(match.group(2)))


def read_beads(path: str | Path) -> list[Bead]:
    beads = []
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if line.strip():
            try:
                beads.append(parse_bead(line))
            except ValueError:
                raise WorkbenchError("not a bead of the form [i,j]:[k]", path=path, line=number,
                                     fix="one bead per line") from None
    return beads


@dataclass
class Counts:
    """Pooled counts: true/false positives for precision (p) and recall (r), strict and lax."""

    p_strict: int = 0
    p_lax: int = 0
    p_total: int = 0
    r_strict: int = 0
    r_lax: int = 0
    r_total: int = 0

    def add(self, gold: Sequence[Bead], test: Sequence[Bead]) -> None:
        s, lax, total = _precision(gold, test)
        self.p_strict += s
        self.p_lax += lax
        self.p_total += total
        s, lax, total = _precision(_paired(test), _paired(gold))
        self.r_strict += s
        self.r_lax += lax
        self.r_total += total

    def scores(self) -> dict[str, float]:
        out = {}
        for kind in ("strict", "lax"):
            p = getattr(self, f"p_{kind}") / self.p_total if self.p_total else 0.0
            r = getattr(self, f"r_{kind}") / self.r_total if self.r_total else 0.0
            out[f"{kind}_p"], out[f"{kind}_r"] = p, r
            out[f"{kind}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
        return out


def _paired(beads: Iterable[Bead]) -> list[Bead]:
    return [b for b in beads if b.src and b.tgt]


def _precision(gold: Sequence[Bead], test: Sequence[Bead]) -> tuple[int, int, int]:
    """(strict hits, lax hits, beads) of `test` against `gold`."""
    gold_set = {(b.src, b.tgt) for b in gold if b.src or b.tgt}
    linked: dict[int, set[int]] = {}
    for src, tgt in gold_set:
        for s in src:
            linked.setdefault(s, set()).update(tgt)
    strict = lax = total = 0
    for bead in test:
        if not bead.src and not bead.tgt:
            continue
        total += 1
        if (bead.src, bead.tgt) in gold_set:
            strict += 1
            lax += 1
        elif any(t in linked.get(s, ()) for s in bead.src for t in bead.tgt):
            lax += 1
    return strict, lax, total


def score(pairs: Iterable[tuple[Sequence[Bead], Sequence[Bead]]]) -> dict[str, float]:
    """Pooled strict/lax P/R/F1 over (gold, test) bead lists."""
    counts = Counts()
    for gold, test in pairs:
        counts.add(gold, test)
    return counts.scores()
