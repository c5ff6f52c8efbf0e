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


# The largest file read whole (a document side, an exchange file, a glossary): a bigger
# one, or a stream that never ends (`/dev/zero`), is refused once this much is read.
MAX_FILE_BYTES = 200 * 1024 * 1024


def read_bytes(path: str | Path, *, missing: str = "no such file",
               fix: str = "check the path", limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, or a WorkbenchError worded by `file_error`. At most `limit`
    bytes are read: the size is checked while reading, so a device or a pipe that
    never ends is refused rather than read until memory runs out."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise file_error(path, exc, missing=missing, fix=fix) from None
    if len(data) > limit:
        raise WorkbenchError(f"is larger than {limit // 2**20} MB (or never ends)",
                             path=path, fix="split it, or give a regular file")
    return data


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


# What the user can do about an operating-system error, by errno name.
_OS_FIXES = {
    "ENOSPC": "the disk is full: free some space and retry",
    "EDQUOT": "the disk quota is used up: free some space and retry",
    "EROFS": "the file system is read-only: work on a writable copy",
    "EACCES": "check the permissions of the file and its folder",
    "EPERM": "check the permissions of the file and its folder",
    "ENAMETOOLONG": "use a shorter name",
    "EFBIG": "the file is too large for this file system or your limits (ulimit -f)",
    "EIO": "the disk reported an input/output error: check it",
    "ELOOP": "a symbolic link is in the way: workbench does not follow it",
    "EMFILE": "too many files are open: close some programs and retry",
}


def os_error(exc: OSError) -> WorkbenchError:
    """One line for an operating-system error (disk full, read-only folder, name too
    long, permission denied …): the file, what failed and what to do. Every save is
    atomic, so what was saved before stays as it was."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    what = exc.strerror or str(exc) or type(exc).__name__
    fix = _OS_FIXES.get(name, "check the file and its folder")
    return WorkbenchError(what, path=exc.filename,
                          fix=f"{fix}; the work saved before is unchanged")
