"""`telepolicy documents` and `render`/`check --documents`, as a user runs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from telepolicy.generator.cli import main
from telepolicy.generator.documents.build import DOCUMENT_FORMATS
from telepolicy.generator.outputs import FORMATS
from telepolicy.generator.project.presets import presets_path


def _preset(tmp_path: Path, name: str) -> Path:
    target = tmp_path / f"{name}.toml"
    shutil.copy(presets_path() / f"{name}.toml", target)
    return target


def test_documents_lists_what_applies_and_why_not(tmp_path, capsys):
    path = _preset(tmp_path, "us-local-carrier")
    assert main(["documents", str(path)]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert " yes " in lines["cpni-certification"]
    assert " no " in lines["subprocessors"]
    assert "does not apply: no data category is handled as a processor" in lines["subprocessors"]


def test_render_writes_the_policy_unchanged_and_each_document_beside_it(tmp_path, capsys):
    path = _preset(tmp_path, "us-cpaas-sip")
    out = tmp_path / "out"
    assert main(["render", str(path), "--format", "md", "--out", str(out)]) == 0
    policy_alone = (out / "us-cpaas-sip.md").read_bytes()
    documents = "policy,cpni-certification,processor-notice,subprocessors,dpa-annex"
    assert main(["render", str(path), "--documents", documents, "--format", "md,html", "--out", str(out)]) == 0
    assert (out / "us-cpaas-sip.md").read_bytes() == policy_alone
    for document in documents.split(",")[1:]:
        for fmt in ("md", "html"):
            assert (out / f"us-cpaas-sip.{document}.{fmt}").stat().st_size > 500
    assert "Relaywire" in (out / "us-cpaas-sip.subprocessors.md").read_text(encoding="utf-8")
    assert "wrote " + str(out / "us-cpaas-sip.dpa-annex.html") in capsys.readouterr().out


def test_a_document_that_does_not_apply_is_refused_with_the_reason(tmp_path, capsys):
    path = _preset(tmp_path, "eu-voip-operator")
    assert main(["render", str(path), "--documents", "cpni-certification", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "'cpni-certification' does not apply" in err
    assert "serves no one in the US" in err
    assert not (tmp_path / "o").exists()


def test_check_flags_a_certification_with_missing_content(tmp_path, capsys):
    path = _preset(tmp_path, "us-local-carrier")
    text = path.read_text(encoding="utf-8").replace('frn = "0012873456"', 'frn = ""')
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--documents", "policy,cpni-certification"]) == 1
    out = capsys.readouterr().out
    assert "DOC-EMPTY-ANSWER The CPNI certification does not give the filer's FCC Registration Number" in out
    assert "[cpni_certification.frn]" in out


OTHER_FORMATS = [fmt for fmt in FORMATS if fmt not in DOCUMENT_FORMATS]


@pytest.mark.skipif(not OTHER_FORMATS, reason="every format has a document template")
def test_a_format_the_documents_lack_is_named_not_silently_dropped(tmp_path, capsys):
    path = _preset(tmp_path, "us-cpaas-sip")
    out = tmp_path / "out"
    other = OTHER_FORMATS[-1]
    assert (
        main(["render", str(path), "--documents", "subprocessors", "--format", f"md,{other}", "--out", str(out)]) == 0
    )
    assert f"the document 'subprocessors' is written as md, html, pdf only, not as {other}" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["us-cpaas-sip.subprocessors.md"]


def test_a_document_prints_to_pdf_with_its_title(tmp_path):
    path = _preset(tmp_path, "us-local-carrier")
    out = tmp_path / "out"
    assert main(["render", str(path), "--documents", "cpni-certification", "--format", "pdf", "--out", str(out)]) == 0
    reader = pypdf.PdfReader(out / "us-local-carrier.cpni-certification.pdf")
    assert reader.metadata.title == "Annual CPNI Compliance Certification | Prairie Valley Telephone"
    first_page = " ".join(reader.pages[0].extract_text().split())
    assert "I certify that I have personal knowledge" in first_page
    assert "Ruth Lindqvist" in first_page
    titles = [item.title for item in _flat(reader.outline)]
    assert [t for t in titles if t[:2] in ("1.", "2.", "3.", "4.")] == [
        "1. Officer's certificate",
        "2. Statement of operating procedures",
        "3. Actions taken against data brokers",
        "4. Customer complaints about unauthorized release of CPNI",
    ]


def _flat(outline: list) -> list:
    return [leaf for item in outline for leaf in (_flat(item) if isinstance(item, list) else [item])]
