"""One person working on one document: the units as stored, the operations, undo.

The TUI (and any other interactive front end) holds a `DocumentSession`; every change
goes through `workbench.ops`, which saves atomically — that is the autosave: a crash
loses at most the English being typed. After each operation the units are reloaded
from the store, so what is shown is what is on disk. No Textual import here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from workbench import ops
from workbench.errors import WorkbenchError
from workbench.model import Document, Issue, Proposal, Unit, WorkingFile
from workbench.ops.check import CheckMemo

if TYPE_CHECKING:
    from workbench.project import Project

T = TypeVar("T")


@dataclass
class UndoStep:
    """One action of this session that undo can take back (and redo do again): what the
    person did, the unit to show afterwards, and what the core recorded it changed."""

    action: str  # "edit", "accept", "qa-fix", "approve", "split" …
    unit_id: str
    changes: list[ops.Change] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.action} of {self.unit_id}"


def fixed_text(target_text: str, issue: Issue) -> str | None:
    """The English with a QA fix applied, or None when the fix cannot be applied by itself.

    A fix with offsets replaces that span (a miscased or forbidden name); one without
    offsets (e.g. a missing term: where should it go?) is advice for the translator.
    """
    if issue.fix is None or issue.start is None or issue.end is None:
        return None
    if not (0 <= issue.start <= issue.end <= len(target_text)):
        return None
    return target_text[:issue.start] + issue.fix + target_text[issue.end:]


def split_points(unit: Unit) -> tuple[int, int]:
    """Where "split" cuts a unit: after the first segment of each side that has more
    than one; a side with one segment keeps it in the first part. A 2:1 bead thus
    becomes 1:1 + 1:0, the usual repair, and shift moves segments from there."""
    if len(unit.src) < 2 and len(unit.tgt) < 2:
        raise WorkbenchError(f"{unit.id} has one segment per side: nothing to split",
                             fix="split a unit that joins two or more segments on a side")
    src_at = 1 if len(unit.src) > 1 else len(unit.src)
    tgt_at = 1 if len(unit.tgt) > 1 else len(unit.tgt)
    return src_at, tgt_at


@dataclass
class DocumentSession:
    """The units of `doc_id` and what `user` does to them."""

    project: Project
    doc_id: str
    user: str
    units: list[Unit] = field(default_factory=list)
    stored: bool = False
    undo_stack: list[UndoStep] = field(default_factory=list)
    redo_stack: list[UndoStep] = field(default_factory=list)
    proposals: dict[str, list[Proposal]] = field(default_factory=dict)
    embeddings: bool = True  # sentence embeddings in alignment (off: faster, for tests)
    _unsaved: WorkingFile | None = field(default=None, repr=False)  # shown, not yet stored
    loaded_stamp: tuple[int, int] | None = None  # the working file's (mtime, size) when read
    engines: tuple[str, ...] | None = None  # proposal engines (None: every registered one)
    _issues: dict[str, list[Issue]] | None = field(default=None, repr=False)  # of `units`
    _check_memo: CheckMemo = field(default_factory=CheckMemo, repr=False)

    # --- reading ------------------------------------------------------------------

    def load(self) -> None:
        """Units from the working file (or, when none is stored, from aligning the text)."""

        stamp = self.disk_stamp()
        working = ops.load_or_align(self.project, self.doc_id, embeddings=self.embeddings)
        self.units = list(working.units)
        self._issues = None
        self.loaded_stamp = stamp
        self.stored = working.stored
        self._unsaved = None if self.stored else working

    def disk_stamp(self) -> tuple[int, int] | None:
        """(mtime_ns, size) of the working file, None when there is none."""
        return ops.working_file_stamp(self.project, self.doc_id)

    def changed_on_disk(self) -> bool:
        """Whether someone else (another session, `workbench approve`) saved the document
        since it was last read here."""
        return self.disk_stamp() != self.loaded_stamp

    def ensure_stored(self) -> None:
        """Save the alignment being shown before the first change to it, so that the
        units a person acts on are exactly the ones on screen (the store refuses if
        another session saved this document meanwhile)."""
        if self.stored or self._unsaved is None:
            return
        ops.keep_alignment(self.project, self._unsaved, user=self.user)
        self.stored = True
        self._unsaved = None

    @cached_property
    def document(self) -> Document:
        return self.project.document(self.doc_id)

    def index(self, unit_id: str) -> int:
        for i, unit in enumerate(self.units):
            if unit.id == unit_id:
                return i
        raise WorkbenchError(f"{self.doc_id} has no unit {unit_id!r}",
                             fix="reload the document")

    def unit(self, unit_id: str) -> Unit:
        return self.units[self.index(unit_id)]

    def issues(self, unit_id: str) -> list[Issue]:
        """The unit's QA issues: exactly what `workbench check` reports for it (the same
        function, every document checked together, with the units shown here standing
        for this document's: term consistency across the corpus included). A broken
        glossary raises WorkbenchError, as check does."""
        return self.check().get(unit_id, [])

    def check(self) -> dict[str, list[Issue]]:
        """The document's QA issues by unit id, computed once per load (unit texts that
        did not change, and other documents whose files did not, are not checked
        again). Safe to call from a worker thread: a result for units replaced
        meanwhile by a reload is not kept."""
        issues = self._issues
        if issues is None:
            units = self.units
            issues = {}
            for issue in ops.check_in_corpus(self.project, self.doc_id, units,
                                             ops.project_glossary(self.project),
                                             memo=self._check_memo,
                                             embeddings=self.embeddings):
                issues.setdefault(issue.unit_id or "", []).append(issue)
            if self.units is units:
                self._issues = issues
        return issues

    def checked(self) -> dict[str, list[Issue]] | None:
        """The document's QA issues when already computed for the units shown, else None."""
        return self._issues

    # --- the English --------------------------------------------------------------

    def _do(self, action: str, unit_id: str, operation: Callable[[], T]) -> T:
        """Run one operation through the core, recording what it changed as one undo
        step; show what is on disk afterwards (also when it was refused)."""
        with ops.recording() as changes:
            try:
                self.ensure_stored()  # (refused when another session stored the document)
                result = operation()
            except WorkbenchError:
                self.load()  # show what another session saved; the caller keeps its input
                raise
        if changes:
            self.undo_stack.append(UndoStep(action, unit_id, list(changes)))
            self.redo_stack.clear()
        self.load()
        return result

    def edit(self, unit_id: str, text: str, *, action: str = "edit") -> bool:
        """Store new English for a unit (no-op when unchanged); undoable."""
        before = self.unit(unit_id).target_text
        if text == before:
            return False
        self._do(action, unit_id, lambda: ops.edit(
            self.project, self.doc_id, unit_id, text, user=self.user, expected=before))
        return True

    def accept(self, unit_id: str, proposal: Proposal) -> bool:
        """Take a proposal as the unit's English (origin and score kept); undoable."""
        before = self.unit(unit_id).target_text
        if proposal.text == before:
            return False
        self._do("accept", unit_id, lambda: ops.accept(
            self.project, self.doc_id, unit_id, proposal, user=self.user, expected=before))
        return True

    def apply_fix(self, unit_id: str, issue: Issue) -> bool:
        """Apply a QA fix to the unit's English (an edit, so undoable)."""
        fixed = fixed_text(self.unit(unit_id).target_text, issue)
        if fixed is None:
            return False
        return self.edit(unit_id, fixed, action="qa-fix")

    def undo(self) -> UndoStep | None:
        """Take back the last action of this session (any of edit, accept, QA fix,
        approve, sign-off, reject, split, merge, shift, lock, fill). Refused, with one
        line saying who did what, when someone changed those units since; the step is
        then dropped (what it would take back is someone else's now)."""
        return self._revert(self.undo_stack, self.redo_stack, "undo")

    def redo(self) -> UndoStep | None:
        """Do again the last action undone (refused like undo when the units changed
        since)."""
        return self._revert(self.redo_stack, self.undo_stack, "redo")

    def _revert(self, stack: list[UndoStep], other: list[UndoStep],
                action: str) -> UndoStep | None:
        if not stack:
            return None
        step = stack.pop()
        self.ensure_stored()
        done: list[ops.Change] = []
        try:
            for change in reversed(step.changes):
                done.append(ops.revert(self.project, change, user=self.user, action=action))
        except WorkbenchError:
            self.load()
            raise
        other.append(UndoStep(step.action, step.unit_id, done))
        self.load()
        return step

    # --- review -------------------------------------------------------------------

    def approve(self, unit_id: str, *, seen: str | None = None) -> None:
        """Approve the English the person sees (`seen`, default: the unit's English as
        loaded here). When another session changed it meanwhile, nothing is approved:
        the units are reloaded, so the new English is shown, and WorkbenchError says so.
        Undoable."""
        self._review("approve", ops.approve, unit_id, seen)

    def sign_off(self, unit_id: str, *, seen: str | None = None) -> None:
        """Sign off the English the person sees (refused like `approve`); undoable."""
        self._review("sign-off", ops.sign_off, unit_id, seen)

    def reject(self, unit_id: str, reason: str, *, seen: str | None = None) -> None:
        """Reject the English the person saw when deciding (refused like `approve`);
        undoable."""
        self._review("reject", ops.reject, unit_id, seen, reason=reason)

    def _review(self, action: str, operation: Callable[..., object], unit_id: str,
                seen: str | None, **kwargs: str) -> None:
        if seen is None:
            seen = self.unit(unit_id).target_text
        expected = {unit_id: seen}
        self._do(action, unit_id, lambda: operation(
            self.project, self.doc_id, [unit_id], user=self.user, expected=expected,
            **kwargs))

    def conflict(self, unit_id: str) -> ops.ConflictRegion | None:
        """The conflict region the unit is in, with every version, or None."""
        for region in ops.conflict_regions(self.units):
            if unit_id in region.unit_ids:
                return region
        return None

    def resolve(self, unit_id: str, version: int) -> None:
        """Settle the unit's conflict by taking one version for its whole region."""
        ops.resolve_conflict(self.project, self.doc_id, unit_id, user=self.user,
                             version=version)
        self.undo_stack.clear()  # the units the steps name may be gone
        self.load()

    # --- alignment ----------------------------------------------------------------

    def align(self) -> None:
        self.ensure_stored()
        ops.align_document(self.project, self.doc_id, user=self.user,
                           embeddings=self.embeddings)
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.load()

    def split(self, unit_id: str) -> None:
        """Split a unit after its first segment on each side that has more than one."""
        src_at, tgt_at = split_points(self.unit(unit_id))
        self._do("split", unit_id, lambda: ops.split(
            self.project, self.doc_id, unit_id, src_at=src_at, tgt_at=tgt_at,
            user=self.user))

    def merge(self, unit_id: str) -> None:
        """Merge a unit with the next one."""
        i = self.index(unit_id)
        if i + 1 >= len(self.units):
            raise WorkbenchError(f"{self.doc_id} {unit_id} is the last unit: nothing to "
                                 "merge it with", fix="merge from the unit above")
        pair = [unit_id, self.units[i + 1].id]
        self._do("merge", unit_id, lambda: ops.merge(
            self.project, self.doc_id, pair, user=self.user))

    def shift(self, unit_id: str, side: str, direction: str) -> None:
        """Move a segment on `side` ("source"/"target") to the unit above or below."""
        self._do("shift", unit_id, lambda: ops.shift(
            self.project, self.doc_id, unit_id, side=side, direction=direction,
            user=self.user))

    def lock(self, unit_id: str, locked: bool = True) -> None:
        self._do("lock" if locked else "unlock", unit_id, lambda: ops.lock(
            self.project, self.doc_id, [unit_id], locked=locked, user=self.user))

    def realign(self) -> None:
        self.ensure_stored()
        ops.realign(self.project, self.doc_id, user=self.user, embeddings=self.embeddings)
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.load()

    # --- proposals, QA, export ----------------------------------------------------

    def propose(self, unit_ids: Sequence[str] | None = None, *,
                progress: Callable[[int], None] | None = None) -> dict[str, list[Proposal]]:
        """Proposals (TM, rules, MT) for some units; kept for the proposal panel.
        `progress(n)` hears how many units are done (MT runs in batches)."""

        wanted = set(unit_ids) if unit_ids is not None else None
        units = [u for u in self.units if wanted is None or u.id in wanted]
        found = ops.propose(self.project, units, engines=self.engines, doc_id=self.doc_id,
                        progress=progress)
        self.proposals.update(found)
        return found

    def mt_note(self) -> str:
        """Why MT proposed nothing, when no model is installed ("" otherwise)."""
        names = self.engines if self.engines is not None else ops.parse_engines(None)
        note = ops.missing_model_note(self.project, names)
        return "no MT model installed" if note else ""

    def fill_empty(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Put the best proposal into every unit that has no English and no human edit.
        `progress(done, total)` is called as proposals come in."""

        self.ensure_stored()
        empty = [u for u in self.units if not u.target_text.strip()]
        if not empty:
            return 0

        found = self.propose([u.id for u in empty],
                             progress=(lambda n: progress(n, len(empty))) if progress else None)
        best = {uid: p for uid, props in found.items() if (p := ops.best_usable(props))}
        first = next(iter(best), empty[0].id)
        filled = self._do("fill", first, lambda: ops.apply_proposals(
            self.project, self.doc_id, best, user=self.user))
        return int(filled)

    def export_tmx(self, path: str | Path | None = None) -> tuple[Path, int]:
        """Write the approved units of this document as TMX 1.4b (atomically).

        Default place: `exports/<id>.tmx` in the project. Returns (path, units written).
        """

        (out,) = ops.export_documents(self.project, [self.doc_id], "tmx", user=self.user)
        folder = Path(self.project.root) / "exports"
        if not path:
            folder.mkdir(exist_ok=True)
        (target,) = ops.write_outputs([out], path or folder / out.name)
        return target, out.count
