"""Neural MT on an installed Argos package, driving CTranslate2 and SentencePiece directly.

Why not `argostranslate.translate`: it imports stanza, spaCy and torch (~3 s), its
sentence splitter downloads a model on first use, and it translates one paragraph per
`translate_batch` call. Segments here come already split by the segmenter, so many segments go
into each call, sorted by length and batched by tokens, with int8 weights on CPU.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from workbench.errors import WorkbenchError
from workbench.mt.models import ModelInfo
from workbench.settings import env_choice, env_int

# What CTranslate2 accepts (`ctranslate2.Translator(device=…, compute_type=…)`).
DEVICES = ("cpu", "cuda", "auto")
COMPUTE_TYPES = ("auto", "default", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
                 "int16", "float16", "bfloat16", "float32")


@dataclass(frozen=True)
class EngineSettings:
    """How the model runs. Defaults suit a laptop CPU: int8 weights, beam 2, all cores.

    On CPU, throughput comes from running several token batches at once (CTranslate2's
    `inter_threads`, one core each) rather than splitting one small batch over cores."""

    device: str = "cpu"
    compute_type: str = "auto"  # "auto": int8 on CPU (when supported), the model's own on GPU
    beam_size: int = 2  # 2 keeps nearly all of beam 4's quality at about half the cost
    threads: int = 0  # CPU cores to use (batches run in parallel, one core each); 0: all
    max_batch_tokens: int = 1024  # tokens per CTranslate2 batch (batch_type="tokens")
    chunk_batches: int = 8  # batches per worker per translate_batch call (progress per call)
    length_penalty: float = 0.2  # as Argos Translate decodes its own models
    max_input_tokens: int = 1024

    @classmethod
    def from_env(cls, **overrides) -> EngineSettings:
        """Defaults, then `$WORKBENCH_MT_BEAM`, `$WORKBENCH_MT_THREADS`,
        `$WORKBENCH_MT_COMPUTE_TYPE`, `$WORKBENCH_MT_DEVICE`, then explicit overrides."""
        base = cls(
            device=env_choice("WORKBENCH_MT_DEVICE", "cpu", DEVICES),
            compute_type=env_choice("WORKBENCH_MT_COMPUTE_TYPE", "auto", COMPUTE_TYPES),
            beam_size=env_int("WORKBENCH_MT_BEAM", 2, minimum=1, maximum=64),
            threads=env_int("WORKBENCH_MT_THREADS", 0, minimum=0, maximum=1024),
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

    def workers(self) -> int:
        return self.threads if self.threads > 0 else max(1, os.cpu_count() or 1)

    @property
    def chunk_tokens(self) -> int:
        return self.max_batch_tokens * self.chunk_batches * self.workers()

    def resolved_compute_type(self) -> str:
        if self.compute_type != "auto":
            return self.compute_type
        if self.device == "cpu":
            import ctranslate2

            return "int8" if "int8" in ctranslate2.get_supported_compute_types("cpu") else "default"
        return "default"


@dataclass(frozen=True)
class MTResult:
    """One translation: the text and the model's confidence (geometric-mean token probability)."""

    text: str
    confidence: float


class Engine:
    """A loaded model (CTranslate2 translator + SentencePiece processor). Holds state, hence
    a class; get one through `get_engine()` so each model loads once per process."""

    def __init__(self, model: ModelInfo, settings: EngineSettings) -> None:
        import ctranslate2
        import sentencepiece

        self.model = model
        self.settings = settings
        sp_path = model.path / "sentencepiece.model"
        if not sp_path.is_file():
            raise WorkbenchError("package has no sentencepiece.model (BPE packages are not "
                                 "supported)", path=model.path,
                                 fix="install a current Argos package")
        self.sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
        try:
            self.translator = ctranslate2.Translator(
                str(model.path / "model"), device=settings.device,
                compute_type=settings.resolved_compute_type(),
                inter_threads=settings.workers(), intra_threads=1)
        except (RuntimeError, ValueError) as exc:
            raise WorkbenchError(f"cannot load the CTranslate2 model: {exc}",
                                 path=model.path / "model",
                                 fix="reinstall the package with `workbench models install`") \
                from None
        self._lock = threading.Lock()  # one batch at a time: TUI worker and batch share it

    @property
    def label(self) -> str:
        m = self.model
        return f"argos {m.from_code}→{m.to_code} {m.version}, beam {self.settings.beam_size}"

    def tokenize(self, text: str) -> list[str]:
        return self.sp.encode(text, out_type=str)[: self.settings.max_input_tokens]

    def detokenize(self, pieces: list[str]) -> str:
        prefix = self.model.target_prefix
        if prefix and pieces and pieces[0] == prefix:
            pieces = pieces[1:]
        # decode_pieces keeps "_" (argos turns every underscore into a space)
        return self.sp.decode_pieces(pieces).strip()

    def translate(self, texts: Sequence[str],
                  progress: Callable[[int], None] | None = None) -> list[MTResult]:
        """Translate segments, length-sorted into few `translate_batch` calls; order kept.
        `progress(n)` is called after each call with the number of segments done in it."""
        results: list[MTResult | None] = [None] * len(texts)
        tokens = [self.tokenize(t) if t.strip() else [] for t in texts]
        order = sorted((i for i, toks in enumerate(tokens) if toks), key=lambda i: len(tokens[i]))
        for i, toks in enumerate(tokens):
            if not toks:
                results[i] = MTResult("", 0.0)
        for chunk in self._chunks(order, tokens):
            batch = [tokens[i] for i in chunk]
            longest = max(len(t) for t in batch)
            prefix = ([[self.model.target_prefix]] * len(batch)
                      if self.model.target_prefix else None)
            with self._lock:
                out = self.translator.translate_batch(
                    batch, target_prefix=prefix, max_batch_size=self.settings.max_batch_tokens,
                    batch_type="tokens", beam_size=self.settings.beam_size,
                    length_penalty=self.settings.length_penalty, return_scores=True,
                    max_decoding_length=min(512, 2 * longest + 10), replace_unknowns=True)
            for i, res in zip(chunk, out, strict=True):
                hyp = res.hypotheses[0]
                results[i] = MTResult(self.detokenize(hyp), self._confidence(res.scores[0], hyp))
            if progress is not None:
                progress(len(chunk))
        return [r if r is not None else MTResult("", 0.0) for r in results]

    def _chunks(self, order: list[int], tokens: list[list[str]]) -> list[list[int]]:
        chunks: list[list[int]] = []
        current: list[int] = []
        size = 0
        for i in order:
            if current and size + len(tokens[i]) > self.settings.chunk_tokens:
                chunks.append(current)
                current, size = [], 0
            current.append(i)
            size += len(tokens[i])
        if current:
            chunks.append(current)
        return chunks

    def _confidence(self, score: float, hyp: list[str]) -> float:
        """CTranslate2's score is the log-probability divided by length**length_penalty;
        undo that to a per-token mean and map it to a probability."""
        n = len(hyp) + 1  # + </s>
        mean_logprob = score * (n ** self.settings.length_penalty) / n
        return max(0.0, min(1.0, math.exp(mean_logprob)))


_ENGINES: dict[tuple, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def get_engine(model: ModelInfo, settings: EngineSettings | None = None) -> Engine:
    """The engine for this model and settings, loaded once per process (reloaded when the
    package on disk changes, e.g. after `workbench models install`)."""
    settings = settings or EngineSettings.from_env()
    key = (str(model.path), model.fingerprint, settings)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            for old in [k for k in _ENGINES if k[0] == key[0]]:
                del _ENGINES[old]
            engine = _ENGINES[key] = Engine(model, settings)
        return engine
