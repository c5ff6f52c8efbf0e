"""Which characters a unit's text may hold, and how to show any text on a terminal.

Text a person types or pipes in (edit, the TUI editor, an import) is stored in XML and
exported to formats that cannot carry every code point. What cannot be stored
faithfully is refused with one line naming the unit and the character, never silently
replaced: lone surrogates (invalid UTF-8 on a command line arrives as them), C0/C1
control characters other than tab and newline (ANSI escapes start with ESC), and
Unicode noncharacters. The original documents are never checked here: they are kept as
they are, and the working file carries their control characters as XLIFF `<cp>`.
"""

from __future__ import annotations

import unicodedata

import regex

from workbench.errors import WorkbenchError

# Tab and newline are text; every other C0 control, DEL and the C1 controls are not.
_UNSTORABLE = regex.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    r"\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    r"\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    r"\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    r"\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]")
# Characters a terminal would act on rather than show (everything above plus CR).
_NOT_SHOWABLE = regex.compile(_UNSTORABLE.pattern[:-1] + r"\r]")


def describe(ch: str) -> str:
    """`U+001B (ESCAPE)`: a character as a person can read it in a message."""
    code = f"U+{ord(ch):04X}"
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return f"{code} (a lone surrogate: the input was not valid UTF-8)"
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ord(ch), "")
    return f"{code} ({name})" if name else code


_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BACKSPACE", 0x0B: "VERTICAL TAB",
                  0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE"}


def first_unstorable(text: str) -> tuple[int, str] | None:
    """The offset and character of the first code point that cannot be stored, or None."""
    match = _UNSTORABLE.search(text)
    return (match.start(), match.group()) if match else None


def check_storable(text: str, where: str) -> str:
    """`text` unchanged, or a WorkbenchError naming `where` (e.g. "doc u31"), the
    character and its offset. Carriage returns become newlines (they are line breaks
    typed on another system, not text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = first_unstorable(text)
    if found is not None:
        offset, ch = found
        raise WorkbenchError(
            f"{where}: the text has {describe(ch)} at character {offset + 1}, which cannot "
            "be stored; nothing was saved",
            fix="remove that character (tab and newline are allowed)")
    return text


# What a reader cannot see: white space, format characters (Unicode Cf: zero-width
# space, BOM, soft hyphen, word joiner, bidi marks), the other default-ignorable code
# points (variation selectors, Hangul fillers) and the Braille blank, which renders as
# a space.
_INVISIBLE = regex.compile(r"[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]+")


def has_visible_text(text: str) -> bool:
    """Whether `text` shows anything: English made only of white space and zero-width
    or format characters is no English (it cannot be approved or signed off)."""
    return bool(text) and bool(_INVISIBLE.sub("", text))


def showable(text: str) -> str:
    """`text` safe to print on a terminal: control characters, noncharacters and lone
    surrogates become visible escapes (`\\u001b`, `\\ud800`), everything else stays.
    The escapes are JSON's (and Python's), so a JSON line stays valid JSON meaning the
    same text (JSON escapes the C0 controls itself, never DEL, C1 or surrogates)."""
    if not _NOT_SHOWABLE.search(text):
        return text
    return _NOT_SHOWABLE.sub(_escape, text)


def _escape(match: regex.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)  # JSON spells a non-BMP one as a pair
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"
