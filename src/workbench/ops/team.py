"""`workbench sync` and `workbench team init`: a team's project in git, each person's
saved work committed, fetched, merged unit by unit (the merge driver) and pushed.

Sync holds every document's lock while git works on the files, so no operation saves
half-way through a merge; whatever happens, the local work is committed first and
stays committed (offline, a refused merge, a rejected push: run sync again).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench import store
from workbench.errors import WorkbenchError
from workbench.ops.conflicts import list_conflicts
from workbench.settings import env_float
from workbench.team.git import (
    ATTRIBUTES,
    IGNORED,
    Git,
    configure_driver,
    ensure_lines,
    first_line,
)

if TYPE_CHECKING:
    from workbench.project import Project

# Exit statuses of `workbench sync` (an interface: scripts test them).
NOTHING, SYNCED, REFUSED, CONFLICTS, OFFLINE = 1, 0, 2, 3, 4
PUSH_ATTEMPTS = 3  # someone pushed between our fetch and our push: fetch, merge, retry


@dataclass
class SyncReport:
    """What a sync did, line by line, and how it ended (`exit_code`)."""

    lines: list[str] = field(default_factory=list)
    committed: str = ""  # the commit of this user's work, if one was made
    received: int = 0  # commits merged from the remote
    sent: bool = False
    offline: bool = False
    conflicts: int = 0  # units in conflict in the project afterwards
    conflict_documents: int = 0

    @property
    def exit_code(self) -> int:
        if self.offline:
            return OFFLINE
        if self.conflicts:
            return CONFLICTS
        return SYNCED if (self.committed or self.received or self.sent) else NOTHING


def _git(project: Project, user: str) -> Git:
    timeout = env_float("WORKBENCH_SYNC_TIMEOUT", 120.0, minimum=1.0)
    git = Git.find(project.root, env={"WORKBENCH_USER": user})
    if git is None:
        raise WorkbenchError(f"{project.root} is not in a git repository",
                             fix="run `workbench team init --remote URL` there first")
    git.timeout = timeout
    return git


def _setup(git: Git, project: Project) -> list[str]:
    """The merge driver in the clone's config; `.gitattributes` and `.gitignore` in the
    project folder (returned when changed: they are committed with the work)."""
    configure_driver(git)
    changed = []
    if ensure_lines(project.root / ".gitattributes", ATTRIBUTES,
                    "working files merge unit by unit (workbench merge-driver)"):
        changed.append(".gitattributes")
    if ensure_lines(project.root / ".gitignore", IGNORED,
                    "locks and temporary files of running sessions, exports, the cache"):
        changed.append(".gitignore")
    return changed


def _refuse_unfinished(git: Git) -> str:
    """The current branch; refuses a clone in the middle of a merge or rebase, or with
    no branch checked out."""
    git_dir = git.git_dir
    for name, what in (("MERGE_HEAD", "a merge"), ("rebase-merge", "a rebase"),
                       ("rebase-apply", "a rebase"), ("CHERRY_PICK_HEAD", "a cherry-pick")):
        if (git_dir / name).exists():
            raise WorkbenchError(f"git is in the middle of {what} in {git.root}",
                                 fix="finish it (`git status` says how) or abort it, then sync")
    branch = git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if branch.returncode != 0:
        raise WorkbenchError(f"{git.root} has no branch checked out (detached HEAD)",
                             fix="`git switch main` (or your team's branch), then sync")
    return branch.stdout.strip()


def _remote(git: Git, branch: str, wanted: str | None) -> str:
    remotes = git.out("remote").split()
    if wanted:
        if wanted not in remotes:
            raise WorkbenchError(f"git has no remote {wanted!r}",
                                 fix=f"known: {', '.join(remotes) or 'none'}; add one with "
                                 "`git remote add NAME URL`")
        return wanted
    configured = git.run("config", f"branch.{branch}.remote", check=False).stdout.strip()
    if configured in remotes:
        return configured
    if "origin" in remotes:
        return "origin"
    if len(remotes) == 1:
        return remotes[0]
    raise WorkbenchError("git has no remote to sync with" if not remotes else
                         f"git has several remotes ({', '.join(remotes)}) and this branch "
                         "names none", fix="`workbench sync --remote NAME`, or "
                         "`workbench team init --remote URL`")


@contextlib.contextmanager
def _all_locks(project: Project, user: str) -> Iterator[None]:
    """Every document's lock, so that no session saves while git rewrites the files."""
    with contextlib.ExitStack() as stack:
        for doc_id in sorted(set(project.document_ids()) | set(store.stored_ids(project))):
            stack.enter_context(store.locked(project, doc_id, user))
        yield


def _commit(git: Git, project: Project, user: str, setup: list[str], everything: bool,
            message: str | None) -> str:
    """Commit this user's saved work (the working files, and the team setup files; with
    `everything`, every change in the project folder). Returns the commit, or ""."""
    root = git.path_of(project.root)
    prefix = "" if root == "." else f"{root}/"
    if everything:
        git.run("add", "-A", "--", root)
    else:  # the working files there are, and those git knows that were deleted
        folder = git.path_of(project.translations_dir)
        known = git.out("ls-files", "-z", "--", f":(glob){folder}/*.xlf").split("\0")
        present = [f"{folder}/{p.name}" for p in project.translations_dir.glob("*.xlf")
                   if not p.name.startswith(".")]
        paths = sorted({p for p in known + present if p} | {prefix + n for n in setup})
        if paths:
            git.run("add", "-A", "--", *paths)
    staged = git.out("diff", "--cached", "--name-only").splitlines()
    if not staged:
        return ""
    documents = sorted({name.rsplit("/", 1)[-1][:-4] for name in staged
                        if name.endswith(".xlf")})
    title = message or (f"workbench sync: {user}'s work on {len(documents)} document(s)"
                        if documents else f"workbench sync: {user}'s project changes")
    body = "\n".join(f"- {name}" for name in staged)
    done = git.run("commit", "-q", "-m", title, "-m", body, check=False)
    if done.returncode != 0:
        why = first_line(done)
        fix = ("tell git who you are: `git config user.name \"…\"` and "
               "`git config user.email \"…\"`" if "identity" in done.stderr.lower() or
               "user.email" in done.stderr else "see `git status`; nothing was lost")
        raise WorkbenchError(f"git could not commit your work: {why}", fix=fix)
    return git.out("rev-parse", "--short", "HEAD")


def _exists(git: Git, ref: str) -> bool:
    return git.ok("rev-parse", "--verify", "--quiet", ref)


def _count(git: Git, spec: str) -> int:
    return int(git.out("rev-list", "--count", spec) or 0)


def _driver_lines(done) -> list[str]:
    """The merge driver's summaries (it prints one `workbench: …` line per file)."""
    return [line.strip().removeprefix("workbench: ")
            for line in (done.stdout + "\n" + done.stderr).splitlines()
            if line.strip().startswith("workbench: ")]


def _merge(git: Git, upstream: str, report: SyncReport) -> None:
    """Merge `upstream`. Working files merge unit by unit; a working file deleted on one
    side and changed on the other keeps the changed one; anything else that git cannot
    merge stops the merge, leaving the clone as before it (local work committed)."""
    done = git.run("merge", "--no-edit", "--ff", "-q", upstream, check=False)
    report.lines += _driver_lines(done)
    if done.returncode == 0:
        return
    if not (git.git_dir / "MERGE_HEAD").exists():  # git refused to start
        if "unrelated histories" in done.stderr:
            raise WorkbenchError(
                f"this clone and {upstream} share no history (two projects set up "
                "separately?)", fix="your work is committed; start from a clone of the "
                "team's repository (`git clone URL`) and bring your working files into it")
        raise WorkbenchError(f"git refused to merge {upstream}: {first_line(done)}",
                             fix="your work is committed; commit or remove the local changes "
                             "git names (or `workbench sync --all`), then sync again")
    unmerged = sorted(set(git.out("diff", "--name-only", "--diff-filter=U").splitlines()))
    problems = []
    for path in unmerged:
        stages = {line.split()[2] for line in git.out("ls-files", "-u", "--", path).splitlines()}
        if path.endswith(".xlf") and stages in ({"1", "2"}, {"1", "3"}, {"2"}, {"3"}):
            side = "--ours" if "2" in stages else "--theirs"
            git.run("checkout", side, "--", path)
            git.run("add", "--", path)
            report.lines.append(f"{path}: deleted in one clone and changed in the other: "
                                "the changed file is kept")
        else:
            problems.append(path)
    if problems:
        git.run("merge", "--abort", check=False)
        names = ", ".join(problems[:5])
        driver = [line for line in report.lines if "merged by unit" not in line]
        raise WorkbenchError(
            f"could not merge {upstream}: {names}" + (f" ({driver[-1]})" if driver else
                                                       " changed on both sides"),
            fix="nothing was changed and your work is committed; merge those files with "
            f"git (`git merge {upstream}`, fix, `git commit`), then sync again")
    git.run("commit", "--no-edit", "-q")


def sync(project: Project, *, user: str, remote: str | None = None, everything: bool = False,
         message: str | None = None) -> SyncReport:
    """Commit this user's saved work, fetch, merge (unit by unit), push."""
    git = _git(project, user)
    branch = _refuse_unfinished(git)
    name = _remote(git, branch, remote)
    upstream = f"{name}/{branch}"
    report = SyncReport()
    with _all_locks(project, user):
        setup = _setup(git, project)
        report.committed = _commit(git, project, user, setup, everything, message)
        if report.committed:
            report.lines.append(f"committed your work as {report.committed}")
        for _attempt in range(PUSH_ATTEMPTS):
            fetched = git.run("fetch", "-q", name, remote=True, check=False)
            if fetched.returncode != 0:
                _offline(report, name, fetched)
                break
            born = _exists(git, "HEAD")  # a fresh clone of an empty repository has no commit
            if _exists(git, f"refs/remotes/{upstream}"):
                behind = _count(git, f"HEAD..{upstream}" if born else upstream)
                if behind:
                    _merge(git, upstream, report)
                    report.received += behind
                    report.lines.append(f"received {behind} commit(s) from {upstream}")
                ahead = _count(git, f"{upstream}..HEAD")
            else:
                ahead = _count(git, "HEAD") if born else 0
            if not ahead:
                break
            pushed = git.run("push", "-q", "-u", name, f"HEAD:refs/heads/{branch}",
                             remote=True, check=False)
            if pushed.returncode == 0:
                report.sent = True
                report.lines.append(f"sent {ahead} commit(s) to {upstream}")
                break
            if not _rejected(pushed):
                _offline(report, name, pushed)
                break
        else:
            report.lines.append(f"{upstream} kept moving while syncing; run sync again")
    _after(project, report)
    return report


def _rejected(done) -> bool:
    text = done.stderr.lower()
    return "rejected" in text or "fetch first" in text or "non-fast-forward" in text


def _offline(report: SyncReport, name: str, done) -> None:
    report.offline = True
    kept = f" (commit {report.committed})" if report.committed else ""
    report.lines.append(f"offline: {name} could not be reached ({first_line(done)}); your "
                        f"work is committed here{kept} and safe; run `workbench sync` again "
                        "when it can be reached")


def _after(project: Project, report: SyncReport) -> None:
    """Every working file must load after a merge; count the conflicts to review."""
    for doc_id in store.stored_ids(project):
        try:
            store.load_stored(project, doc_id)
        except WorkbenchError as exc:
            report.lines.append(f"warning: {exc}")
    found = list_conflicts(project)
    report.conflicts = sum(len(region.unit_ids) for _doc, region in found)
    report.conflict_documents = len({doc for doc, _region in found})
    if report.conflicts:
        report.lines.append(f"{report.conflicts} unit(s) in conflict in "
                            f"{report.conflict_documents} document(s) wait for review: "
                            "`workbench conflicts`")
    elif not (report.committed or report.received or report.sent or report.offline):
        report.lines.append("nothing to do: your work and the remote's are the same")


def team_init(project: Project, *, user: str, remote: str | None = None) -> list[str]:
    """Make the project folder a team project: a git repository (created if needed) with
    the merge driver, `.gitattributes`, `.gitignore`, the remote, and a first commit of
    the project's files."""
    lines = []
    git = Git.find(project.root, env={"WORKBENCH_USER": user})
    if git is None:
        Git(project.root).run("init", "-q")
        git = Git(project.root, {"WORKBENCH_USER": user})
        lines.append(f"created a git repository in {project.root}")
    for name in _setup(git, project):
        lines.append(f"wrote {name}")
    lines.append("registered the unit-level merge driver for translations/*.xlf "
                 "(git config merge.workbench.driver)")
    if remote:
        known = git.out("remote").split()
        git.run("remote", "set-url" if "origin" in known else "add", "origin", remote)
        lines.append(f"remote origin: {remote}")
    git.run("add", "-A", "--", git.path_of(project.root))
    if git.out("diff", "--cached", "--name-only"):
        done = git.run("commit", "-q", "-m", f"workbench team init ({user})", check=False)
        if done.returncode != 0:
            raise WorkbenchError(f"git could not commit the project: {first_line(done)}",
                                 fix="tell git who you are: `git config user.name \"…\"` and "
                                 "`git config user.email \"…\"`, then run this again")
        lines.append(f"committed the project as {git.out('rev-parse', '--short', 'HEAD')}")
    lines.append("next: `workbench sync` sends it and brings the others' work")
    return lines
