"""Block typing on the real files: letterhead, title, addressee, body, signature,
signatories and web furniture."""

import pytest

from support.paths import REPO
from workbench.model import BlockKind as K
from workbench.project import open_project


@pytest.fixture(scope="module")
def project():
    return open_project(REPO)


def _kinds(project, doc_id: str, side: str = "target") -> dict[str, K]:
    doc = project.document(doc_id)
    segments = getattr(doc, side).segments
    return {" ".join(s.text.split("\n")): s.kind for s in segments}


def test_ucp_letterhead_title_salutation_body_signature(project):
    kinds = _kinds(project, "ucp-cpsu-belarus-solidarity-2020")
    for line in ("СОЮЗ КОММУНИСТИЧЕСКИХ ПАРТИЙ – КОММУНИСТИЧЕСКАЯ ПАРТИЯ СОВЕТСКОГО СОЮЗА",
                 "Россия, 127051, г.Москва, Малый Сухаревский пер, д.3",
                 "тел/факс.: +7 (495) 692-54-76, +7 (495) 692-17-69",
                 "e-mail: Skp-kpss@mail.ru"):
        assert kinds[line] is K.LETTERHEAD, line
    assert kinds["THE COMMUNISTS OF BELARUS NEED FRATERNAL SOLIDARITY!"] is K.TITLE
    assert kinds["Address of the Union of Communist parties-CPSU to the Communist and "
                 "workers' parties of the world"] is K.TITLE
    assert kinds["Dear comrades and friends!"] is K.ADDRESSEE
    assert kinds["He was absolutely right."] is K.BODY
    assert kinds["Imperialism will not pass!**"] is K.BODY
    for line in ("On behalf of the Communist party of the Russian Federation:",
                 "Chairman of the Central Committee **Gennady Zyuganov**",
                 "First Secretary of the Central Committee of the Communist party of Estonia",
                 "Moscow,", "August 18, 2020"):
        assert kinds[line] is K.SIGNATURE, line
    # Each signature line is its own segment.
    assert sum(1 for k in kinds.values() if k is K.SIGNATURE) == 32


def test_ucp_russian_head(project):
    kinds = _kinds(project, "ucp-cpsu-belarus-solidarity-2020", "source")
    assert kinds["КОММУНИСТАМ БЕЛАРУСИ НУЖНА БРАТСКАЯ СОЛИДАРНОСТЬ!"] is K.TITLE
    assert kinds["Дорогие товарищи и друзья!"] is K.ADDRESSEE
    assert kinds["Он был абсолютно прав."] is K.BODY


def test_political_prisoners_stripped_letterhead_and_signature(project):
    kinds = _kinds(project, "political-prisoners-appeal")
    for line in ("105062, , . .", ".10, . 5", "./ (495)623-55-85;", "E-mail: kzp.@communist.ru"):
        assert kinds[line] is K.LETTERHEAD, line
    assert kinds["An Appeal"] is K.TITLE
    addressee = next(t for t in kinds if t.startswith("To the leaders of communist"))
    assert kinds[addressee] is K.ADDRESSEE
    behalf = next(t for t in kinds if t.startswith("On behalf of the 2nd Conference"))
    assert kinds[behalf] is K.SIGNATURE
    assert kinds["Chairman of the Central Comittee N. O. Glagoleva"] is K.SIGNATURE


def test_tcc_salutation(project):
    kinds = _kinds(project, "tcc-cpsu-appeal-1998")
    assert kinds["Comrade Communists!"] is K.ADDRESSEE
    title = next(iter(kinds))
    assert title.startswith("Appeal from the Temporary Central Committee")
    assert kinds[title] is K.TITLE
    assert kinds["Workers of the world Unite!"] is K.BODY


def test_anticommunism_signatories_and_furniture(project):
    doc = project.document("anticommunism-wont-pass")
    kinds = _kinds(project, "anticommunism-wont-pass")
    signatories = [t for t, k in kinds.items() if k is K.SIGNATORIES]
    assert signatories[0] == "Communist Party of the Russian Federation"
    assert signatories[-1] == "Communist Party of Turkey"
    assert "PADS, Algeria" in signatories and "Palestinian Communist Party" in signatories
    assert len(signatories) == 38
    for line in ("• Central", "• Joint Statements", "• Yugoslavia",
                 "…the Statement is open for further endorsement"):
        assert kinds[line] is K.FURNITURE, line
    assert kinds["“Anticommunism won’t pass!”"] is K.TITLE
    # The signatories form one block, not 38.
    assert sum(1 for b in doc.target.blocks if b.kind is K.SIGNATORIES) == 1


def test_lugansk_comment_section_is_furniture(project):
    kinds = _kinds(project, "lugansk-forum-invitation-2015")
    furniture = [t for t, k in kinds.items() if k is K.FURNITURE]
    assert furniture[0] == "Source: Donbass International Forum"
    for line in ("Leave a Reply", "Google photo", "Connecting to %s"):
        assert line in furniture
    # "international\u00a0comrades": the file has a no-break space there.
    assert "1 Response to Lugansk Communists invite international\u00a0comrades" in furniture
    assert any(t.startswith("This entry was posted in") for t in furniture)
    assert any("Pingback:" in t for t in furniture)
    assert kinds["Fascism shall not pass!"] is K.BODY
    assert kinds["Lugansk Communists invite international\u00a0comrades"] is K.TITLE


def test_eadaily_ticker_and_site_furniture(project):
    kinds = _kinds(project, "eadaily-cpk-liquidated-2015")
    for line in ("• USD 66.53 +0.14", "• EUR 75.56 +0.11", "• BRENT 61.51", "All news",
                 "Show more news", "Press «Like», to read", "EurAsia Daily in VK",
                 "Published on September 4th, 2015 12:44 PM",
                 "Thank you, don't show this to me again"):
        assert kinds[line] is K.FURNITURE, line
    assert kinds["Communist Party banned in Kazakhstan"] is K.TITLE
    assert kinds["In 2004, it split into two parts."] is K.BODY


def test_run_together_logo_and_crawler_date_are_furniture(project):
    for side in ("source", "target"):
        kinds = _kinds(project, "roskomsoyuz-revolutionary-renewal", side)
        assert kinds["Зареволюционноеобновлениекоммунистического движенияРоссии"] is \
            K.FURNITURE
    kinds = _kinds(project, "cprf-presidium-ukraine-victim-2022-libya360")
    assert kinds["date 2022-02-24"] is K.FURNITURE
    assert kinds["Statement of the Presidium of the Central Committee of the Central "
                 "Committee of the Communist Party of the Russian Federation"] is K.TITLE


def test_blocks_cover_their_segments_in_order(project):
    for doc_id in project.document_ids():
        doc = project.document(doc_id)
        for side in (doc.source, doc.target):
            if side is None:
                continue
            last_end = 0
            for seg in side.segments:
                block = side.blocks[seg.block]
                assert block.start <= seg.start < seg.end <= block.end
                assert block.kind is seg.kind
                assert seg.start >= last_end
                last_end = seg.end


def test_russian_letterhead_salutation_and_signature():
    """A Russian letter assembled from real corpus lines (the UCP letterhead of the English
    file, the Russian opening of the UCP appeal) with a signature written for the test."""
    from workbench.segment import segment_side

    en = (REPO / "translations/ucp-cpsu-belarus-solidarity-2020.en.txt").read_text("utf-8")
    ru = (REPO / "sources/ucp-cpsu-belarus-solidarity-2020.ru.txt").read_text("utf-8")
    letterhead = en.strip().split("\n\n")[:4]
    opening = ru.split("\n")[2:7]
    # Written for the test: a Russian signature block.
    signature = ["От имени Союза коммунистических партий – КПСС:", "",
                 "Председатель Совета СКП-КПСС Г.А. Зюганов", "", "18 августа 2020 г."]
    text = "\n\n".join(letterhead) + "\n\n" + "\n".join(opening) + "\n\n" + "\n".join(signature)
    _blocks, segments = segment_side(text, "ru")
    kinds = {s.text: s.kind for s in segments}
    assert kinds["Россия, 127051, г.Москва, Малый Сухаревский пер, д.3"] is K.LETTERHEAD
    assert kinds["СОЮЗ КОММУНИСТИЧЕСКИХ ПАРТИЙ – КОММУНИСТИЧЕСКАЯ ПАРТИЯ СОВЕТСКОГО СОЮЗА"] is \
        K.LETTERHEAD
    assert kinds["КОММУНИСТАМ БЕЛАРУСИ НУЖНА БРАТСКАЯ СОЛИДАРНОСТЬ!"] is K.TITLE
    assert kinds["Дорогие товарищи и друзья!"] is K.ADDRESSEE
    assert kinds["Он был абсолютно прав."] is K.BODY
    for line in signature[::2]:
        assert kinds[line] is K.SIGNATURE, line
