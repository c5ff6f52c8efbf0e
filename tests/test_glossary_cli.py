"""`workbench terms | check | glossary validate` on the shipped corpus: contracts and
exit codes (0 clean, 1 errors found, 2 bad input)."""

import json

from support.paths import REPO
from workbench.cli import main
from workbench.corpus.decode import read_side
from workbench.qa import RULES


def run(capsys, *argv):
    code = main(["--root", str(REPO), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_terms_json_offsets_into_the_file(capsys):
    path = REPO / "sources" / "eadaily-cpk-liquidated-2015.ru.txt"
    code, out, _ = run(capsys, "terms", str(path), "--lang", "ru", "--json")
    assert code == 0
    hits = json.loads(out)
    text = read_side(path, "ru").text
    assert hits and all(set(h) == {"id", "start", "end", "text"} for h in hits)
    assert all(text[h["start"]:h["end"]] == h["text"] for h in hits)
    assert {"id": "cp-kazakhstan", "start": text.index("Коммунистическую партию Казахстана"),
            "end": text.index("Коммунистическую партию Казахстана") + 34,
            "text": "Коммунистическую партию Казахстана"} in hits


def test_terms_english_and_plain_output(capsys):
    path = REPO / "translations" / "tcc-cpsu-appeal-1998.en.txt"
    code, out, _ = run(capsys, "terms", str(path), "--lang", "en")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert ["cpsu", "Communist Party of Soviet Union", "forbidden"] in [r[1:] for r in rows]


def test_terms_bad_input_exits_2(capsys):
    path = REPO / "sources" / "eadaily-cpk-liquidated-2015.ru.txt"
    assert run(capsys, "terms", str(path), "--lang", "de")[0] == 2
    code, _, err = run(capsys, "terms", str(REPO / "missing.txt"), "--lang", "ru")
    assert code == 2 and "Traceback" not in err


def test_check_english_only_document_with_a_forbidden_variant(capsys):
    code, out, _ = run(capsys, "check", "political-prisoners-appeal")
    assert code == 1  # "Central Comittee" is an error
    line = next(t for t in out.splitlines() if "term-forbidden" in t)
    assert line.endswith("→ Chairman of the Central Committee")


def test_check_warnings_only_exit_0_and_json(capsys):
    code, out, _ = run(capsys, "check", "lugansk-forum-invitation-2015", "--json")
    assert code == 0
    issues = json.loads(out)
    assert issues and {i["severity"] for i in issues} == {"warning"}
    assert all(i["doc_id"] == "lugansk-forum-invitation-2015" for i in issues)


def test_check_reports_the_corpus_inconsistencies(capsys):
    code, out, _ = run(capsys, "check", "--json")
    assert code == 1
    issues = json.loads(out)
    incons = [i for i in issues if i["rule"] == "term-inconsistent"]
    fixes = {i["fix"] for i in incons}
    assert {"Pridnestrovian Communist Party", "Communist Party of Abkhazia",
            "Communist Party of South Ossetia", "Party of Communists of Kyrgyzstan"} <= fixes
    assert all(i["fix"] for i in issues if i["rule"].startswith("term-")
               and i["rule"] != "term-missing")


def test_check_bad_input_exits_2(capsys):
    assert run(capsys, "check", "no-such-document")[0] == 2
    assert run(capsys, "check", "../etc")[0] == 2
    code, _, err = run(capsys, "check", "--glossary", str(REPO / "nope.yaml"))
    assert code == 2 and "glossary not found" in err


def test_check_list_rules_is_the_registry_check_reports_from(capsys):
    code, out, _ = run(capsys, "check", "--list-rules", "--json")
    listed = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and list(listed) == list(RULES)
    assert listed["term-inconsistent"]["scope"] == "corpus"
    assert all(r["description"] for r in listed.values())
    code, out, _ = run(capsys, "check", "ucp-cpsu-belarus-solidarity-2020", "--json")
    issues = json.loads(out)
    assert issues and all(i["severity"] == listed[i["rule"]]["severity"] for i in issues)
    code, out, _ = run(capsys, "check", "--list-rules")
    assert [line.split()[0] for line in out.splitlines()] == list(RULES)
