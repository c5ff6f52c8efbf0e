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
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from workbench.errors import WorkbenchError
from workbench.mt.models import ModelInfo
from workbench.settings import env_choice, env_int

# What CTranslate2 accepts (`ctranslate2.Translator(device=…, compute_type=…)`).
DEVICES = ("cpu", "cuda", "auto")
COMPUTE_TYPES = ("auto", "default", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
                 "int16", "float16", "bfloat16", "float32")


# Source tokens × beam per batch. On CPU (bench/bench_mt.py, Argos-sized model, 2 cores)
# 512 tokens at beam 4 and 512-1,024 at beam 2 were fastest: larger batches pad more
# and attend over more, smaller ones leave the matrix products too thin.
BATCH_BUDGET = 2048


@dataclass(frozen=True)
class EngineSettings:
    """How the model runs. Defaults suit a laptop CPU: int8 weights, beam 2, all cores.

    On CPU, throughput comes from running several token batches at once (CTranslate2's
    `inter_threads`, one core each) rather than splitting one small batch over cores."""

    device: str = "cpu"
    compute_type: str = "auto"  # "auto": int8 on CPU (when supported), the model's own on GPU
    beam_size: int = 2  # 2 keeps nearly all of beam 4's quality at about half the cost
    threads: int = 0  # CPU cores to use (batches run in parallel, one core each); 0: all
    max_batch_tokens: int = 0  # source tokens per batch, padding included; 0: by the beam
    chunk_batches: int = 2  # batches queued per worker (keeps every worker busy)
    length_penalty: float = 0.2  # as Argos Translate decodes its own models
    max_input_tokens: int = 1024

    @classmethod
    def from_env(cls, **overrides) -> EngineSettings:
        """Defaults, then `$WORKBENCH_MT_BEAM`, `$WORKBENCH_MT_THREADS`,
        `$WORKBENCH_MT_BATCH_TOKENS`, `$WORKBENCH_MT_COMPUTE_TYPE`, `$WORKBENCH_MT_DEVICE`,
        then explicit overrides."""
        base = cls(
            device=env_choice("WORKBENCH_MT_DEVICE", "cpu", DEVICES),
            compute_type=env_choice("WORKBENCH_MT_COMPUTE_TYPE", "auto", COMPUTE_TYPES),
            beam_size=env_int("WORKBENCH_MT_BEAM", 2, minimum=1, maximum=64),
            threads=env_int("WORKBENCH_MT_THREADS", 0, minimum=0, maximum=1024),
            max_batch_tokens=env_int("WORKBENCH_MT_BATCH_TOKENS", 0, minimum=0,
                                     maximum=1 << 20),
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

    def workers(self) -> int:
        return self.threads if self.threads > 0 else max(1, os.cpu_count() or 1)

    def batch_tokens(self) -> int:
        """Source tokens per batch (one CTranslate2 call each): `max_batch_tokens`, or
        else `BATCH_BUDGET` divided by the beam. The decoder works on batch × beam rows
        at every step, so a wider beam wants fewer segments per batch."""
        if self.max_batch_tokens:
            return max(16, self.max_batch_tokens)
        return max(64, BATCH_BUDGET // self.beam_size)

    def resolved_compute_type(self) -> str:
        if self.compute_type != "auto":
            return self.compute_type
        if self.device == "cpu":
            import ctranslate2

            return "int8" if "int8" in ctranslate2.get_supported_compute_types("cpu") else "default"
        return "default"


def engine_label(model: ModelInfo, settings: EngineSettings) -> str:
    """How a proposal says which model made it (in its detail)."""
    return f"argos {model.from_code}→{model.to_code} {model.version}, beam {settings.beam_size}"


def plan_batches(lengths: Sequence[int], max_tokens: int) -> list[list[int]]:
    """Indices of the non-empty segments, sorted by length (so a batch pads little) and
    cut so that no batch holds more than `max_tokens` tokens, padding included. The same
    lengths always give the same batches: wherever a batch runs, it gives the same result."""
    order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        if current and lengths[i] * (len(current) + 1) > max_tokens:
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def plan_segments(texts: Sequence[str], tokenize: Callable[[str], list[str]],
                  settings: EngineSettings
                  ) -> tuple[list[int], list[tuple[list[int], list[list[str]]]]]:
    """The segments with nothing to translate, and (indices, their pieces) per batch:
    the one plan that the engine here and the actors of a cluster both run."""
    tokens = [tokenize(t) if t.strip() else [] for t in texts]
    empty = [i for i, pieces in enumerate(tokens) if not pieces]
    batches = plan_batches([len(t) for t in tokens], settings.batch_tokens())
    return empty, [(indices, [tokens[i] for i in indices]) for indices in batches]


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

        self.model = model
        self.settings = settings
        self.sp = _sentencepiece(model)
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
        self._lock = threading.Lock()  # CT2 queues calls itself; submit from one thread at a time

    @property
    def label(self) -> str:
        return engine_label(self.model, self.settings)

    def tokenize(self, text: str) -> list[str]:
        return _pieces(self.sp, text, self.settings)

    def detokenize(self, pieces: list[str]) -> str:
        prefix = self.model.target_prefix
        if prefix and pieces and pieces[0] == prefix:
            pieces = pieces[1:]
        # decode_pieces keeps "_" (argos turns every underscore into a space)
        return self.sp.decode_pieces(pieces).strip()

    def translate(self, texts: Sequence[str],
                  progress: Callable[[int], None] | None = None) -> list[MTResult]:
        """Translate segments in length-sorted token batches; order kept. `progress(n)`
        is called as each batch finishes with the number of segments in it."""
        results: list[MTResult] = [MTResult("", 0.0)] * len(texts)
        for indices, batch in self.translate_stream(texts):
            for i, result in zip(indices, batch, strict=True):
                results[i] = result
            if progress is not None:
                progress(len(indices))
        return results

    def translate_stream(self, texts: Sequence[str]
                         ) -> Iterator[tuple[list[int], list[MTResult]]]:
        """(indices into `texts`, their results) per batch, as batches finish; empty
        texts come first, with empty results."""
        empty, batches = plan_segments(texts, self.tokenize, self.settings)
        if empty:
            yield empty, [MTResult("", 0.0)] * len(empty)
        yield from zip((indices for indices, _ in batches),
                       self.run_batches([pieces for _, pieces in batches]), strict=True)

    def run_batches(self, batches: Iterable[list[list[str]]]) -> Iterator[list[MTResult]]:
        """Translate batches of tokenised segments, each in one CTranslate2 call (so a
        batch gives the same result wherever it runs), several at once on the
        `inter_threads` workers; results come in the order of `batches`."""
        in_flight: deque[list] = deque()
        limit = self.settings.workers() * max(1, self.settings.chunk_batches)
        for batch in batches:
            with self._lock:
                in_flight.append(self._submit(batch))
            while len(in_flight) >= limit:
                yield self._collect(in_flight.popleft())
        while in_flight:
            yield self._collect(in_flight.popleft())

    def _submit(self, batch: list[list[str]]) -> list:
        longest = max(len(t) for t in batch)
        prefix = [[self.model.target_prefix]] * len(batch) if self.model.target_prefix else None
        return self.translator.translate_batch(
            batch, target_prefix=prefix, max_batch_size=0, beam_size=self.settings.beam_size,
            length_penalty=self.settings.length_penalty, return_scores=True,
            max_decoding_length=min(512, 2 * longest + 10), replace_unknowns=True,
            asynchronous=True)

    def _collect(self, pending: list) -> list[MTResult]:
        out = []
        for item in pending:
            res = item.result()
            hyp = res.hypotheses[0]
            out.append(MTResult(self.detokenize(hyp), self._confidence(res.scores[0], hyp)))
        return out

    def _confidence(self, score: float, hyp: list[str]) -> float:
        """CTranslate2's score is the log-probability divided by length**length_penalty;
        undo that to a per-token mean and map it to a probability."""
        n = len(hyp) + 1  # + </s>
        mean_logprob = score * (n ** self.settings.length_penalty) / n
        return max(0.0, min(1.0, math.exp(mean_logprob)))


def _sentencepiece(model: ModelInfo):
    import sentencepiece

    sp_path = model.path / "sentencepiece.model"
    if not sp_path.is_file():
        raise WorkbenchError("package has no sentencepiece.model (BPE packages are not "
                             "supported)", path=model.path, fix="install a current Argos package")
    return sentencepiece.SentencePieceProcessor(model_file=str(sp_path))


def load_tokenizer(model: ModelInfo, settings: EngineSettings) -> Callable[[str], list[str]]:
    """The model's tokeniser alone (no translator loaded), exactly as `Engine.tokenize`:
    a driver plans batches with it for workers that hold the translator."""
    sp = _sentencepiece(model)
    return lambda text: _pieces(sp, text, settings)


def _pieces(sp, text: str, settings: EngineSettings) -> list[str]:
    """A segment's pieces as the model reads them: cut at `max_input_tokens`."""
    return sp.encode(text, out_type=str)[: settings.max_input_tokens]


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
