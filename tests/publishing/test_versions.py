"""Publishing versions and the redline: history on disk, version bump, and exactly the changes made."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from telepolicy.generator import ExportError, ProjectFileError, load_project
from telepolicy.generator.cli import main
from telepolicy.generator.project.presets import presets_path
from telepolicy.generator.publishing.history import load_history, next_version, set_answer_line
from telepolicy.generator.publishing.service import compare, publish, render_redline
from tests.publishing.conftest import REDLINE_PRESET, THREE_CHANGES

EXPECTED = {pair for _, pair in THREE_CHANGES.values()}
ROUTINE = ("1.4", "1.5")  # the version number moves on: marked, but not a change of substance
# The same changes as the words marked in the text: only the differing characters of a number are marked.
MARKED = {("6", "12"), ("31 30 555 0100", "33 1 99 00 00 00"), ("30", "60"), ("4", "5")}


def _pairs(html: str) -> list[tuple[str, str]]:
    """(deleted, inserted) runs, as a reader sees them in the redline."""
    found = re.findall(r"(?:<del>([^<]*)</del>)?(?:<ins>([^<]*)</ins>)?", html)
    return [(d.strip(), i.strip()) for d, i in found if d or i]


def test_history_is_plain_text_beside_the_project(corpus):
    project_file = corpus.project_file
    history = load_history(project_file)
    assert history.folder == project_file.with_name("polder.history")
    assert [v.version for v in history.versions] == ["1.4", "1.5"]
    first, second = history.versions
    assert (history.folder / "1.4.md").read_text("utf-8").startswith("# Privacy Policy")
    assert first.summary == ("First published version.",)
    assert len(second.summary) == 3
    index = (history.folder / "index.toml").read_text("utf-8")
    assert 'version = "1.5"' in index
    assert "effective_date = 2026-" in index
    assert load_project(project_file).answers["policy.version"] == "1.6"  # the next draft


def test_redline_shows_exactly_the_three_changes(corpus):
    comparison = corpus.comparison
    changes = {(c.deleted, c.inserted) for c in comparison.redline.changes}
    assert changes == EXPECTED  # a changed answer may show in more than one place; nothing else changed
    assert len(comparison.redline.summary()) == 3  # three sections: retention, changes, contact
    routine = [(c.deleted, c.inserted) for s in comparison.redline.sections for c in s.changes if c.routine]
    assert routine == [ROUTINE]


def test_redline_html_marks_the_changes(corpus):
    html = corpus.redline["html"].decode("utf-8")
    main_part = html.split("<main>", 1)[1]
    assert set(_pairs(main_part)) == MARKED
    assert main_part.count('class="changed"') == 3  # retention, changes (notice days and version) and contact
    summary = html.split("<main>", 1)[0]
    assert "“6 months” → “12 months”" in summary
    assert "“+31 30 555 0100” → “+33 1 99 00 00 00”" in summary
    assert "“30 days” → “60 days”" in summary


def test_redline_pdf_shows_the_changes(corpus):
    reader = PdfReader(io.BytesIO(corpus.redline["pdf"]))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert text.count("→") == len(corpus.comparison.redline.changes)  # one arrow a change, in the summary
    for old, new in EXPECTED:
        assert f"“{old}” → “{new}”" in text
    assert re.search(r"at least 30\s*60 days", text)  # deleted and inserted words side by side
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    width, height = (round(float(v)) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (595, 842)  # the project's page size (A4)


def test_redline_docx_has_word_tracked_changes(corpus):
    with zipfile.ZipFile(io.BytesIO(corpus.redline["docx"])) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    deleted = ["".join(re.findall(r"<w:delText[^>]*>([^<]*)<", d)) for d in re.findall(r"<w:del\b.*?</w:del>", body)]
    inserted = ["".join(re.findall(r"<w:t[^>]*>([^<]*)<", i)) for i in re.findall(r"<w:ins\b.*?</w:ins>", body)]
    assert {d.strip() for d in deleted} == {old for old, _ in MARKED}
    assert {i.strip() for i in inserted} == {new for _, new in MARKED}
    assert 'w:author="Telepolicy"' in body


def test_a_published_version_cannot_be_published_again_or_edited(tmp_path):
    project = tmp_path / "p.toml"
    shutil.copy(presets_path() / f"{REDLINE_PRESET}.toml", project)
    first = publish(project)
    set_answer_line(project, "policy.version", "1.4")
    with pytest.raises(ExportError, match="already published"):
        publish(project)
    first.path.write_text(first.path.read_text("utf-8") + "\nedited\n", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="changed after it was published"):
        compare(project, "1.4", "current")


def test_version_numbers_and_in_place_edits(tmp_path):
    assert [next_version(v) for v in ("1.4", "1.9", "v2", "2026-01")] == ["1.5", "1.10", "v3", "2026-02"]
    with pytest.raises(ExportError, match="--next"):
        next_version("draft")
    project = tmp_path / "p.toml"
    text = (
        (presets_path() / f"{REDLINE_PRESET}.toml")
        .read_text("utf-8")
        .replace('version = "1.4"', 'version = "1.4"  # bumped by telepolicy publish')
    )
    project.write_text(text, encoding="utf-8")
    set_answer_line(project, "policy.version", "2.0")
    changed = project.read_text("utf-8")
    assert 'version = "2.0"' in changed
    assert changed.splitlines()[0] == text.splitlines()[0]  # comments and layout kept
    assert len(changed.splitlines()) == len(text.splitlines())


def test_cli_publish_and_diff(tmp_path, capsys):
    project = tmp_path / "policy.toml"
    shutil.copy(presets_path() / f"{REDLINE_PRESET}.toml", project)
    assert main(["diff", str(project), "--out", str(tmp_path / "out")]) == 2
    assert "nothing is published yet" in capsys.readouterr().err
    assert main(["publish", str(project), "--date", "2026-05-01"]) == 0
    out = capsys.readouterr().out
    assert "published version 1.4" in out
    assert "policy.version is now 1.5" in out
    set_answer_line(project, "company.phone", "+31 30 555 0199")
    assert main(["diff", str(project), "--format", "html", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "“0100” → “0199”" in out
    assert (tmp_path / "out" / "policy.redline-1.4-to-current.html").exists()
    assert main(["diff", str(project), "--from", "9.9", "--out", str(tmp_path / "out")]) == 2
    assert "no published version 9.9; published versions: 1.4" in capsys.readouterr().err


def test_changes_section_lists_what_changed_in_the_latest_version(tmp_path):
    project = tmp_path / "p.toml"
    shutil.copy(presets_path() / f"{REDLINE_PRESET}.toml", project)
    set_answer_line(project, "policy.list_changes", True)
    first = publish(project)
    assert "What changed in this version" not in first.path.read_text("utf-8")  # nothing before the first
    set_answer_line(project, "company.phone", "+31 30 555 0199")
    second = publish(project)
    text = second.path.read_text("utf-8")
    assert "### What changed in this version" in text
    assert "- Section 14 (How to contact us): “Contact us”: “0100” → “0199”." in text
    assert load_project(project).answers["policy.changes"] == list(second.entry.summary)
    # the list itself is not a change of substance between two versions
    assert [(c.deleted, c.inserted) for c in compare(project, "1.4", "1.5").redline.changes] == [("0100", "0199")]
    set_answer_line(project, "company.phone", "+31 30 555 0200")
    third = publish(project).path.read_text("utf-8")
    assert "“0199” → “0200”" in third
    assert "“0100” → “0199”" not in third  # replaced, not appended
    assert [(c.deleted, c.inserted) for c in compare(project, "1.5", "1.6").redline.changes] == [("0199", "0200")]


def test_a_list_written_over_several_lines_is_replaced_in_place(tmp_path):
    project = tmp_path / "p.toml"
    text = (presets_path() / f"{REDLINE_PRESET}.toml").read_text("utf-8")
    several = '[policy]\nchanges = [\n    "old line",\n    "another",\n]\n'
    project.write_text(text.replace("[policy]\n", several), "utf-8")
    set_answer_line(project, "policy.changes", ['a "quoted" line', "second → line"])
    assert load_project(project).answers["policy.changes"] == ['a "quoted" line', "second → line"]
    assert 'changes = ["a \\"quoted\\" line", "second → line"]\n' in project.read_text("utf-8")


def test_publish_refuses_a_policy_with_check_errors_unless_forced(tmp_path, capsys):
    project = tmp_path / "carrier.toml"
    shutil.copy(presets_path() / "us-local-carrier.toml", project)
    set_answer_line(project, "audience.regions", ["us", "us_states", "eea"])  # EEA users, no EU representative
    assert main(["publish", str(project)]) == 1
    err = capsys.readouterr().err
    assert "EU-REP-MISSING" in err
    assert "not published: the compliance check found 1 error(s)" in err
    assert not project.with_name("carrier.history").exists()
    assert main(["publish", str(project), "--force"]) == 0
    assert [v.version for v in load_history(project).versions] == ["2.0"]
    assert load_project(project).answers["policy.version"] == "2.1"


def test_redline_pdf_follows_the_policy_page_size(tmp_path):
    project = tmp_path / "northwind.toml"
    shutil.copy(presets_path() / "us-carrier-eea.toml", project)  # US Letter
    publish(project, today=None)
    set_answer_line(project, "company.phone", "+1 800 555 0199")
    pdf = render_redline(compare(project), ["pdf"])["pdf"]
    width, height = (round(float(v)) for v in PdfReader(io.BytesIO(pdf)).pages[0].mediabox[2:])
    assert (width, height) == (612, 792)
