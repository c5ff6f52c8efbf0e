"""Ask the proposal engines directly about the lines of a file: each line is a segment,
the file as a whole its document. The contract behind `workbench propose FILE`, which
benchmarks and other tools use to see what the rules (and the other engines) make of a
line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.langid import detect
from workbench.model import Proposal, Unit
from workbench.mt import chain
from workbench.mt.chain import parse_engines
from workbench.mt.proposals import ProposalContext
from workbench.ops.files import segment_lines
from workbench.ops.translate import proposal_context

if TYPE_CHECKING:
    from workbench.project import Project


@dataclass(frozen=True)
class LineProposals:
    """The proposals for one line of the file, best first."""

    line: int  # 1-based line number in the file
    source: str
    lang: str  # the line's language (`workbench.langid`, the file as its document)
    proposals: list[Proposal]


def propose_file(path: str | Path, *, project: Project | None = None,
                 engines: str | Iterable[str] | None = None) -> list[LineProposals]:
    """Every non-empty line of the UTF-8 file at `path` with its proposals. With a
    project, its glossary, memory, MT cache and settings are used; without one, the
    default languages (ru→en) and no glossary or memory."""
    names = parse_engines(engines)
    lines = segment_lines(path)
    if project is not None:
        context = proposal_context(project, names)
        source_lang = project.source_lang
    else:
        context = ProposalContext(source_lang="ru", target_lang="en", languages=None)
        source_lang = "ru"
    numbered = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]
    units = [Unit(id=f"l{n}", src=[n - 1], tgt=[], source_text=text, target_text="")
             for n, text in numbered]
    found = chain.propose(units, context, names)
    # The file is a document of the project's source side: its language is the prior
    # (a handful of short lines says too little to detect a document's language).
    return [LineProposals(n, text, detect(text, source_lang, context.languages),
                          found.get(f"l{n}", []))
            for n, text in numbered]
