"""Errors a user can act on. The core raises them; the CLI prints one line and exits 2;
the TUI shows them without crashing."""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """A problem with the user's input: names the file (and line), says what to do."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None,
                 line: int | None = None, fix: str | None = None) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        tail = f" ({self.fix})" if self.fix else ""
        return f"{where}{self.message}{tail}"


def file_error(path: str | Path, exc: OSError, *, missing: str = "no such file",
               fix: str = "check the path") -> WorkbenchError:
    """The one wording of a failed file read: missing (`missing`, `fix`), a folder, or
    unreadable (permissions, I/O), naming the file."""
    if isinstance(exc, FileNotFoundError):
        return WorkbenchError(missing, path=path, fix=fix)
    if isinstance(exc, IsADirectoryError):
        return WorkbenchError("is a folder, not a file", path=path, fix="give the path of a file")
    return WorkbenchError(f"cannot be read: {exc.strerror or exc}", path=path,
                          fix="check its permissions")


def read_bytes(path: str | Path, *, missing: str = "no such file",
               fix: str = "check the path") -> bytes:
    """The bytes of a file, or a WorkbenchError worded by `file_error`."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise file_error(path, exc, missing=missing, fix=fix) from None


def read_text(path: str | Path, *, missing: str = "no such file",
              fix: str = "check the path") -> str:
    """A UTF-8 text file (a BOM is dropped), or a WorkbenchError naming the file and, for
    bytes that are not UTF-8, the line they are on."""
    return decode_utf8(read_bytes(path, missing=missing, fix=fix), path)


def decode_utf8(data: bytes, path: str | Path) -> str:
    """UTF-8 bytes as text (a BOM is dropped), or a WorkbenchError naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise WorkbenchError("is not UTF-8", path=path, line=line,
                             fix="save it as UTF-8 (e.g. iconv -t UTF-8)") from None
