"""The on-disk cache: never stale, never an error, off when asked, and clearable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from telepolicy.generator import cache
from telepolicy.generator.library import loader, model
from telepolicy.generator.library.loader import builtin_library_path, load_library
from telepolicy.generator.rendering import pdf
from tests.generator.clause_support import ORG_CLAUSE
from tests.generator.conftest import forget_this_process

PAGE = "<html lang='en'><head><title>t</title></head><body><p>{text}</p></body></html>"


pytestmark = pytest.mark.usefixtures("private_cache")


@pytest.fixture
def org(tmp_path: Path) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "extra.md").write_text(ORG_CLAUSE.format(body="Write to us at the desk."), encoding="utf-8")
    return folder


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading from the cache must not parse or check a clause file again."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a clause was parsed although the cache holds the library")

    monkeypatch.setattr(loader, "_parse_clause", fail)


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / kind).glob("*.bin")) if (folder / kind).is_dir() else []


def test_second_load_comes_from_the_cache_without_checking_again(org, private_cache, monkeypatch):
    first = load_library((org,))
    forget_this_process()
    no_parsing(monkeypatch)
    second = load_library((org,))
    assert second.clauses == first.clauses
    assert second.clauses["org.extra"].text == "Write to us at the desk."
    assert len(entries(private_cache, "library")) == 1
    # The compiled templates come with it and render as freshly compiled ones do.
    assert set(second.code) == {c.text for c in first.clauses.values()}
    context = {"company": {"legal_name": "A & B"}}
    body = "Hello {{ company.legal_name }} *x*"
    assert second.compile(body).render(context) == first.env.from_string(body).render(context)
    clause = second.clauses["org.extra"]
    assert second.compile(clause.text).render({}) == "Write to us at the desk."


def test_a_changed_organisation_clause_is_never_served_stale(org):
    assert load_library((org,)).clauses["org.extra"].text == "Write to us at the desk."
    path = org / "extra.md"
    stat = path.stat()
    # Same size and the same modification time: only the content tells the change.
    path.write_text(ORG_CLAUSE.format(body="Write to us at the gate."), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    forget_this_process()
    assert load_library((org,)).clauses["org.extra"].text == "Write to us at the gate."


def test_a_changed_file_is_seen_by_a_running_process_too(org):
    assert load_library((org,)).clauses["org.extra"].text == "Write to us at the desk."
    (org / "extra.md").write_text(ORG_CLAUSE.format(body="Call us instead."), encoding="utf-8")
    assert load_library((org,)).clauses["org.extra"].text == "Call us instead."


def test_a_clause_added_to_or_removed_from_an_organisation_folder_is_seen(org):
    load_library((org,))
    (org / "more.md").write_text(ORG_CLAUSE.format(body="More.").replace("org.extra", "org.more"), encoding="utf-8")
    forget_this_process()
    assert "org.more" in load_library((org,)).clauses
    (org / "more.md").unlink()
    forget_this_process()
    assert "org.more" not in load_library((org,)).clauses


def test_a_broken_organisation_clause_is_checked_and_reported_not_cached(org, private_cache):
    load_library((org,))
    (org / "extra.md").write_text(ORG_CLAUSE.format(body="Hello {{ company.nmae }}."), encoding="utf-8")
    forget_this_process()
    with pytest.raises(loader.ClauseLibraryError, match=r"company\.nmae"):
        load_library((org,))
    assert len(entries(private_cache, "library")) == 1  # only the good one


def test_a_changed_builtin_clause_is_never_served_stale(tmp_path, monkeypatch):
    copy = tmp_path / "builtin"
    shutil.copytree(builtin_library_path(), copy)
    monkeypatch.setattr(loader, "builtin_library_path", lambda: copy)
    library = load_library()
    clause = next(c for c in library.clauses.values() if c.path is not None)
    assert clause.path is not None
    assert clause.path.is_relative_to(copy)
    clause.path.write_text(clause.path.read_text(encoding="utf-8") + "\nAdded line.", encoding="utf-8")
    forget_this_process()
    assert load_library().clauses[clause.id].text.endswith("Added line.")


def test_a_new_program_version_never_reads_an_old_entry(org, monkeypatch):
    load_library((org,))
    forget_this_process()
    monkeypatch.setattr("telepolicy.generator.version.__version__", "999.0")
    cache.program_key.cache_clear()
    parsed = []
    original = loader._parse_clause
    monkeypatch.setattr(loader, "_parse_clause", lambda *a, **k: parsed.append(a[0]) or original(*a, **k))
    load_library((org,))
    assert parsed, "the library was not checked again for the new version"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-10] + b"0123456789",
        lambda data: b"not a cache entry at all",
    ],
    ids=["empty", "truncated", "altered", "foreign"],
)
def test_a_damaged_library_entry_is_rebuilt(org, private_cache, damage):
    expected = load_library((org,)).clauses
    (entry,) = entries(private_cache, "library")
    entry.write_bytes(damage(entry.read_bytes()))
    forget_this_process()
    assert load_library((org,)).clauses == expected
    assert cache.read_object("library", entry.stem) is not None  # written again, whole


def test_an_entry_with_a_valid_checksum_but_unloadable_content_is_rebuilt(org, private_cache):
    expected = load_library((org,)).clauses
    (entry,) = entries(private_cache, "library")
    cache.write("library", entry.stem, b"\x80\x05garbage")  # a pickle that cannot load
    forget_this_process()
    assert load_library((org,)).clauses == expected
    cache.write_object("library", entry.stem, ("the", "wrong", "shape"))
    forget_this_process()
    assert load_library((org,)).clauses == expected


def test_a_damaged_manifest_is_ignored(org, private_cache):
    load_library((org,))
    for entry in entries(private_cache, "manifest"):
        entry.write_bytes(b"junk")
    forget_this_process()
    assert load_library((org,)).clauses["org.extra"].text == "Write to us at the desk."


def test_no_cache_environment_variable_writes_and_reads_nothing(org, private_cache, monkeypatch):
    monkeypatch.setenv(cache.ENV_OFF, "1")
    load_library((org,))
    assert not private_cache.exists()
    monkeypatch.setenv(cache.ENV_OFF, "0")
    assert cache.enabled()


def test_an_unwritable_cache_folder_is_not_an_error(org, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))
    assert load_library((org,)).clauses["org.extra"].text == "Write to us at the desk."


def test_clear_removes_every_entry(org, private_cache):
    load_library((org,))
    assert entries(private_cache, "library")
    assert cache.clear() == private_cache
    assert not private_cache.exists()


def test_concurrent_writers_leave_a_whole_entry_and_no_temporary_files(private_cache):
    payloads = [bytes([n]) * 200_000 for n in range(8)]

    def writer(payload: bytes) -> None:
        for _ in range(5):
            cache.write("library", "same", payload)
            seen = cache.read("library", "same")
            assert seen is None or seen in payloads

    threads = [threading.Thread(target=writer, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.read("library", "same") in payloads
    assert [p.name for p in (private_cache / "library").iterdir()] == ["same.bin"]


def test_the_folder_follows_the_platform_convention(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.ENV_DIR)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "telepolicy"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "telepolicy"


def test_an_unchanged_page_is_printed_once(monkeypatch, private_cache):
    printed: list[str] = []
    real = pdf._print
    monkeypatch.setattr(pdf, "_print", lambda html, *a: printed.append(html) or real(html, *a))
    first = pdf.render_pdf(PAGE.format(text="Hello"))
    assert pdf.render_pdf(PAGE.format(text="Hello")) == first
    assert len(printed) == 1
    assert first.startswith(b"%PDF")
    # Any change of the page, such as a template or the CSS inlined into it, prints again.
    changed = PAGE.format(text="Hello").replace("<title>t</title>", "<title>t</title><style>p{color:red}</style>")
    pdf.render_pdf(changed)
    assert len(printed) == 2


def test_a_cached_pdf_repeats_the_refused_fetch_warnings(private_cache, caplog):
    page = "<html><body><img src='file:///etc/passwd'><p>text</p></body></html>"
    pdf.render_pdf(page)
    caplog.clear()
    with caplog.at_level("WARNING", logger="telepolicy.generator.rendering.pdf"):
        pdf.render_pdf(page)
    assert any("refused to fetch file:///etc/passwd" in r.getMessage() for r in caplog.records)


def test_a_damaged_pdf_entry_is_printed_again(private_cache):
    first = pdf.render_pdf(PAGE.format(text="Hello"))
    (entry,) = entries(private_cache, "pdf")
    entry.write_bytes(entry.read_bytes()[:100])
    assert pdf.render_pdf(PAGE.format(text="Hello")).startswith(b"%PDF")
    assert len(first) > 100


def test_a_new_program_version_prints_again(monkeypatch, private_cache):
    pdf.render_pdf(PAGE.format(text="Hello"))
    monkeypatch.setattr("telepolicy.generator.version.__version__", "999.0")
    cache.program_key.cache_clear()
    printed = []
    real = pdf._print
    monkeypatch.setattr(pdf, "_print", lambda html, *a: printed.append(html) or real(html, *a))
    pdf.render_pdf(PAGE.format(text="Hello"))
    assert printed


def test_a_changed_file_in_the_templates_folder_prints_again(monkeypatch, tmp_path, private_cache):
    templates = tmp_path / "templates"
    shutil.copytree(pdf.templates_path(), templates)
    monkeypatch.setattr(pdf, "templates_path", lambda: str(templates))
    printed: list[str] = []
    real = pdf._print
    monkeypatch.setattr(pdf, "_print", lambda html, *a: printed.append(html) or real(html, *a))
    page = PAGE.format(text="Hello")
    pdf.render_pdf(page)
    pdf.render_pdf(page)
    assert len(printed) == 1
    css = templates / "policy.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { color: red; }\n", encoding="utf-8")
    forget_this_process()
    pdf.render_pdf(page)
    assert len(printed) == 2


@pytest.fixture
def example_policy(example_project):
    from telepolicy.generator.rendering.assemble import assemble
    from telepolicy.generator.rendering.clauses import render_policy

    return render_policy(assemble(example_project, load_library()))


@pytest.fixture
def private_templates(tmp_path, monkeypatch):
    """A copy of the templates folder that a test may edit, and fresh page environments."""
    from telepolicy.generator.rendering import html, markdown

    templates = tmp_path / "templates"
    shutil.copytree(markdown.templates_path(), templates)
    for module in (html, markdown):
        monkeypatch.setattr(module, "templates_path", lambda: str(templates))
        module._environment.cache_clear()
    yield templates
    for module in (html, markdown):
        module._environment.cache_clear()


def test_an_edited_page_template_or_css_is_never_served_stale(private_templates, example_policy):
    from telepolicy.generator.rendering import html, markdown

    first = html.render_html(example_policy, "1")
    markdown.render_markdown(example_policy)
    assert list((cache.cache_dir() / "jinja").glob("*.bin")), "the compiled templates were not stored"
    css = private_templates / "policy.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.marker-css { color: red; }\n", encoding="utf-8")
    page = private_templates / "policy.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>marker-page</p></body>"), encoding="utf-8")
    md = private_templates / "policy.md.j2"
    md.write_text(md.read_text(encoding="utf-8") + "\nmarker-md\n", encoding="utf-8")
    for module in (html, markdown):
        module._environment.cache_clear()  # as a new process starts: only the stored bytecode is left
    second = html.render_html(example_policy, "1")
    assert ".marker-css" in second
    assert "marker-page" in second
    assert "marker-page" not in first
    assert "marker-md" in markdown.render_markdown(example_policy)


def test_damaged_stored_templates_and_clause_html_are_rebuilt(private_templates, example_policy):
    from telepolicy.generator.rendering import html

    expected = html.render_html(example_policy, "1")
    for entry in [*(cache.cache_dir() / "jinja").glob("*.bin"), *(cache.cache_dir() / "html").glob("*.bin")]:
        entry.write_bytes(entry.read_bytes()[:40])
    html._environment.cache_clear()
    html.clause_html.cache_clear()
    monkey_store = cache.StoredMap("html")
    assert monkey_store.get("anything") is None
    assert html.render_html(example_policy, "1") == expected


def test_clause_html_is_stored_and_read_back_without_converting(monkeypatch, example_policy):
    from telepolicy.generator.rendering import html

    html.clause_html.cache_clear()
    monkeypatch.setattr(html, "_stored", cache.StoredMap("html"))
    expected = html.render_html(example_policy, "1")
    html.clause_html.cache_clear()
    monkeypatch.setattr(html, "_stored", cache.StoredMap("html"))  # a new process: only the disk is left

    def no_conversion() -> None:
        raise AssertionError("a clause was converted again although its HTML is stored")

    monkeypatch.setattr(html, "_converter", no_conversion)
    assert html.render_html(example_policy, "1") == expected
    html.clause_html.cache_clear()


def test_stored_clause_html_follows_the_program_version(monkeypatch):
    store = cache.StoredMap("html")
    store.put("*text*", "<p>old program</p>")
    store.save()
    monkeypatch.setattr("telepolicy.generator.version.__version__", "999.0")
    cache.program_key.cache_clear()
    assert cache.StoredMap("html").get("*text*") is None


@pytest.mark.parametrize(
    "title", ["1. Who we are", "12. Données & “Quotes”", "3. CPNI: your rights — US/EEA", "4. a_b  c"]
)
def test_section_slug_matches_python_markdown(title):
    from markdown.extensions.toc import slugify as markdown_slugify

    from telepolicy.generator.rendering.markdown import slugify

    assert slugify(title, "-") == markdown_slugify(title, "-")


def test_importing_the_package_loads_no_template_or_pdf_engine():
    heavy = ("jinja2", "markdown", "weasyprint")
    probe = f"import sys, telepolicy.generator; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_public_name_is_found_where_it_is_defined():
    import importlib

    import telepolicy.generator as package

    assert set(package.__all__) == {*package._EXPORTS, "__version__"}
    for name in package.__all__:
        if name != "__version__":
            assert getattr(package, name) is getattr(importlib.import_module(package._EXPORTS[name]), name), name
    with pytest.raises(AttributeError):
        _ = package.no_such_name


def test_no_cache_option_of_the_command_reads_and_writes_nothing(example_file, private_cache, capsys):
    from telepolicy.generator.cli import main

    main(["check", str(example_file), "--no-cache"])
    assert not private_cache.exists()
    assert not cache.enabled()


def test_the_cache_command_shows_and_clears_the_folder(example_file, private_cache, capsys):
    from telepolicy.generator.cli import main

    main(["check", str(example_file)])
    assert entries(private_cache, "library")
    capsys.readouterr()
    assert main(["cache"]) == 0
    assert capsys.readouterr().out.strip() == str(private_cache)
    assert main(["cache", "clear"]) == 0
    assert not private_cache.exists()


def test_a_text_outside_the_library_is_compiled_once_across_runs(org, monkeypatch):
    library = load_library((org,))
    monkeypatch.setattr(model, "_compiled", cache.StoredMap("clause-code", value_type=bytes))
    text = "Custom text for {{ company.legal_name }}."
    context = {"company": {"legal_name": "Meridian"}}
    assert library.compile(text).render(context) == "Custom text for Meridian."
    model._compiled.save()  # as at exit
    monkeypatch.setattr(model, "_compiled", cache.StoredMap("clause-code", value_type=bytes))
    library.templates.clear()

    def no_compiling(source: str) -> None:
        raise AssertionError("compiled again although the code is stored")

    monkeypatch.setattr(library.env, "compile", no_compiling)
    assert library.compile(text).render(context) == "Custom text for Meridian."


def test_damaged_stored_code_is_compiled_again(org, monkeypatch):
    library = load_library((org,))
    store = cache.StoredMap("clause-code", value_type=bytes)
    store.put("Plain {{ 1 + 1 }}", b"not marshal data")
    store.save()
    monkeypatch.setattr(model, "_compiled", cache.StoredMap("clause-code", value_type=bytes))
    assert library.compile("Plain {{ 1 + 1 }}").render({}) == "Plain 2"


def counting(template: model.ClauseTemplate) -> list[object]:
    """Count the real renders behind a clause template's kept outputs."""
    calls: list[object] = []
    real = template.template.render
    template.template.render = lambda context: calls.append(context) or real(context)  # type: ignore[method-assign]
    return calls


def test_a_clause_renders_again_only_when_an_answer_it_reads_changes(org):
    library = load_library((org,))
    template = library.compile("Write to {{ company.legal_name }} at {{ contact.email | mailto }}.")
    calls = counting(template)
    context = {"company": {"legal_name": "A", "trading_name": "T"}, "contact": {"email": "a@b.example"}}
    first = template.render(context)
    context["company"]["trading_name"] = "Other"  # not read by the text
    assert template.render(context) == first
    assert len(calls) == 1
    context["company"]["legal_name"] = "B"
    assert template.render(context) == first.replace("A", "B", 1)
    assert len(calls) == 2


@pytest.mark.parametrize(
    "text",
    [
        "{% for key in company %}{{ company[key] }};{% endfor %}",
        "{% set c = company %}{{ c.legal_name }} {{ c.trading_name }}",
        "{{ company.items() | list | length }} {{ company.values() | join(',') }}",
        "{{ company }}",
        "{{ company.values() | map('upper') | join(',') }}",
    ],
)
def test_a_clause_that_reads_a_whole_table_renders_again_when_any_value_in_it_changes(org, text):
    template = load_library((org,)).compile(text)
    context = {"company": {"legal_name": "A", "trading_name": "T"}}
    first = template.render(context)
    context["company"]["trading_name"] = "Changed"
    assert template.render(context) != first


def test_kept_clause_outputs_never_differ_from_a_fresh_render():
    """Every preset rendered in turn through one library gives what fresh templates give."""
    from telepolicy.generator import build, list_presets, load_preset

    library = load_library()
    for preset in list_presets():
        project = load_preset(preset.name)
        kept = build(project, ["md"], check=False, library=library).outputs["md"]
        saved, library.templates = library.templates, {}
        fresh = build(project, ["md"], check=False, library=library).outputs["md"]
        library.templates = saved
        assert kept == fresh, preset.name


def test_a_clause_using_a_filter_given_the_context_depends_on_what_the_filter_reads():
    library = load_library()
    template = library.compile("{{ 'year' | period }} and {{ company.legal_name }}")
    assert template.inputs == (["company", "legal_name"], ["policy", "language"])  # period reads the spelling
    context = {"company": {"legal_name": "A", "trading_name": "T"}, "policy": {"language": "en-GB"}}
    template.render(context)
    calls = counting(template)
    context["company"]["trading_name"] = "Other"
    template.render(context)
    assert calls == []
    context["policy"]["language"] = "en-US"
    template.render(context)
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("text", "inputs"),
    [
        ('{{ audience.regions | select("in", ["eea", "uk"]) | list | length }}', (["audience", "regions"],)),
        (
            '{{ sharing.recipients | reject("equalto", company.legal_name) | join(",") }}',
            (["company", "legal_name"], ["sharing", "recipients"]),
        ),
        ("{{ audience.regions | map('lower') | join(',') }}", (["audience", "regions"],)),
        ("{{ audience.regions | map(attribute='name', default='x') | join(',') }}", (["audience", "regions"],)),
        (
            '{{ data.categories | map("term", "category_names") | join(",") }}',
            (["data", "categories"], ["policy", "language"]),
        ),
    ],
)
def test_a_clause_using_select_or_map_with_a_named_test_or_filter_reads_only_its_answers(text, inputs):
    """The 23 library clauses that select, reject or map render again only when what they read changes."""
    template = load_library().compile(text)
    assert template.inputs == inputs
    context = {
        "audience": {"regions": ["eea"]},
        "data": {"categories": ["contact"]},
        "sharing": {"recipients": ["a"]},
        "company": {"legal_name": "b"},
        "policy": {"language": "en-GB"},
        "retention": {"backup_days": 30},
    }
    template.render(context)
    calls = counting(template)
    context["retention"]["backup_days"] = 31
    template.render(context)
    assert calls == []


@pytest.mark.parametrize(
    "text",
    [
        "{{ company.values() | select(company.test) | list }}",  # a test named by an answer
        "{{ company.values() | map(*company.names) | list }}",
        "{{ company.values() | select('whole') | list }}",  # a test given the context, not saying what it reads
        "{{ company.values() | map('whole') | list }}",
    ],
)
def test_a_higher_order_filter_whose_callable_may_read_anything_depends_on_everything(org, text):
    from jinja2 import pass_context

    library = load_library((org,))
    whole = pass_context(lambda context, value: bool(context.get("retention")))
    library.env.filters["whole"] = library.env.tests["whole"] = whole
    assert library.compile(text).inputs == (["*"],)


def test_a_clause_using_a_context_filter_that_does_not_say_what_it_reads_depends_on_everything(org):
    from jinja2 import pass_context

    library = load_library((org,))
    library.env.filters["whole"] = pass_context(lambda context, value: f"{value} {context.get('retention')}")
    template = library.compile("{{ company.legal_name | whole }}")
    assert template.inputs == (["*"],)
    context = {"company": {"legal_name": "A"}, "retention": {"backup_days": 30}}
    template.render(context)
    calls = counting(template)
    context["retention"]["backup_days"] = 31
    template.render(context)
    assert len(calls) == 1


def test_a_page_prepared_in_the_background_is_then_exported_without_printing(monkeypatch, private_cache):
    page = PAGE.format(text="Prepared while the user paused")
    assert not pdf.is_cached(page)
    process = pdf.prepare_in_background(page)
    assert process is not None
    assert process.wait(timeout=300) == 0
    assert pdf.is_cached(page)
    assert pdf.prepare_in_background(page) is None  # nothing left to do

    def no_printing(*args: object) -> bytes:
        raise AssertionError("printed although the background process had printed this page")

    monkeypatch.setattr(pdf, "_print", no_printing)
    assert pdf.render_pdf(page).startswith(b"%PDF")


def test_no_background_printing_when_the_cache_is_off(monkeypatch):
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert pdf.prepare_in_background(PAGE.format(text="x")) is None


def test_a_stored_text_transform_runs_once_across_runs_and_follows_the_program():
    calls: list[str] = []

    def shout(text: str, mark: str) -> str:
        calls.append(text)
        return text.upper() + mark

    first = cache.stored("test-transform")(shout)
    assert first("abc", "!") == "ABC!"
    assert first("abc", "!") == "ABC!"
    assert calls == ["abc"]
    atexit_save = cache.StoredMap("test-transform")
    assert atexit_save.get("abc\0!") is None  # not saved until the exit or enough are new
    for store in [s for s in gc_stores() if s.kind == "test-transform"]:
        store.save()
    again = cache.stored("test-transform")(shout)  # as a new process: only the disk is left
    assert again("abc", "!") == "ABC!"
    assert calls == ["abc"]
    assert again("abd", "?") == "ABD?"
    assert calls == ["abc", "abd"]
    for store in [s for s in gc_stores() if s.kind == "test-transform"]:
        store.save()  # now, into this test's cache, not at exit


def gc_stores() -> list[cache.StoredMap]:
    import gc

    return [o for o in gc.get_objects() if isinstance(o, cache.StoredMap)]


def test_respelling_and_sanitising_give_what_the_plain_functions_give():
    from telepolicy.generator.library.spelling import respell
    from telepolicy.generator.rendering.safe_markdown import safe_markdown

    text = "We analyse the colour of <b>data</b> ![x](file:///etc/passwd) {{ company.legal_name }}"
    assert respell(text, "en-US") == respell.__wrapped__(text, "en-US")
    assert respell(text, "en-GB") == respell.__wrapped__(text, "en-GB")
    assert safe_markdown(text) == safe_markdown.__wrapped__(text)


# --- rendered clause texts kept across runs ---------------------------------------------------


def next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Save the kept clause outputs as at exit, then start as a new process: only the disk remains."""
    model._outputs.save()
    monkeypatch.setattr(model, "_outputs", cache.StoredMap("clause-output"))
    forget_this_process()


def refusing_to_render(template: model.ClauseTemplate) -> None:
    def fail(context: object) -> str:
        raise AssertionError("rendered again although its output for these answers is stored")

    template.template.render = fail  # type: ignore[method-assign]


def test_a_clause_output_is_read_back_in_the_next_run_without_rendering(org, monkeypatch):
    monkeypatch.setattr(model, "_outputs", cache.StoredMap("clause-output"))
    text = "Write to {{ company.legal_name }}."
    context = {"company": {"legal_name": "Meridian"}}
    assert load_library((org,)).compile(text).render(context) == "Write to Meridian."
    next_run(monkeypatch)
    template = load_library((org,)).compile(text)
    refusing_to_render(template)
    assert template.render(context) == "Write to Meridian."
    with pytest.raises(AssertionError, match="rendered again"):  # other answers: a real render
        template.render({"company": {"legal_name": "Other"}})


def test_a_stored_clause_output_follows_the_terms_of_the_library(org, monkeypatch):
    """A clause's words can come from terms.toml: a changed term is never served from the cache."""
    monkeypatch.setattr(model, "_outputs", cache.StoredMap("clause-output"))
    (org / "terms.toml").write_text('[org_words]\ndesk = "front desk"\n', encoding="utf-8")
    text = 'Ask at the {{ "desk" | term("org_words") }}.'
    context = {"policy": {"language": "en-GB"}}
    assert load_library((org,)).compile(text).render(context) == "Ask at the front desk."
    next_run(monkeypatch)
    (org / "terms.toml").write_text('[org_words]\ndesk = "service counter"\n', encoding="utf-8")
    os.utime(org / "terms.toml", ns=(0, 0))  # even with an old modification time
    assert load_library((org,)).compile(text).render(context) == "Ask at the service counter."


def test_a_stored_clause_output_follows_the_program_version(org, monkeypatch):
    monkeypatch.setattr(model, "_outputs", cache.StoredMap("clause-output"))
    text = "Write to {{ company.legal_name }}."
    context = {"company": {"legal_name": "Meridian"}}
    load_library((org,)).compile(text).render(context)
    next_run(monkeypatch)
    monkeypatch.setattr("telepolicy.generator.version.__version__", "999.0")
    cache.program_key.cache_clear()
    monkeypatch.setattr(model, "_outputs", cache.StoredMap("clause-output"))
    template = load_library((org,)).compile(text)
    refusing_to_render(template)
    with pytest.raises(AssertionError, match="rendered again"):
        template.render(context)


def test_no_clause_output_is_written_with_the_cache_off(org, private_cache, monkeypatch):
    monkeypatch.setenv(cache.ENV_OFF, "1")
    monkeypatch.setattr(model, "_outputs", cache.StoredMap("clause-output"))
    load_library((org,)).compile("Write to {{ company.legal_name }}.").render({"company": {"legal_name": "M"}})
    model._outputs.save()
    assert not entries(private_cache, "clause-output")


def test_checked_requirement_rules_are_kept_and_follow_the_rules_file(tmp_path, monkeypatch):
    from telepolicy.generator.checks import requirements

    rules_file = tmp_path / "requirement_rules.toml"
    rules_file.write_text('["gdpr.13.1.a"]\nwhen = {}\nseverity = "error"\n', encoding="utf-8")
    known = frozenset({"gdpr.13.1.a"})
    assert requirements.read_rules.__wrapped__(rules_file, known)["gdpr.13.1.a"].severity == "error"
    checked = []
    real = requirements._checked_rules
    monkeypatch.setattr(requirements, "_checked_rules", lambda *a: checked.append(a) or real(*a))
    assert requirements.read_rules.__wrapped__(rules_file, known)["gdpr.13.1.a"].severity == "error"
    assert not checked, "an unchanged rules file was parsed and checked again"
    rules_file.write_text('["gdpr.13.1.a"]\nwhen = {}\nseverity = "warning"\n', encoding="utf-8")
    assert requirements.read_rules.__wrapped__(rules_file, known)["gdpr.13.1.a"].severity == "warning"
    assert len(checked) == 1
