"""Build a tiny but real Argos Translate package (`.argosmodel`) for tests and benchmarks.

No real ru→en weights can be downloaded here, so tests run the real code path on a
random-weight model built on the spot: a SentencePiece model trained on the corpus
lines, a CTranslate2 Transformer written through the converter/spec API with seeded
weights, zipped with `metadata.json` under one top-level folder, exactly as Argos ships
packages. The output is gibberish, but the same on every run.

Building imports `ctranslate2.converters`, which pulls in torch (~2 s): build once per
test session (or benchmark run) and reuse the zip. The SentencePiece model is trained on
lines the caller gives (`corpus_lines(root)` reads a project's texts).

    python -m workbench.testing.argos_tiny OUT_DIR [PROJECT_ROOT]
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

D_MODEL = 32
D_FFN = 64
NAMES = {"ru": "Russian", "en": "English", "de": "German", "fr": "French"}


def corpus_lines(root: Path) -> list[str]:
    """Non-empty lines of a project's texts (both sides): SentencePiece training text."""
    lines: list[str] = []
    for folder in ("sources", "translations"):
        for path in sorted((root / folder).glob("*.txt")):
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    lines.append(line.strip())
    return lines


def train_sentencepiece(lines: Iterable[str], vocab_size: int = 300) -> bytes:
    """A small unigram SentencePiece model; ids 0/1/2 are <unk>/<s>/</s> as CTranslate2 expects."""
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)), model_writer=buf, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1, num_threads=1, minloglevel=2,
        normalization_rule_name="identity",
    )
    return buf.getvalue()


def _vocabulary(sp_model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _make_spec(vocab: list[str], seed: int, eos_bias: float = 4.0, d_model: int = D_MODEL,
               d_ffn: int = D_FFN, layers: int = 2, heads: int = 2, output_tokens: int = 0):
    """A pre-norm Transformer with seeded weights; EOS biased so decoding stops.

    `output_tokens` > 0 makes the decoder emit exactly that many tokens and then EOS,
    whatever the input, while doing all of its per-step work: its layers' output
    projections are zero (the residual stream carries the previous token's embedding),
    the embeddings are large orthogonal vectors, and the output projection maps each
    token of a chain to the next. Random weights alone stop at once or run to the length
    limit; a benchmark needs translation-like output lengths to be fair to decoding."""
    from ctranslate2.specs import TransformerSpec

    rng = np.random.default_rng(seed)
    d, ff, v = d_model, d_ffn, len(vocab)

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * min(0.2, 2.0 / np.sqrt(d))).astype(np.float32)

    def norm(spec) -> None:
        spec.gamma = np.ones(d, np.float32)
        spec.beta = np.zeros(d, np.float32)

    def linear(spec, out: int, inp: int) -> None:
        spec.weight = w(out, inp)
        spec.bias = np.zeros(out, np.float32)

    spec = TransformerSpec.from_config((layers, layers), num_heads=heads)
    spec.encoder.embeddings[0].weight = w(v, d)
    spec.decoder.embeddings.weight = w(v, d)
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, ff, d)
        linear(layer.ffn.linear_1, d, ff)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, ff, d)
        linear(layer.ffn.linear_1, d, ff)
    spec.decoder.projection.weight = w(v, d)
    bias = np.zeros(v, np.float32)
    bias[vocab.index("</s>")] = eos_bias  # else random weights decode to the length limit
    spec.decoder.projection.bias = bias
    if output_tokens:
        _chain_decoder(spec, vocab, d, output_tokens)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def _chain_decoder(spec, vocab: list[str], d: int, length: int) -> None:
    """Rewire the decoder to emit `length` chained tokens, then EOS (see _make_spec).

    Each token of the chain (and <s>) gets its own axis of the residual stream, so the
    chain needs `length + 1 <= d`; the rest of a vocabulary larger than `d` has zero
    embeddings and is never predicted, but its rows of the output projection are
    computed at every step, as a real model's are."""
    v = len(vocab)
    bos, eos = vocab.index("<s>"), vocab.index("</s>")
    chain = [i for i in range(v) if i not in (0, bos, eos)][:length]
    if len(chain) < length or length + 1 > d:
        raise ValueError(f"a {length}-token chain needs {length + 3} pieces and d > {length}")
    for layer in spec.decoder.layer:  # each sub-layer adds nothing to the residual stream
        for out in (layer.self_attention.linear[1], layer.attention.linear[2],
                    layer.ffn.linear_1):
            out.weight = np.zeros_like(out.weight)
    axis = ({i: i for i in range(v)} if v <= d
            else {token: k for k, token in enumerate([bos, *chain])})
    embeddings = np.zeros((v, d), np.float32)
    for token, k in axis.items():
        embeddings[token, k] = 100.0  # dwarfs the position encoding
    spec.decoder.embeddings.weight = embeddings
    projection = np.zeros((v, d), np.float32)
    for prev, nxt in zip([bos, *chain], [*chain, eos], strict=True):
        projection[nxt, axis[prev]] = 1.0  # after layer norm, `prev` reads ~sqrt(d) on its axis
    spec.decoder.projection.weight = projection
    spec.decoder.projection.bias = np.zeros(v, np.float32)


def build_package(out_dir: Path, lines: Iterable[str], *, from_code: str = "ru",
                  to_code: str = "en", version: str = "0.0.1", seed: int = 1,
                  quantization: str | None = None, vocab_size: int = 300,
                  eos_bias: float = 4.0, d_model: int = D_MODEL, d_ffn: int = D_FFN,
                  layers: int = 2, heads: int = 2, output_tokens: int = 0,
                  model_vocabulary: int = 0) -> Path:
    """Write `translate-<from>_<to>-<version>.argosmodel` into `out_dir` and return its path.

    Defaults: the tiny test model (d=32, 2+2 layers, ~300 pieces). Argos's own models are
    Transformer-base (d=512, 6+6 layers) with a 50,000-piece shared vocabulary; the sizes
    are parameters for benchmarks. `model_vocabulary` rows in the model's embeddings and
    output projection when the training text gives SentencePiece fewer pieces (the extra
    entries are never produced by the tokenizer: they cost what a real model's do)."""
    from ctranslate2.converters import Converter

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sp_model = train_sentencepiece(lines, vocab_size)
    vocab = _vocabulary(sp_model)
    vocab += [f"<unused{i}>" for i in range(len(vocab), model_vocabulary)]

    class _SeededConverter(Converter):
        def _load(self):
            return _make_spec(vocab, seed, eos_bias, d_model, d_ffn, layers, heads,
                              output_tokens)

    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    staging = out_dir / f"{name}.build"
    model_dir = staging / "model"
    _SeededConverter().convert(str(model_dir), quantization=quantization, force=True)
    metadata = {
        "package_version": version, "argos_version": "1.9", "type": "translate",
        "from_code": from_code, "from_name": NAMES.get(from_code, from_code),
        "to_code": to_code, "to_name": NAMES.get(to_code, to_code), "links": [],
    }
    archive = out_dir / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{name}/metadata.json", json.dumps(metadata, indent=2))
        zf.writestr(f"{name}/sentencepiece.model", sp_model)
        zf.writestr(f"{name}/README.md", "Tiny random-weight test model: output is gibberish.\n")
        for path in sorted(model_dir.iterdir()):
            zf.write(path, f"{name}/model/{path.name}")
    shutil.rmtree(staging)
    return archive


def cached_package(base: Path, lines: Iterable[str], **options: Any) -> Path:
    """Build once into `base` (e.g. pytest's session base temp) and reuse the zip after
    (the key is the options, so give the same lines for the same `base`)."""
    key = "-".join(f"{k}={v}" for k, v in sorted(options.items())) or "default"
    folder = Path(base) / f"argos-tiny-{key}"
    found = sorted(folder.glob("*.argosmodel")) if folder.is_dir() else []
    return found[0] if found else build_package(folder, lines, **options)


def argos_env(home: Path) -> dict[str, str]:
    """Environment that puts Argos's data, config and cache dirs under `home`."""
    return {"XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"), "ARGOS_DEVICE_TYPE": "cpu"}


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    print(build_package(out, corpus_lines(Path(sys.argv[2] if len(sys.argv) > 2 else "."))))
