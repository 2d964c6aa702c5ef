"""The search (issue 17): Pagefind's index of the built site, listed pages only, per language.

The index is read as Pagefind writes it: pagefind-entry.json (each language's page count)
and its fragments (each indexed page's address, words and filters, gzipped JSON)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sitebuild import REPO, build, epoch


def fragments(output: Path) -> list[dict]:
    """Every indexed page, as Pagefind stored it (its address, its words, its filters)."""
    pages = []
    for fragment in sorted((output / "pagefind/fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        pages.append(json.loads(raw[raw.index(b"{") :]))
    return pages


@pytest.fixture(scope="module")
def programme(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("search") / "output"
    result = build(REPO / "tests/sites/programme", output, now=epoch("2027-02-01T12:00+00:00"))
    assert result.ok, result
    return output


def test_every_language_has_its_index(programme):
    entry = json.loads((programme / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["ar", "en", "es", "fr"]
    assert all(language["page_count"] > 0 for language in entry["languages"].values())


def test_only_one_session_has_the_word_and_it_is_found_in_every_language(programme):
    found = sorted(page["url"] for page in fragments(programme) if "kaleidoscopic" in page["content"].lower())
    assert found == sorted(
        f"/{prefix}events/digital-rights-forum-2027/digital-safety-zine/" for prefix in ("", "ar/", "es/", "fr/")
    )


def test_lists_programmes_and_the_search_page_are_not_indexed(programme):
    urls = {page["url"] for page in fragments(programme)}
    assert "/events/" not in urls and "/search/" not in urls and "/" not in urls
    assert "/events/digital-rights-forum-2027/" in urls
    assert "/events/digital-rights-forum-2027/programme/" not in urls


def test_a_session_is_filtered_by_type_kind_year_and_language(programme):
    zine = next(
        p for p in fragments(programme) if p["url"] == "/fr/events/digital-rights-forum-2027/digital-safety-zine/"
    )
    assert zine["filters"]["type"] == ["Session"]
    assert zine["filters"]["year"] == ["2027"]
    assert zine["filters"]["kind"] == ["conférence"]  # in the page's language
    assert zine["filters"]["language"] == ["English"]  # its words are not translated yet
    assert "Session" not in zine["content"].split()[:1]  # the filters' words are not indexed as words


def test_hidden_and_draft_pages_are_never_indexed(content, build_content, tmp_path):
    content.event("open-day", body="A zanzibarish gathering.\n")
    content.event("quiet-one", body="Only quixotical words here.\n", status="hidden")
    content.event("not-yet", body="Flabbergastic plans.\n", status="draft")
    content.news("hidden-news", status="hidden")
    result = build_content()
    assert result.ok, result
    output = tmp_path / "output"
    words = " ".join(page["content"] for page in fragments(output)).lower()
    assert "zanzibarish" in words
    assert "quixotical" not in words and "flabbergastic" not in words
    assert (output / "events/quiet-one/index.html").is_file()  # written, but not indexed
    assert "data-pagefind-body" not in (output / "events/quiet-one/index.html").read_text(encoding="utf-8")


def test_a_site_with_nothing_listed_has_no_index(content, build_content, tmp_path):
    """Without one data-pagefind-body, Pagefind would index every page, hidden ones too."""
    content.event("quiet-one", body="Only quixotical words here.\n", status="hidden")
    assert build_content().ok
    assert not (tmp_path / "output/pagefind").exists()


def test_the_search_page_loads_its_script_and_no_other_page_does(programme):
    search = (programme / "search/index.html").read_text(encoding="utf-8")
    assert "/js/search." in search and 'aria-live="polite"' in search
    for page in programme.rglob("index.html"):
        if page.parent.name != "search":
            assert "/js/search." not in page.read_text(encoding="utf-8"), page


def test_every_page_has_a_plain_search_form_in_its_header(programme):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((programme / "fr/events/index.html").read_text(encoding="utf-8"), "html.parser")
    form = page.select_one("header form[role=search]")
    assert form.get("method", "get") == "get" and form["action"].endswith("fr/search/")
    assert form.select_one("input[type=search][name=q]")["aria-label"] == "Rechercher"
