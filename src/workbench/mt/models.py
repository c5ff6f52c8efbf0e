"""Argos Translate packages: list, install (from a file, offline; or from Argos's index,
online) and remove — without importing `argostranslate.translate`.

argostranslate's own `install_from_path`/`uninstall` import `argostranslate.translate`
(stanza, spaCy and torch: ~3 s) and unzip without any check, and `get_available_packages()`
retries the network for ~46 s when offline. So the file work is done here, in the
packages folder `argostranslate.settings` names (it honours `ARGOS_PACKAGES_DIR`,
`XDG_DATA_HOME`, … and reads them once, at import).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workbench.errors import WorkbenchError

INDEX_TIMEOUT_S = 5.0  # a reachable index answers well within this; offline fails fast
DOWNLOAD_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class ModelInfo:
    """An installed Argos translation package."""

    from_code: str
    to_code: str
    version: str
    path: Path  # the package folder (holds metadata.json, model/, sentencepiece.model)
    from_name: str = ""
    to_name: str = ""
    target_prefix: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def fingerprint(self) -> str:
        """Identifies these exact weights (cache keys): name, version, model.bin size and mtime."""
        try:
            st = (self.path / "model" / "model.bin").stat()
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            stamp = "missing"
        return f"{self.name}@{self.version}:{stamp}"


def argos_settings():
    """`argostranslate.settings`, imported on first use (importing it creates Argos's dirs)."""
    from argostranslate import settings

    return settings


def packages_dir() -> Path:
    """Where packages are installed: `ARGOS_PACKAGES_DIR`, else
    `$XDG_DATA_HOME/argos-translate/packages` (as argostranslate.settings decides)."""
    return Path(argos_settings().package_data_dir)


def _version_key(version: str) -> tuple:
    parts = []
    for piece in version.replace("-", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


def read_package(folder: Path) -> ModelInfo:
    """Read one package folder's metadata.json (WorkbenchError when it is not a package)."""
    meta_path = folder / "metadata.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkbenchError("not an Argos package: no metadata.json", path=folder,
                             fix="remove this folder from the Argos packages folder") from None
    except (OSError, ValueError) as exc:
        raise WorkbenchError(f"unreadable metadata.json: {exc}", path=meta_path) from None
    if not isinstance(meta, dict):
        raise WorkbenchError("metadata.json must hold an object", path=meta_path)
    return ModelInfo(
        from_code=str(meta.get("from_code", "")), to_code=str(meta.get("to_code", "")),
        version=str(meta.get("package_version", "0")), path=folder,
        from_name=str(meta.get("from_name", "")), to_name=str(meta.get("to_name", "")),
        target_prefix=str(meta.get("target_prefix", "")),
    )


def scan() -> tuple[list[ModelInfo], list[Path]]:
    """Installed translation packages, and stray folders that are no package."""
    models: list[ModelInfo] = []
    stray: list[Path] = []
    for folder_root in argos_settings().package_dirs:
        root = Path(folder_root)
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if not folder.is_dir() or folder.name.startswith(".workbench-"):
                continue
            try:
                info = read_package(folder)
            except WorkbenchError:
                stray.append(folder)
                continue
            if (folder / "model").is_dir() and info.from_code and info.to_code:
                models.append(info)
    return models, stray


def installed() -> list[ModelInfo]:
    """Installed translation packages (stray folders skipped; `scan()` lists them)."""
    return scan()[0]


def find_model(from_code: str, to_code: str) -> ModelInfo | None:
    """The newest installed package for a direct from→to translation, or None."""
    candidates = [m for m in installed() if (m.from_code, m.to_code) == (from_code, to_code)]
    if not candidates:
        return None
    return max(candidates, key=lambda m: _version_key(m.version))


def install_hint(from_code: str, to_code: str) -> str:
    return (f"install a {from_code}→{to_code} model: `workbench models install FILE.argosmodel` "
            f"(offline), or `workbench models install {from_code} {to_code}` (online)")


def _check_archive(path: Path, zf: zipfile.ZipFile) -> tuple[str, dict]:
    """One top-level folder with metadata.json, model/model.bin and a tokenizer; no path
    escaping the folder. Returns the folder name and the metadata."""
    names = [n for n in zf.namelist() if n and not n.startswith("__MACOSX/")]
    tops = set()
    for name in names:
        pure = PurePosixPath(name.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or ":" in pure.parts[0]:
            raise WorkbenchError(f"unsafe path inside the archive: {name!r}", path=path,
                                 fix="use a package from a trusted source")
        tops.add(pure.parts[0])
        if len(pure.parts) == 1 and not name.endswith("/"):
            raise WorkbenchError(f"file {name!r} at the archive root: an .argosmodel holds "
                                 "one folder", path=path)
    if len(tops) != 1:
        raise WorkbenchError(f"an .argosmodel holds exactly one top-level folder, found "
                             f"{len(tops)}", path=path)
    top = tops.pop()
    if top.startswith("."):
        raise WorkbenchError(f"hidden top-level folder {top!r}", path=path)
    required = [f"{top}/metadata.json", f"{top}/model/model.bin"]
    missing = [r for r in required if r not in names]
    if not ({f"{top}/sentencepiece.model", f"{top}/bpe.model"} & set(names)):
        missing.append(f"{top}/sentencepiece.model")
    if missing:
        raise WorkbenchError(f"not an Argos translation package: missing {', '.join(missing)}",
                             path=path)
    try:
        meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise WorkbenchError(f"metadata.json is not valid JSON: {exc}", path=path) from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise WorkbenchError("metadata.json lacks from_code/to_code", path=path)
    if meta.get("type", "translate") != "translate":
        raise WorkbenchError(f"package type {meta.get('type')!r} is not a translation model",
                             path=path)
    return top, meta


def install_file(path: str | Path) -> ModelInfo:
    """Install an `.argosmodel` file (offline). Replaces a package of the same name; the
    old one stays in place until the new one is fully unpacked."""
    path = Path(path)
    if not path.is_file():
        raise WorkbenchError("no such file", path=path, fix="give the path of an .argosmodel file")
    if not zipfile.is_zipfile(path):
        raise WorkbenchError("not an Argos model: an .argosmodel is a zip archive", path=path)
    target_root = packages_dir()
    target_root.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path) as zf:
        top, _meta = _check_archive(path, zf)
        staging = Path(tempfile.mkdtemp(prefix=".workbench-install-", dir=target_root))
        try:
            zf.extractall(staging)
            final = target_root / top
            old = None
            if final.exists():
                old = target_root / f".workbench-old-{top}"
                shutil.rmtree(old, ignore_errors=True)
                final.rename(old)
            (staging / top).rename(final)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return read_package(final)


def remove(from_code: str, to_code: str) -> list[ModelInfo]:
    """Remove every installed from→to package from the packages folder."""
    root = packages_dir()
    gone = [m for m in installed()
            if (m.from_code, m.to_code) == (from_code, to_code) and m.path.parent == root]
    if not gone:
        raise WorkbenchError(f"no {from_code}→{to_code} model is installed in {root}",
                             fix="`workbench models list` shows what is installed")
    for model in gone:
        shutil.rmtree(model.path)
    return gone


def _fetch(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "workbench"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def install_pair(from_code: str, to_code: str, *, timeout: float = INDEX_TIMEOUT_S) -> ModelInfo:
    """Install from→to from Argos's package index (online). Offline, fails at once with
    what to do instead (one request with a short timeout, no retries)."""
    settings = argos_settings()
    index_url = settings.remote_package_index
    try:
        data = _fetch(index_url, timeout)
        index = json.loads(data.decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkbenchError(
            f"cannot reach Argos's package index ({index_url}): {exc}",
            fix=f"offline: on a machine with network download translate-{from_code}_{to_code}"
            "-*.argosmodel (links in https://github.com/argosopentech/argospm-index), copy it "
            "here and run `workbench models install FILE.argosmodel`") from None
    Path(settings.local_package_index).write_bytes(data)  # what argos itself keeps
    entries = [e for e in index if isinstance(e, dict) and e.get("type", "translate") == "translate"
               and (e.get("from_code"), e.get("to_code")) == (from_code, to_code)]
    if not entries:
        raise WorkbenchError(f"Argos's index has no {from_code}→{to_code} package",
                             fix="`workbench models list` shows installed models")
    best = max(entries, key=lambda e: _version_key(str(e.get("package_version", "0"))))
    errors = []
    for link in best.get("links", []):
        try:
            blob = _fetch(link, DOWNLOAD_TIMEOUT_S)
        except OSError as exc:
            errors.append(f"{link}: {exc}")
            continue
        downloads = Path(settings.downloads_dir)
        downloads.mkdir(parents=True, exist_ok=True)
        archive = downloads / f"translate-{from_code}_{to_code}.argosmodel"
        archive.write_bytes(blob)
        try:
            return install_file(archive)
        finally:
            archive.unlink(missing_ok=True)
    raise WorkbenchError(f"download of the {from_code}→{to_code} package failed: "
                         + ("; ".join(errors) or "the index lists no link"),
                         fix="retry, or install a downloaded file with "
                         "`workbench models install FILE.argosmodel`")
