"""Harder alignment cases made from a gold alignment: sentences dropped and merged on
either side, omissions next to merges, generated at benchmark and test time.

Nothing here is stored: a case is a function of the gold pair and a seed, so the research
data it is made from (the WMT news gold) stays where it is. Every change keeps the gold
exact: a merge joins adjacent lines of one side with one space (their beads become one
bead), a drop removes a line of one side (its partner becomes a 1-0 or 0-1 bead). Bead
shapes stay within what an aligner of 1-3/3-1 beads can produce.

    cases = perturb(ru_lines, en_lines, gold_beads, seed="7:doc001")
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.model import Bead

SHAPES = {(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1)}
_FINAL = re.compile(r"[.!?…:;][\"'»”’)\]]*\s*$")

# Probability that an operation starts at an eligible bead, in the order drawn.
RATES = (("drop_next_to_merge", 0.07), ("drop_inside_merge", 0.03), ("merge", 0.05),
         ("drop", 0.04))


@dataclass
class Case:
    """A perturbed pair: lines of each side, the gold that follows, and what was done."""

    src: list[str]
    tgt: list[str]
    gold: list[Bead]
    ops: list[str] = field(default_factory=list)


def _units(src: Sequence[str], tgt: Sequence[str], gold: Sequence[Bead]
           ) -> list[tuple[list[str], list[str]]]:
    return [([src[i] for i in b.src], [tgt[j] for j in b.tgt]) for b in gold]


def _protected(unit: tuple[list[str], list[str]], first: bool) -> bool:
    """Headlines and lines without sentence-final punctuation are never joined or dropped."""
    return first or any(not _FINAL.search(x) for x in unit[0] + unit[1])


def _shape(unit: tuple[list[str], list[str]]) -> tuple[int, int]:
    return len(unit[0]), len(unit[1])


def _merge(units: list, k: int, count: int, side: int) -> bool:
    """Join side `side` of units k..k+count-1 into one line; the units become one."""
    group = units[k:k + count]
    if len(group) < count or any(not u[0] or not u[1] for u in group):
        return False
    joined = " ".join(x for u in group for x in u[side])
    other = [x for u in group for x in u[1 - side]]
    new = ([joined], other) if side == 0 else (other, [joined])
    if _shape(new) not in SHAPES:
        return False
    units[k:k + count] = [new]
    return True


def _drop(units: list, k: int, side: int) -> bool:
    """Remove side `side` of the 1-1 unit k: its partner stands alone."""
    if not 0 <= k < len(units) or _shape(units[k]) != (1, 1):
        return False
    unit = units[k]
    units[k] = ([], unit[1]) if side == 0 else (unit[0], [])
    return True


def _build(units: list[tuple[list[str], list[str]]]) -> tuple[list[str], list[str], list[Bead]]:
    src: list[str] = []
    tgt: list[str] = []
    gold: list[Bead] = []
    for s, t in units:
        gold.append(Bead(tuple(range(len(src), len(src) + len(s))),
                         tuple(range(len(tgt), len(tgt) + len(t)))))
        src += s
        tgt += t
    return src, tgt, gold


def perturb(src: Sequence[str], tgt: Sequence[str], gold: Sequence[Bead], *, seed: str,
            scale: float = 1.0) -> Case:
    """A harder case from a gold pair; `scale` multiplies every rate."""
    rng = random.Random(seed)
    units = _units(src, tgt, gold)
    fixed = [_protected(u, k == 0) for k, u in enumerate(units)]
    ops: list[str] = []
    k = 0
    while k < len(units):
        if fixed[k] or _shape(units[k]) != (1, 1):
            k += 1
            continue
        draw = rng.random()
        op = None
        for name, rate in RATES:
            if draw < rate * scale:
                op = name
                break
            draw -= rate * scale
        side, other = rng.randrange(2), rng.randrange(2)
        names = "ru", "en"
        free = [not f for f in fixed[k:k + 3]]
        done = False
        if op == "drop_next_to_merge" and len(free) == 3 and all(free):
            # merge units k, k+1 on one side; drop one side of the next 1-1 unit, or of
            # the previous one (when it is free)
            before = rng.random() < 0.5 and k > 0 and not fixed[k - 1]
            target = k - 1 if before else k + 2
            if _shape(units[target]) == (1, 1):
                saved = list(units)
                if _merge(units, k, 2, side):
                    dropped = k - 1 if before else k + 1
                    if _drop(units, dropped, other):
                        del fixed[k + 1]
                        fixed[k] = fixed[dropped] = True
                        ops.append(f"merge:{names[side]}+drop:{names[other]}@{k}")
                        done = True
                    else:
                        units[:] = saved
        elif op == "drop_inside_merge" and len(free) >= 2 and all(free[:2]):
            # units k, k+1 merged on one side, the other side of k+1 dropped: one side
            # has a sentence the other lacks, inside one line
            if _shape(units[k + 1]) == (1, 1):
                joined = " ".join(units[k][side] + units[k + 1][side])
                keep = units[k][1 - side]
                units[k:k + 2] = [([joined], keep) if side == 0 else (keep, [joined])]
                del fixed[k + 1]
                fixed[k] = True
                ops.append(f"merge:{names[side]}-drop:{names[1 - side]}@{k}")
                done = True
        elif op == "merge" and len(free) >= 2 and all(free[:2]):
            count = 3 if rng.random() < 0.2 and len(free) == 3 and all(free) else 2
            if _merge(units, k, count, side):
                del fixed[k + 1:k + count]
                fixed[k] = True
                ops.append(f"merge{count}:{names[side]}@{k}")
                done = True
        elif op == "drop" and _drop(units, k, side):
            fixed[k] = True
            ops.append(f"drop:{names[side]}@{k}")
            done = True
        k += 1 if not done else 2
    new_src, new_tgt, new_gold = _build(units)
    return Case(new_src, new_tgt, new_gold, ops)
