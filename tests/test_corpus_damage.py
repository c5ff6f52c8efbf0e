"""Damage flags on the real corpus, and on damaged variants of real lines built in code
(mojibake by encoding and decoding; look-alike letters; a lost byte)."""

import pytest

from support.paths import REPO
from workbench.corpus.damage import mojibake_words, segment_flags
from workbench.project import open_project
from workbench.segment import segment_side


@pytest.fixture(scope="module")
def project():
    return open_project(REPO)


def _codes(flags) -> set[str]:
    return {f.code for f in flags}


def test_political_prisoners_appeal_is_flagged_ascii_stripped(project):
    side = project.document("political-prisoners-appeal").target
    assert "ascii-stripped" in _codes(side.flags)
    flagged = {seg.text: seg.flags for seg in side.segments if seg.flags}
    assert "ascii-stripped" in _codes(flagged["105062, , . ."])
    assert "ascii-stripped" in _codes(flagged["E-mail: kzp.@communist.ru"])
    isnt = next(text for text in flagged if "isnt" in text)
    assert "'isnt'" in flagged[isnt][0].reason
    workers = next(text for text in flagged if text.startswith("To the leaders"))
    assert "workers parties" in flagged[workers][0].reason
    # A sound sentence of the same document is not flagged.
    sound = next(s for s in side.segments if s.text.startswith("We call upon you"))
    assert sound.flags == ()


def test_sound_documents_have_no_flags(project):
    for doc_id in project.document_ids():
        if doc_id == "political-prisoners-appeal":
            continue
        doc = project.document(doc_id)
        for side in (doc.source, doc.target):
            if side is not None:
                assert side.flags == (), (doc_id, side.flags)


@pytest.mark.parametrize("wrong", ["cp1251", "latin-1"])
def test_mojibake_of_a_real_line_is_flagged(project, wrong):
    line = project.document("ucp-cpsu-belarus-solidarity-2020").source.segments[1].text
    garbled = line.encode("utf-8").decode(wrong, errors="replace")
    flags = segment_flags(garbled)
    assert "mojibake" in _codes(flags)
    assert any(good in line for _bad, good in mojibake_words(garbled))


def test_mojibake_examples_from_the_issue():
    assert mojibake_words("РЎРѕСЋР·") == [("РЎРѕСЋР·", "Союз")]
    assert mojibake_words("Ð¡Ð¾ÑŽÐ·") == [("Ð¡Ð¾ÑŽÐ·", "Союз")]
    assert mojibake_words("Россия, 127051, г.Москва") == []


def test_mixed_script_word_and_replacement_char_in_a_real_line(project):
    text = project.document("eadaily-cpk-liquidated-2015").source.text
    damaged = text.replace("Казахстана", "Кaзахстана", 1).replace("суд", "с\ufffdд", 1)
    _blocks, segments = segment_side(damaged, "ru")
    codes = set().union(*(_codes(s.flags) for s in segments))
    assert {"mixed-script", "replacement-char"} <= codes
    mixed = next(s for s in segments if "mixed-script" in _codes(s.flags))
    assert "Кaзахстана" in mixed.flags[0].reason or "Кaзахстана" in str(mixed.flags)


def test_furniture_is_not_taken_for_stripping(project):
    side = project.document("lugansk-forum-invitation-2015").target
    posted = next(s for s in side.segments if s.text.startswith("This entry was posted"))
    assert posted.flags == ()


def test_doubled_space_counts_only_in_a_stripped_text(project):
    side = project.document("political-prisoners-appeal").target
    # Built from the real text: the dash of "Prisoners – Fighters" lost, spaces kept.
    text = side.text.replace("Political Prisoners Fighters", "Political Prisoners  Fighters")
    _blocks, segments = segment_side(text, "en")
    hit = next(s for s in segments if "Prisoners  Fighters" in s.text)
    assert "doubled space" in " ".join(f.reason for f in hit.flags)
    sound = project.document("tcc-cpsu-appeal-1998").target.text.replace(
        "The class struggle", "The  class struggle")
    _blocks, segments = segment_side(sound, "en")
    assert all(s.flags == () for s in segments)
