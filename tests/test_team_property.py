"""Property: random sequences of review and structure operations on two clones, merged
by the real merge driver, never lose an approval or an edit and always leave a valid
working file; settling every conflict afterwards leaves a valid file without any."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from support.team import make_clones
from workbench import ops, store
from workbench.errors import WorkbenchError
from workbench.model import State, Unit
from workbench.team.units import check_units

USERS = ("anna", "boris", "clara")
# English written for the test
PHRASES = ("We stand together.", "Solidarity with the workers.", "Dear comrades!",
           "The congress adopted the appeal.", "")
APPROVED = (State.REVIEWED, State.FINAL)
WINDOW = (8, 20)  # the units the operations pick from (the multi-segment ones among them)

operation = st.tuples(
    st.sampled_from(("edit", "approve", "sign-off", "reject", "lock", "unlock", "split",
                     "merge", "shift")),
    st.integers(min_value=0, max_value=10_000),  # which unit (modulo the units there are)
    st.sampled_from(USERS),
    st.integers(min_value=0, max_value=len(PHRASES) - 1),
    st.sampled_from((("source", "up"), ("source", "down"), ("target", "up"),
                     ("target", "down"))),
)


def apply(project, doc_id: str, op) -> None:
    """One operation through ops; a refusal (locked, in conflict, no English…) saves
    nothing, as for a person."""
    action, pick, user, phrase, (side, direction) = op
    units = ops.load_or_align(project, doc_id).units
    start = min(WINDOW[0], len(units) - 1)  # both clones work on the same stretch
    at = start + pick % max(1, min(WINDOW[1], len(units)) - start)
    unit = units[at]
    following = units[at + 1] if at + 1 < len(units) else None
    try:
        if action == "edit":
            ops.edit(project, doc_id, unit.id, PHRASES[phrase] + (f" ({pick})" if
                                                                  PHRASES[phrase] else ""),
                     user=user)
        elif action == "approve":
            ops.approve(project, doc_id, [unit.id], user=user)
        elif action == "sign-off":
            ops.sign_off(project, doc_id, [unit.id], user=user)
        elif action == "reject":
            ops.reject(project, doc_id, [unit.id], reason="wrong term", user=user)
        elif action in ("lock", "unlock"):
            ops.lock(project, doc_id, [unit.id], user=user, locked=action == "lock")
        elif action == "split":
            src_at = 1 if len(unit.src) > 1 else len(unit.src)
            tgt_at = 1 if len(unit.tgt) > 1 else len(unit.tgt)
            ops.split(project, doc_id, unit.id, src_at=src_at, tgt_at=tgt_at, user=user)
        elif action == "merge" and following is not None:
            ops.merge(project, doc_id, [unit.id, following.id], user=user)
        elif action == "shift":
            ops.shift(project, doc_id, unit.id, side=side, direction=direction, user=user)
    except WorkbenchError:
        pass


def everything(units: list[Unit]) -> list[Unit]:
    """The units of a file and of every version its conflicts keep."""
    out = list(units)
    for unit in units:
        if unit.conflict is not None:
            out += [u for version in unit.conflict.versions for u in version]
    return out


def entry_keys(units) -> set[tuple]:
    return {(h.when, h.who, h.action, h.target, h.state, h.note)
            for u in units for h in u.history}


@pytest.fixture(scope="module")
def clones(tmp_path_factory):
    clones = make_clones(tmp_path_factory.mktemp("property"))
    doc = clones.doc_id
    # multi-segment units, so that split and shift have work (as an aligner makes them)
    for first, second in (("u10", "u11"), ("u20", "u21"), ("u30", "u31")):
        ops.merge(clones.base, doc, [first, second], user="aligner")
    clones.pristine = clones.path(clones.base).read_bytes()
    return clones


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mine=st.lists(operation, max_size=12), theirs=st.lists(operation, max_size=12),
       choices=st.lists(st.integers(min_value=0, max_value=99), min_size=20, max_size=20))
def test_merging_two_clones_never_loses_an_approval_or_an_edit(clones, mine, theirs,
                                                                choices):
    doc = clones.doc_id
    for project in (clones.base, clones.a, clones.b):
        clones.path(project).write_bytes(clones.pristine)
    store.workfile._cache.clear()
    for op in mine:
        apply(clones.a, doc, op)
    for op in theirs:
        apply(clones.b, doc, op)
    base, a, b = clones.load(clones.base), clones.load(clones.a), clones.load(clones.b)

    merged, report = clones.merge()  # a valid working file: it loads, and …
    event("conflicts" if report.conflicts else "no conflict")
    event("renumbered" if report.renumbered else "no renumbering")
    text = clones.path(clones.a).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and "=======" not in text
    check_units(merged.units, "merged")
    for region in ops.conflict_regions(merged.units):
        assert region.anchor == region.unit_ids[0] and len(region.versions) >= 2
        for version in region.versions:
            check_units(list(version.units), f"version {version.number}")
    ids = [int(u.id[1:]) for u in everything(merged.units)]
    assert merged.next_id > max(ids) and merged.version > max(a.version, b.version)

    kept = everything(merged.units)
    before = {u.id: u for u in base.units}
    # every history entry of a unit either side changed is there (shown, or in a kept
    # version); a unit one side left as it was may go with the other side's change
    changed = [u for u in a.units + b.units if before.get(u.id) != u]
    assert entry_keys(changed) <= entry_keys(kept)
    renamed = dict(report.renumbered)
    for side, rename in ((a, {}), (b, renamed)):
        for unit in side.units:
            uid = rename.get(unit.id, unit.id)
            found = [u for u in kept if u.id == uid]
            # an approval stands, or is kept in a conflict's version
            if unit.state in APPROVED:
                assert any(u.target_text == unit.target_text and u.state in APPROVED
                           for u in found), (unit.id, "approval lost")
            # English this side wrote is there
            old = before.get(unit.id)
            if old is None or old.target_text != unit.target_text:
                assert any(u.target_text == unit.target_text for u in found), \
                    (unit.id, "edit lost")
    # nothing shown as approved that nobody approved with that English
    for unit in merged.units:
        if unit.state in APPROVED:
            assert unit.conflict is None
            assert any(u.id == unit.id and u.target_text == unit.target_text and
                       u.state in APPROVED for u in a.units + b.units)

    # settling every conflict (a version, or new English) leaves a valid file
    for n, region in enumerate(ops.conflict_regions(merged.units)):
        choice = choices[n % len(choices)]
        if choice % 3 == 2:
            ops.resolve_conflict(clones.a, doc, region.anchor, user="lead",
                                 text=f"Settled English ({choice})")
        else:
            ops.resolve_conflict(clones.a, doc, region.anchor, user="lead",
                                 version=1 + choice % len(region.versions))
    settled = clones.load(clones.a)
    assert all(u.conflict is None for u in settled.units)
    check_units(settled.units, "settled")
    shutil.copy(clones.path(clones.a), clones.path(clones.b))  # and merges again cleanly
