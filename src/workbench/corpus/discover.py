"""Which documents a project holds, and their metadata.

Naming convention: `sources/<id>.<lang>.txt` (original), `translations/<id>.<lang>.txt`
(translation), `sources/<id>.meta.yaml` (optional metadata), `sources/<id>.provenance.md`
(optional notes). Other files (e.g. `translations/<id>.xlf`) are ignored here.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.errors import WorkbenchError, read_text

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # always fullmatch: "$" allows "\n"
# Every file named after an id must fit the usual 255-byte name limit: the longest is
# the temporary file of a save, `.<id>.xlf.<8 random>.tmp` (id + 18).
MAX_ID_LENGTH = 200


def is_id(name: str) -> bool:
    """Whether `name` is a valid document id (see `check_id`)."""
    return (isinstance(name, str) and len(name) <= MAX_ID_LENGTH
            and ID_RE.fullmatch(name) is not None and ".." not in name)


def check_id(doc_id: str) -> str:
    """A document id is a plain file-name stem: ASCII letters, digits, '.', '_', '-', no
    `..`, at most MAX_ID_LENGTH characters (so no separators, nothing absolute, no
    newline, and every file named after it can exist)."""
    if isinstance(doc_id, str) and len(doc_id) > MAX_ID_LENGTH:
        raise WorkbenchError(f"not a valid document id: {doc_id[:40]!r}… is {len(doc_id)} "
                             f"characters long, the limit is {MAX_ID_LENGTH}",
                             fix="use a shorter id (rename its files)")
    if not is_id(doc_id):
        raise WorkbenchError(f"not a valid document id: {doc_id!r}",
                             fix="use letters, digits, '.', '_' and '-' only, e.g. "
                             "'ucp-cpsu-belarus-solidarity-2020'")
    return doc_id


def side_path(folder: Path, doc_id: str, lang: str) -> Path:
    return folder / f"{doc_id}.{lang}.txt"


def discover_ids(sources_dir: Path, translations_dir: Path, source_lang: str,
                 target_lang: str) -> list[str]:
    """Ids that have a source or a translation text file, sorted."""
    ids: set[str] = set()
    for folder, lang in ((sources_dir, source_lang), (translations_dir, target_lang)):
        if not folder.is_dir():
            continue
        suffix = f".{lang}.txt"
        for path in folder.iterdir():
            name = path.name
            if name.endswith(suffix) and path.is_file():
                stem = name[: -len(suffix)]
                if is_id(stem):
                    ids.add(stem)
    return sorted(ids)


def load_meta(path: Path) -> dict:
    """Read `<id>.meta.yaml` (or {} when absent); WorkbenchError with line on bad YAML."""
    if not path.is_file():
        return {}
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="safe")
    try:
        data = yaml.load(read_text(path))
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise WorkbenchError(f"is not valid YAML: {getattr(exc, 'problem', exc)}", path=path,
                             line=line, fix="fix the metadata file or remove it") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise WorkbenchError("must be a mapping (title:, ru:, en: …)", path=path, line=1,
                             fix="see docs/corpus.md for the metadata format")
    return data


def completeness(meta: dict, lang: str) -> str:
    """`full` or `excerpt` for one side; `full` when the metadata says nothing."""
    side = meta.get(lang)
    if isinstance(side, dict) and side.get("completeness") in ("full", "excerpt"):
        return str(side["completeness"])
    return "full"


_TITLE_SKIP = re.compile(r"(@|https?://|www\.|^\W*\d[\d\s\W]*$|тел|fax|e-mail)", re.I)


def title_from_text(text: str) -> str:
    """The first title-like line: not blank, not an address/phone/e-mail line, not too long."""
    for line in text.split("\n"):
        line = line.strip().strip("*").strip()
        if len(line) < 3 or _TITLE_SKIP.search(line):
            continue
        return line if len(line) <= 120 else line[:117].rstrip() + "…"
    return ""
