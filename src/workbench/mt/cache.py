"""A persistent cache of neural MT results, so a repeated `workbench translate` costs
nothing: `mt.sqlite3` in the project's cache folder (`Project.cache_dir`, gitignored).

The key covers everything the result depends on: engine, model fingerprint (name,
version, weights file), decoding settings, glossary hash and the source text.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from workbench.model import Issue, Origin, Proposal, Severity

CACHE_FILE = "mt.sqlite3"


def cache_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def file_hash(path: Path | None) -> str:
    """sha256 of a file's bytes ("none" when there is no file): the glossary's version."""
    if path is None:
        return "none"
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "none"


def _encode(proposal: Proposal) -> str:
    return json.dumps({
        "text": proposal.text, "origin": str(proposal.origin), "score": proposal.score,
        "detail": proposal.detail,
        "issues": [{"rule": i.rule, "severity": str(i.severity), "message": i.message,
                    "fix": i.fix} for i in proposal.issues],
    }, ensure_ascii=False)


def _decode(raw: str) -> Proposal:
    data = json.loads(raw)
    issues = tuple(Issue(i["rule"], Severity(i["severity"]), i["message"], i.get("fix"))
                   for i in data.get("issues", []))
    return Proposal(data["text"], Origin(data["origin"]), float(data["score"]),
                    data.get("detail", ""), issues)


class ProposalCache:
    """sqlite-backed key → Proposal store (a connection is state, hence a class). Safe to
    share between threads (the TUI proposes from a worker); sqlite's own locking keeps
    two processes (a batch run and the TUI) apart."""

    def __init__(self, folder: Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:  # not a database (a crash, a stray file): start afresh
            self.path.replace(self.path.with_suffix(".corrupt"))
            self._db = self._open()
        self._lock = threading.Lock()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        db.execute("CREATE TABLE IF NOT EXISTS proposals (key TEXT PRIMARY KEY, "
                   "value TEXT NOT NULL)")
        db.commit()
        return db

    def get_many(self, keys: Iterable[str]) -> dict[str, Proposal]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, Proposal] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            with self._lock:
                rows = self._db.execute(
                    f"SELECT key, value FROM proposals WHERE key IN ({marks})", chunk).fetchall()
            for key, value in rows:
                try:
                    found[key] = _decode(value)
                except (ValueError, KeyError):
                    continue  # an entry from an older format: recomputed
        return found

    def put_many(self, items: dict[str, Proposal]) -> None:
        if not items:
            return
        rows = [(k, _encode(p)) for k, p in items.items()]
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO proposals (key, value) VALUES (?, ?)",
                                 rows)
            self._db.commit()

    def close(self) -> None:
        self._db.close()


_OPEN: dict[Path, ProposalCache] = {}
_OPEN_LOCK = threading.Lock()


def shared_cache(folder: Path) -> ProposalCache | None:
    """The cache in a project's cache `folder` (`Project.cache_dir`), opened once per
    process; None where it cannot be written (a read-only folder)."""
    key = Path(folder)
    with _OPEN_LOCK:
        cache = _OPEN.get(key)
        if cache is None:
            try:
                cache = _OPEN[key] = ProposalCache(key)
            except (OSError, sqlite3.Error):
                return None
        return cache
