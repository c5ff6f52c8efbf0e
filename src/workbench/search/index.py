"""The concordance index: one SQLite file, rows per source, an FTS5 table over their
words, brought up to date source by source and, within a source, row by row.

Tables: `sources` (name, kind, stamp: what was indexed), `rows` (the texts shown, with a
digest to tell a changed row), `words` (FTS5: folded words and lemmas of both sides,
rowid = rows.id). An index of another schema version, or one SQLite cannot read, is
rebuilt from scratch; so is a missing one.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.search.words import has_morphology, in_order, indexed, lemma_keys, spans, words

SCHEMA = 1
_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (name TEXT PRIMARY KEY, kind TEXT NOT NULL,
                                    stamp TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, source TEXT NOT NULL,
    unit TEXT NOT NULL, position INTEGER NOT NULL, state TEXT NOT NULL,
    origin TEXT NOT NULL, source_text TEXT NOT NULL, target_text TEXT NOT NULL,
    digest TEXT NOT NULL, UNIQUE (source, unit));
CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(
    src, tgt, src_lemmas, tgt_lemmas, tokenize = "unicode61 remove_diacritics 0");
"""
SIDES = ("both", "source", "target")
# Above this many matching units, hits come in document order instead of by relevance:
# ranking (bm25) costs time for every match, and a word that common ("the") ranks every
# unit alike anyway.
RANK_LIMIT = 5000


@dataclass(frozen=True)
class Row:
    """One searchable pair: a unit of a document, or an entry of a translation memory."""

    unit_id: str
    position: int
    source_text: str
    target_text: str
    state: str = ""  # a document unit's state ("" for a TM entry)
    origin: str = ""  # where the English came from ("tm-fuzzy", "manual", …; "" for a TM)

    @property
    def digest(self) -> str:
        data = "\x00".join((str(self.position), self.state, self.origin, self.source_text,
                            self.target_text))
        return hashlib.blake2b(data.encode("utf-8"), digest_size=12).hexdigest()


@dataclass(frozen=True)
class Source:
    """Where rows come from: `name` is the document id (or the TM's name), `kind`
    "document" or "tm", `stamp` changes whenever its rows may have changed, `rows`
    reads them (called only when the stamp changed)."""

    name: str
    kind: str
    stamp: str
    rows: Callable[[], Iterable[Row]]


@dataclass
class SyncReport:
    """What bringing the index up to date did."""

    sources_read: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    rows_written: int = 0
    rows_removed: int = 0
    rebuilt: bool = False


@dataclass(frozen=True)
class Query:
    """The words to find: on `side` "both", "source" or "target"; by lemma (the
    language's morphology) or by word form; at most `limit` hits."""

    text: str
    side: str = "both"
    lemma: bool = False
    limit: int = 50


@dataclass(frozen=True)
class Hit:
    kind: str  # "document" or "tm"
    source: str  # document id or TM name
    unit_id: str
    position: int
    state: str
    origin: str
    source_text: str
    target_text: str
    source_spans: tuple[tuple[int, int], ...]
    target_spans: tuple[tuple[int, int], ...]
    phrase: bool  # the words stand together, in order, as typed


@dataclass(frozen=True)
class Result:
    query: Query
    hits: list[Hit]
    total: int  # rows that match (the hits are the best `limit` of them)


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class ConcordanceIndex:
    """The index in one SQLite file (`path`; None keeps it in memory). A connection is
    state, hence a class; safe to share between threads (the TUI searches in a worker)."""

    def __init__(self, path: Path | None, *, source_lang: str, target_lang: str) -> None:
        self.path = path
        self.source_lang, self.target_lang = source_lang, target_lang
        self._lock = threading.RLock()
        self._db = self._open()

    # --- the file -----------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        target = ":memory:" if self.path is None else str(self.path)
        db = sqlite3.connect(target, timeout=30, check_same_thread=False,
                             isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL" if self.path is not None
                   else "PRAGMA journal_mode=MEMORY")
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def _open(self) -> sqlite3.Connection:
        """The index, created (or rebuilt when unreadable or of another version)."""
        self.rebuilt = False
        try:
            db = self._connect()
            db.executescript(_DDL)
            if self._compatible(db):
                return db
            db.close()
        except sqlite3.DatabaseError:
            pass
        if self.path is not None:  # unreadable or of another version: start again
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self.rebuilt = True
        db = self._connect()
        db.executescript(_DDL)
        self._compatible(db)
        return db

    def _compatible(self, db: sqlite3.Connection) -> bool:
        wanted = {"schema": str(SCHEMA), "languages": f"{self.source_lang}>{self.target_lang}"}
        found = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if not found:
            db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           wanted.items())
            return True
        return found == wanted

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- keeping it up to date ----------------------------------------------------

    def stamps(self) -> dict[str, str]:
        with self._lock:
            return dict(self._db.execute("SELECT name, stamp FROM sources").fetchall())

    def sync(self, sources: Sequence[Source]) -> SyncReport:
        """Read again only the sources whose stamp changed (and, in them, write only the
        rows that changed); forget sources that are gone."""
        report = SyncReport(rebuilt=self.rebuilt)
        self.rebuilt = False
        known = self.stamps()
        names = {s.name for s in sources}
        stale = [s for s in sources if known.get(s.name) != s.stamp]
        gone = [name for name in known if name not in names]
        if not stale and not gone:
            return report
        rows = {s.name: list(s.rows()) for s in stale}  # read before the write lock
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                current = dict(db.execute("SELECT name, stamp FROM sources").fetchall())
                for source in stale:
                    if current.get(source.name) == source.stamp:
                        continue  # another process brought it up to date meanwhile
                    written, removed = self._write_source(db, source, rows[source.name])
                    report.sources_read.append(source.name)
                    report.rows_written += written
                    report.rows_removed += removed
                for name in gone:
                    report.rows_removed += self._drop_source(db, name)
                    report.sources_removed.append(name)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return report

    def _word_columns(self, row: Row) -> tuple[str, str, str, str]:
        src, src_lemmas = indexed(row.source_text, self.source_lang)
        tgt, tgt_lemmas = indexed(row.target_text, self.target_lang)
        return src, tgt, src_lemmas, tgt_lemmas

    def _write_source(self, db: sqlite3.Connection, source: Source,
                      rows: list[Row]) -> tuple[int, int]:
        have = {unit: (rowid, digest) for rowid, unit, digest in db.execute(
            "SELECT id, unit, digest FROM rows WHERE source = ?", (source.name,))}
        written = removed = 0
        seen: set[str] = set()
        for row in rows:
            if row.unit_id in seen:
                continue
            seen.add(row.unit_id)
            old = have.get(row.unit_id)
            digest = row.digest
            if old is not None and old[1] == digest:
                continue
            values = (row.position, row.state, row.origin, row.source_text, row.target_text,
                      digest)
            if old is None:
                rowid = db.execute(
                    "INSERT INTO rows (source, unit, position, state, origin, source_text, "
                    "target_text, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (source.name, row.unit_id, *values)).lastrowid
            else:
                rowid = old[0]
                db.execute("UPDATE rows SET position = ?, state = ?, origin = ?, "
                           "source_text = ?, target_text = ?, digest = ? WHERE id = ?",
                           (*values, rowid))
                db.execute("DELETE FROM words WHERE rowid = ?", (rowid,))
            db.execute("INSERT INTO words (rowid, src, tgt, src_lemmas, tgt_lemmas) "
                       "VALUES (?, ?, ?, ?, ?)", (rowid, *self._word_columns(row)))
            written += 1
        for unit, (rowid, _digest) in have.items():
            if unit not in seen:
                db.execute("DELETE FROM rows WHERE id = ?", (rowid,))
                db.execute("DELETE FROM words WHERE rowid = ?", (rowid,))
                removed += 1
        db.execute("INSERT OR REPLACE INTO sources (name, kind, stamp) VALUES (?, ?, ?)",
                   (source.name, source.kind, source.stamp))
        return written, removed

    def _drop_source(self, db: sqlite3.Connection, name: str) -> int:
        ids = [r for (r,) in db.execute("SELECT id FROM rows WHERE source = ?", (name,))]
        db.executemany("DELETE FROM words WHERE rowid = ?", ((r,) for r in ids))
        db.execute("DELETE FROM rows WHERE source = ?", (name,))
        db.execute("DELETE FROM sources WHERE name = ?", (name,))
        return len(ids)

    # --- looking up ---------------------------------------------------------------

    def _terms(self, query: Query) -> list[tuple[str, list[frozenset[str]]]]:
        """(FTS5 column, one key set per query word) for each side searched."""
        typed = words(query.text)
        sides = {"both": ("source", "target"), "source": ("source",),
                 "target": ("target",)}[query.side]
        out = []
        for side in sides:
            lang = self.source_lang if side == "source" else self.target_lang
            if query.lemma and has_morphology(lang):
                column = "src_lemmas" if side == "source" else "tgt_lemmas"
                keys = [frozenset(lemma_keys(w, lang)) for w in typed]
            else:
                column = "src" if side == "source" else "tgt"
                keys = [frozenset((w,)) for w in typed]
            out.append((column, keys))
        return out

    def _match(self, query: Query, phrase: bool) -> str:
        """The FTS5 query: every word (any of its lemmas) on one side; with `phrase`,
        the words next to each other in the order typed (word forms only)."""
        parts = []
        for column, keys in self._terms(query):
            if phrase:
                expr = '"' + " ".join(w.replace('"', '""') for k in keys for w in k) + '"'
            else:
                expr = " AND ".join("(" + " OR ".join(_quote(w) for w in sorted(k)) + ")"
                                    for k in keys)
            parts.append(f"({column} : ({expr}))")
        return " OR ".join(parts)

    def search(self, query: Query) -> Result:
        """The best hits for the query: rows where the words stand together as typed
        first, then the others by relevance (FTS5's bm25); `total` counts them all."""
        if query.side not in SIDES:
            raise ValueError(f"side must be one of {SIDES}")
        typed = words(query.text)
        if not typed:
            return Result(query, [], 0)
        terms = self._terms(query)
        every = self._match(query, phrase=False)
        with self._lock:
            db = self._db
            (total,) = db.execute("SELECT count(*) FROM words WHERE words MATCH ?",
                                  (every,)).fetchone()
            order = " ORDER BY rank" if total <= RANK_LIMIT else ""
            top = f"SELECT rowid FROM words WHERE words MATCH ?{order} LIMIT ?"
            ids: list[int] = []
            if not query.lemma and len(typed) > 1:  # the phrase as typed comes first
                ids = [r for (r,) in db.execute(top, (self._match(query, phrase=True),
                                                      query.limit))]
            together = set(ids)
            # by lemma, the phrase is told apart below, among more of the best hits
            wanted = query.limit * (4 if query.lemma else 1) + len(ids)
            if len(ids) < query.limit:
                ids += [r for (r,) in db.execute(top, (every, wanted)) if r not in together]
            found = {r[0]: r for r in db.execute(
                "SELECT r.id, s.kind, r.source, r.unit, r.position, r.state, r.origin, "
                "r.source_text, r.target_text FROM rows r JOIN sources s ON s.name = r.source "
                f"WHERE r.id IN ({','.join('?' * len(ids))})", ids)}
        keys = dict(terms)
        src_keys = keys.get("src_lemmas", keys.get("src", []))
        tgt_keys = keys.get("tgt_lemmas", keys.get("tgt", []))
        def phrase(rowid: int, src: str, tgt: str) -> bool:
            return rowid in together or len(typed) == 1 or (query.lemma and (
                in_order(src, src_keys, self.source_lang)
                or in_order(tgt, tgt_keys, self.target_lang)))

        rows = [(found[r], phrase(r, found[r][7], found[r][8])) for r in ids]
        if query.lemma:
            rows.sort(key=lambda row: not row[1])  # stable: relevance within each group
        hits = []
        for (_, kind, source, unit, position, state, origin, src, tgt), is_phrase in \
                rows[:query.limit]:  # spans only for the hits shown
            src_spans = spans(src, src_keys, self.source_lang if query.lemma else None)
            tgt_spans = spans(tgt, tgt_keys, self.target_lang if query.lemma else None)
            hits.append(Hit(kind, source, unit, position, state, origin, src, tgt,
                            tuple(src_spans), tuple(tgt_spans), is_phrase))
        return Result(query, hits, total)

    def count(self) -> int:
        with self._lock:
            (n,) = self._db.execute("SELECT count(*) FROM rows").fetchone()
        return n
