"""The round-trip matrix on files real tools write during the test run: Translate
Toolkit (its converters and storage classes) and OmegaT 3.6 in console mode.

OmegaT end to end: export a job (XLIFF 1.2, `--job`), OmegaT console-translates it
with a TMX in `tm/auto/` (our own TMX export of the approved units, plus a TMX that
Translate Toolkit's po2tmx wrote), its target file is imported back, and the states
follow the review rules. In CI (`CI=true`) a missing OmegaT or Java fails loudly;
`.ci/run` installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.corpus import line_project, store_aligned
from support.paths import PAIRED
from workbench import ops
from workbench.model import State
from workbench.ops.export import export_documents

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
TT_BIN = Path(sys.executable).parent


def _need_omegat() -> None:
    if OMEGAT_JAR.is_file() and shutil.which("java"):
        return
    if os.environ.get("CI"):
        pytest.fail("OmegaT is not installed (apt-get install -y omegat); .ci/run installs it")
    pytest.skip("OmegaT is not installed (apt-get install -y omegat)")


@pytest.fixture
def project(tmp_path):
    project = line_project(tmp_path)
    store_aligned(project, PAIRED)
    ops.approve(project, PAIRED, ["u2", "u3", "u5"], user="Rita Reviewer")
    return project


def _write(project, fmt, path, **kwargs):
    [out] = export_documents(project, [PAIRED], fmt, user="exporter", **kwargs)
    path.write_text(out.text, encoding="utf-8")
    return path


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes><mask>**/.git/**</mask></source_dir_excludes>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{src}</source_lang>
        <target_lang>{tgt}</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneRussianTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def omegat_translate(job: Path, memories: list[Path], work: Path) -> tuple[Path, str]:
    """Run OmegaT 3.6 console-translate on one job with `memories` in tm/auto/: the
    translated file and the project statistics."""
    root = work / "omt"
    for sub in ("source", "tm/auto", "target", "glossary", "dictionary", "omegat"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "omegat.project").write_text(OMEGAT_PROJECT.format(src="ru", tgt="en"),
                                         encoding="utf-8")
    shutil.copy(job, root / "source" / job.name)
    for memory in memories:
        shutil.copy(memory, root / "tm" / "auto" / memory.name)
    config = work / "omt-config"
    config.mkdir()
    done = subprocess.run(["java", "-jar", str(OMEGAT_JAR), str(root),
                           "--mode=console-translate", f"--config-dir={config}", "--no-team",
                           "--quiet"], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    stats = (root / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    return root / "target" / job.name, stats


@pytest.mark.slow
def test_omegat_translates_a_job_and_it_comes_back_by_the_review_rules(project, tmp_path):
    _need_omegat()
    job = _write(project, "xliff12", tmp_path / "job.xlf", job=True)
    tmx = _write(project, "tmx", tmp_path / "approved.tmx")
    wf = ops.load_or_align(project, PAIRED)
    # a memory another tool wrote: Translate Toolkit's po2tmx, English for u1 (written
    # for the test) so that OmegaT fills a unit with English that differs from ours
    sources = [u.source_text for u in wf.units]
    u1 = next(u for u in wf.units if u.state is State.TRANSLATED and u.source_text.strip()
              and sources.count(u.source_text) == 1 and '"' not in u.source_text)
    po = tmp_path / "tm.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'msgid "{u1.source_text}"\nmsgstr "Translated in OmegaT."\n',
                  encoding="utf-8")
    tt_tmx = tmp_path / "tt.tmx"
    subprocess.run([str(TT_BIN / "po2tmx"), "--source-language=ru", "-l", "en", str(po),
                    str(tt_tmx)], check=True, capture_output=True)
    target, stats = omegat_translate(job, [tmx, tt_tmx], tmp_path)
    assert "Total:" in stats
    report = ops.import_file(project, target, user="Olga OmegaT")
    after = ops.load_or_align(project, PAIRED)
    assert after.unit(u1.id).target_text == "Translated in OmegaT."
    assert after.unit(u1.id).state is State.TRANSLATED  # changed English: needs review
    for uid in ("u2", "u3", "u5"):  # OmegaT gave back our approved English: still approved
        assert after.unit(uid).state is State.REVIEWED
        assert after.unit(uid).target_text == wf.unit(uid).target_text
    assert report.conflicts == []
    for unit in after.units:  # English OmegaT changed (its matches) needs review
        before = wf.unit(unit.id)
        if unit.target_text != before.target_text:
            assert unit.state is State.TRANSLATED and unit.history[-1].who == "Olga OmegaT"
        else:
            assert unit.state is before.state


@pytest.mark.slow
def test_omegat_uses_our_tmx_and_reads_our_job(project, tmp_path):
    _need_omegat()
    job = _write(project, "xliff12", tmp_path / "job.xlf", job=True)
    tmx = _write(project, "tmx", tmp_path / "approved.tmx")
    _target, stats = omegat_translate(job, [tmx], tmp_path)
    wf = ops.load_or_align(project, PAIRED)
    with_source = [u for u in wf.units if u.source_text.strip()]
    total = next(line for line in stats.splitlines() if line.startswith("Total"))
    assert str(len({u.source_text for u in with_source})) in total or \
        str(len(with_source)) in total, total  # every unit with a source is a segment


def test_translate_toolkit_reads_every_export_with_the_same_content(project, tmp_path):
    from translate.storage.tmx import tmxfile
    from translate.storage.xliff import xlifffile

    wf = ops.load_or_align(project, PAIRED)
    x12 = xlifffile.parsefile(str(_write(project, "xliff12", tmp_path / "a.xlf")))
    assert [u.source for u in x12.units] == [u.source_text for u in wf.units]
    job = xlifffile.parsefile(str(_write(project, "xliff12", tmp_path / "j.xlf", job=True)))
    assert [u.target for u in job.units] == [u.source_text or None for u in wf.units]
    tmx = tmxfile.parsefile(str(_write(project, "tmx", tmp_path / "a.tmx")))
    approved = [u for u in wf.units if u.state is State.REVIEWED]
    assert [(u.source, u.target) for u in tmx.units] == \
        [(u.source_text, u.target_text) for u in approved]


def test_files_translate_toolkit_writes_come_in(tmp_path):
    """XLIFF 1.1 from po2xliff and TMX from po2tmx, written now by the real converters,
    imported: a job as a new document, a memory whose entries propose English."""
    from support.interchange import pair_project

    project = pair_project(tmp_path / "p", "en", "fr")
    po = tmp_path / "job.po"
    # a PO file written for the test (English and French of our own)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Open the file."\nmsgstr "Ouvrez le fichier."\n\n'
                  'msgid "Close the window."\nmsgstr ""\n', encoding="utf-8")
    xlf, tmx = tmp_path / "job.xlf", tmp_path / "tm.tmx"
    subprocess.run([str(TT_BIN / "po2xliff"), str(po), str(xlf)], check=True,
                   capture_output=True)
    subprocess.run([str(TT_BIN / "po2tmx"), "--source-language=en", "-l", "fr", str(po),
                    str(tmx)], check=True, capture_output=True)
    report = ops.import_file(project, xlf, user="imp", as_id="tt-job")
    assert report.created == ["tt-job"]
    units = {u.source_text: u for u in ops.load_or_align(project, "tt-job").units}
    assert units["Open the file."].target_text == "Ouvrez le fichier."
    assert units["Close the window."].state is State.INITIAL
    info = ops.import_memory(project, tmx)
    assert info.units == 1
    [best] = ops.propose(project, [units["Open the file."]], engines="tm",
                         doc_id="tt-job")[units["Open the file."].id]
    assert best.text == "Ouvrez le fichier." and "tm/tm.tmx" in best.detail
