"""What every proposal engine is: one small Protocol, and the context the engines share.

An engine looks at the units it `wants` (given what the engines before it proposed) and
returns proposals for them. Quick engines (translation memory, rules) run first, unit by
unit; a batched engine (a neural model) then runs once over every unit it wants, so the
model loads once and sees many segments per call. `workbench.mt.chain` holds the
registry, in the order the engines run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from workbench.model import Proposal, TermHit, Unit

if TYPE_CHECKING:
    from workbench.mt.engine import EngineSettings, MTResult
    from workbench.mt.models import ModelInfo
    from workbench.mt.tm import TranslationMemory

Progress = Callable[[int], None]  # told how many units were finished, as they finish


class GlossaryLike(Protocol):
    """What MT needs of `workbench.glossary.Glossary`."""

    def match_source(self, text: str) -> list[TermHit]: ...

    def term(self, term_id: str): ...  # an entry with `.en` and `.kind`


class Translator(Protocol):
    """Where neural MT runs: this process (`workbench.mt.argos.LocalTranslator`) or a
    cluster (`workbench.distributed`). Results may come in any order."""

    window_units: int  # units to fill that a batch run hands it at a time


    def translate(self, model: ModelInfo, settings: EngineSettings, texts: Sequence[str]
                  ) -> Iterator[tuple[list[int], list[MTResult]]]:
        """(indices into `texts`, their results), batch by batch as they finish."""
        ...


@dataclass(frozen=True)
class ProposalContext:
    """Everything the engines may use, gathered once per call by `workbench.ops`."""

    source_lang: str
    target_lang: str
    glossary: GlossaryLike | None = None
    glossary_path: Path | None = None  # its file: the glossary's version in MT cache keys
    memory: TranslationMemory | None = None
    cache_dir: Path | None = None  # the project's cache folder (None: results not cached)
    settings: EngineSettings | None = None
    doc_id: str | None = None  # keeps a unit's own approved translation out of its TM hits
    translator: Translator | None = None  # where the model runs (None: this process)
    # The languages a line may be in (`[langid] languages`; None: the default set): the
    # rules read a Ukrainian or Kazakh line of a Russian document with that line's pack.
    languages: tuple[str, ...] | None = None
    # `[letterhead] romanisation`: the scheme for names in the source language's lines.
    romanisation: str | None = None


class ProposalEngine(Protocol):
    """One source of proposals, by the name `--engine` takes."""

    name: str
    label: str  # what it proposes, for messages ("translation-memory")
    batched: bool  # True: runs once over all its units, after the quick engines

    def wants(self, unit: Unit, found: Sequence[Proposal], context: ProposalContext) -> bool:
        """Whether this engine should look at `unit`, given the proposals so far."""
        ...

    def propose(self, units: Sequence[Unit], context: ProposalContext,
                progress: Progress | None = None) -> dict[str, list[Proposal]]:
        """Proposals for some of `units`, by unit id. A batched engine reports each unit
        it finishes to `progress`; the chain reports the others."""
        ...
