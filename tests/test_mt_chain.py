"""The proposal chain on units built from real corpus lines: rules, TM, glossary-protected
neural MT through the real Argos package path (tiny model), cache."""

import shutil
from pathlib import Path

import pytest

from support.argos import isolate_argos
from support.paths import REPO, UCP
from workbench.errors import WorkbenchError
from workbench.glossary import load_glossary
from workbench.model import Origin, Proposal, Unit
from workbench.mt import argos, cache, chain, models
from workbench.mt.engine import Engine, EngineSettings, MTResult
from workbench.mt.protect import protect, restore, verify
from workbench.ops import translate
from workbench.ops.translate import propose
from workbench.project import Project

SETTINGS = EngineSettings(threads=1)


def _lines(path: Path) -> list[str]:
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


RU = _lines(REPO / "sources" / f"{UCP}.ru.txt")
EN = _lines(REPO / "translations" / f"{UCP}.en.txt")
LETTERHEAD = EN[:4]  # the Russian letterhead left at the top of the English file
APPEAL_RU = RU[0]  # "Обращение Союза коммунистических партий – КПСС к … партиям мира"
DEAR_RU, DEAR_EN = RU[3], EN[7]  # "Дорогие товарищи и друзья!" / "Dear comrades and friends!"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    isolate_argos(monkeypatch, tmp_path / "argos")
    root = tmp_path / "proj"
    (root / "sources").mkdir(parents=True)
    (root / "translations").mkdir()
    shutil.copy(REPO / "glossary.yaml", root / "glossary.yaml")
    monkeypatch.setattr(translate, "_MEMORIES", {})
    monkeypatch.setattr(cache, "_OPEN", {})
    return Project(root=root)


@pytest.fixture
def with_model(project, tiny_zip):
    return models.install_file(tiny_zip)


def unit(uid: str, ru: str = "", en: str = "") -> Unit:
    return Unit(id=uid, src=[0] if ru else [], tgt=[0] if en else [], source_text=ru,
                target_text=en)


def letterhead_unit(uid: str, line: str) -> Unit:
    """A line of the Russian letterhead in the English file: its source is that line."""
    return Unit(id=uid, src=[], tgt=[0], source_text=line, target_text="",
                source_in_target=True)


def test_corpus_lines_are_what_the_tests_expect():
    assert DEAR_RU == "Дорогие товарищи и друзья!" and DEAR_EN == "Dear comrades and friends!"
    assert "КПСС" in APPEAL_RU and LETTERHEAD[3].startswith("e-mail")


def test_without_a_model_rules_still_propose(project):
    units = [letterhead_unit(f"u{i}", line) for i, line in enumerate(LETTERHEAD[:3])]
    units += [unit("u3", en=LETTERHEAD[3])]  # the e-mail line is English already
    units += [unit("body", ru=RU[4]), unit("mail", ru=LETTERHEAD[3])]
    out = propose(project, units, settings=SETTINGS)
    assert out["u0"][0].text == "UNION OF COMMUNIST PARTIES – CPSU"  # glossary-only, in capitals
    assert out["u1"][0].text == "3 Malyy Sukharevskiy per., Moscow, 127051, Russia"
    assert out["u2"][0].text.startswith("Tel./fax: +7 495 692-54-76")
    assert out["u3"] == []  # already fine on the English side: nothing to translate
    assert out["mail"][0].text == "e-mail: Skp-kpss@mail.ru"  # as a source line: kept
    assert all(out[k][0].origin is Origin.RULES for k in ("u0", "u1", "u2", "mail"))
    assert out["body"] == []  # nothing but a model could translate it, and none is installed


def test_neural_proposals_through_the_real_package(project, with_model):
    sentences = RU[4:12]
    out = propose(project, [unit(f"s{i}", ru=s) for i, s in enumerate(sentences)],
                  settings=SETTINGS)
    for i in range(len(sentences)):
        mt = [p for p in out[f"s{i}"] if p.origin is Origin.MT]
        assert len(mt) == 1
        assert mt[0].detail.startswith("argos ru→en 0.0.1, beam 2")
        assert 0 < mt[0].score <= argos.MT_MAX_SCORE


def test_every_mt_proposal_has_its_glossary_terms_or_an_issue(project, with_model):
    glossary = load_glossary(project.glossary_path)
    sentences = [s for s in RU if glossary.match_source(s)][:10]
    assert len(sentences) >= 3
    out = propose(project, [unit(f"s{i}", ru=s) for i, s in enumerate(sentences)],
                  engines="argos", settings=SETTINGS)
    flagged = 0
    for i, sentence in enumerate(sentences):
        (mt,) = out[f"s{i}"]
        for hit in glossary.match_source(sentence):
            english = glossary.term(hit.term_id).en
            named = [x for x in mt.issues if hit.term_id in x.message]
            assert english.lower() in mt.text.lower() or named, (sentence, mt)
            flagged += bool(named)
    assert flagged  # the random model loses terms: that must show, never pass silently


def test_protect_restore_verify_with_the_real_glossary(project):
    glossary = load_glossary(project.glossary_path)
    prot = protect(APPEAL_RU, glossary)
    assert "Union of Communist Parties – CPSU" in prot.text
    assert {t.term_id for t in prot.terms} >= {"ucp-cpsu"}
    # a model that copies the inlined English but changes its case and spacing
    copied = prot.text.upper().replace(" – ", "  –  ")
    restored = restore(copied, prot)
    assert "Union of Communist Parties – CPSU" in restored
    assert verify(restored, prot) == []
    issues = verify("Appeal to the parties of the world", prot)
    assert {i.rule for i in issues} == {"mt-glossary-term"}
    assert len(issues) == len(prot.terms)


def test_glossary_is_kept_when_the_model_copies_it(project, with_model, monkeypatch):
    def copy_through(self, texts):
        yield list(range(len(texts))), [MTResult(t, 0.9) for t in texts]

    monkeypatch.setattr(Engine, "translate_stream", copy_through)
    (mt,) = propose(project, [unit("a", ru=APPEAL_RU)], engines="argos", settings=SETTINGS)["a"]
    assert "Union of Communist Parties – CPSU" in mt.text and mt.issues == ()
    assert mt.score == pytest.approx(0.8)


def test_results_are_cached(project, with_model, monkeypatch):
    units = [unit(f"s{i}", ru=s) for i, s in enumerate(RU[4:9])]
    first = propose(project, units, engines="argos", settings=SETTINGS)
    assert (project.root / ".workbench-cache" / "mt.sqlite3").is_file()

    def boom(self, texts):
        raise AssertionError("the model ran again")

    monkeypatch.setattr(Engine, "translate_stream", boom)
    monkeypatch.setattr(cache, "_OPEN", {})  # a new process: only the disk cache is left
    assert propose(project, units, engines="argos", settings=SETTINGS) == first
    with pytest.raises(AssertionError, match="ran again"):  # other settings: another key
        propose(project, units, engines="argos", settings=EngineSettings(threads=1, beam_size=3))


def test_translation_memory_exact_and_fuzzy(project, with_model, monkeypatch):
    monkeypatch.setattr(translate, "approved_pairs",
                        lambda _p: [(DEAR_RU, DEAR_EN, UCP, "u4")])
    out = propose(project, [unit("a", ru=DEAR_RU), unit("b", ru=DEAR_RU.rstrip("!")),
                            unit("c", ru=RU[5])], settings=SETTINGS)
    (exact,) = out["a"]  # an exact match: no model call, no duplicate
    assert (exact.text, exact.origin, exact.score) == (DEAR_EN, Origin.TM, 1.0)
    assert exact.detail == f"tm exact: {UCP}#u4"
    fuzzy = out["b"][0] if out["b"][0].origin is Origin.TM else out["b"][1]
    assert fuzzy.detail.startswith("tm fuzzy") and 0.8 < fuzzy.score < 1.0
    assert all(p.origin is not Origin.TM for p in out["c"])  # nothing similar
    own = propose(project, [unit("u4", ru=DEAR_RU)], engines="tm", doc_id=UCP)
    assert own["u4"] == []  # a unit's own approved text is no proposal for itself


def test_ranking_best_first(project, with_model, monkeypatch):
    monkeypatch.setattr(translate, "approved_pairs",
                        lambda _p: [(DEAR_RU, DEAR_EN, UCP, "u4")])
    ranked = propose(project, [unit("b", ru=DEAR_RU.rstrip("!"))], settings=SETTINGS)["b"]
    assert [p.score for p in ranked] == sorted((p.score for p in ranked), reverse=True)
    assert {p.origin for p in ranked} == {Origin.TM, Origin.MT}


def test_damaged_line_gets_no_model_guess(project, with_model):
    line = _lines(REPO / "translations" / "political-prisoners-appeal.en.txt")[0]
    (only,) = propose(project, [unit("d", ru=line)], settings=SETTINGS)["d"]
    assert only.score == 0.0 and only.text == "" and only.issues[0].rule == "letterhead-damaged"


def test_unknown_engine_is_an_error(project):
    with pytest.raises(WorkbenchError, match="unknown engine"):
        propose(project, [], engines="tm,deepl")


def test_a_corrupt_cache_file_is_set_aside(project, with_model):
    folder = project.root / ".workbench-cache"
    folder.mkdir()
    (folder / "mt.sqlite3").write_bytes(b"this is not a database, it is a test")
    out = propose(project, [unit("a", ru=RU[4])], engines="argos", settings=SETTINGS)
    assert out["a"][0].origin is Origin.MT
    assert (folder / "mt.corrupt").is_file()


def test_an_engine_is_one_registry_entry(project, monkeypatch):
    class Shout:
        """A stand-in engine (not a translation): the source in capitals."""

        name, label, batched = "shout", "capitals", False

        def wants(self, unit, found, context):
            return bool(unit.source_text.strip())

        def propose(self, units, context, progress=None):
            return {u.id: [Proposal(u.source_text.upper(), Origin.RULES, 0.5, "shout")]
                    for u in units}

    monkeypatch.setitem(chain.ENGINES, "shout", Shout())
    out = propose(project, [unit("a", ru=RU[4]), unit("b", en="English only")],
                  engines="shout")
    assert out["a"][0].text == RU[4].upper() and out["b"] == []
    with pytest.raises(WorkbenchError, match="choose from tm,rules,argos,shout"):
        propose(project, [], engines="deepl")


def test_engines_run_in_registry_order_and_report_every_unit_once(project):
    units = [letterhead_unit("u0", LETTERHEAD[0]), unit("body", ru=RU[4]),
             unit("en", en="Dear comrades")]
    done: list[int] = []
    out = propose(project, units, engines="argos,rules", progress=done.append)
    assert sum(done) == len(units)  # no model installed: "body" is finished all the same
    assert out == propose(project, units, engines="rules,argos")
    assert chain.parse_engines(None) == chain.DEFAULT_ENGINES == tuple(chain.ENGINES)
