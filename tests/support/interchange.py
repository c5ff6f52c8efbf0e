"""Helpers for the interchange tests: projects in another language pair, the real files
other tools wrote (tests/data/interchange), and the official schemas (tests/data/schemas)."""

from __future__ import annotations

from pathlib import Path

from support.paths import REPO
from workbench.project import Project, open_project
from workbench.testing.projects import empty_pair_project

DATA = REPO / "tests" / "data"
FILES = DATA / "interchange"
SCHEMAS = DATA / "schemas"


def pair_project(root: Path, source: str, target: str) -> Project:
    """An empty project translating `source`→`target` (glossary included)."""
    return open_project(empty_pair_project(root, source, target))


class Schemas:
    """The official validators, compiled once (offline: local imports only)."""

    def __init__(self) -> None:
        import lxml.etree as etree

        self.etree = etree
        self.xliff12_strict = etree.XMLSchema(etree.parse(
            str(SCHEMAS / "xliff-1.2" / "xliff-core-1.2-strict.xsd")))
        self.xliff21 = etree.XMLSchema(etree.parse(
            str(SCHEMAS / "_helpers" / "xliff-2.1-core-and-metadata.xsd")))
        self.tmx14 = etree.DTD(str(SCHEMAS / "tmx-1.4b" / "tmx14.dtd"))
        self.tbx_basic = etree.RelaxNG(etree.parse(
            str(SCHEMAS / "tbx-2008" / "TBX-Basic" / "TBXBasicRNGV02.rng")))
        self.tbx_basic_dtd = etree.DTD(str(SCHEMAS / "tbx-2008" / "TBX-Basic" /
                                           "TBXBasiccoreStructV02.dtd"))

    def errors(self, validator, text: str) -> list[str]:
        parser = self.etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
        doc = self.etree.fromstring(text.encode("utf-8"), parser)
        ok = validator.validate(doc)
        return [] if ok else [str(e) for e in validator.error_log][:5]
