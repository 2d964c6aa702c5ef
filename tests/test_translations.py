"""Translations of content (issue 16, slice 1): <name>.<lang>.md beside its original holds
only words; everything else comes from the original, merged when the site is read.

Until the language views are built (slice 2) no page shows a translation: these tests read
what the build read (Site.translations), what it said, and the default language's pages."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pelican.settings
import pytest

from eventsite.generators import EventSiteGenerator
from eventsite.scaffold import ScaffoldError, new_translation

from sitebuild import ContentFolder, check, invoke_here

LANGUAGES = ["en", "fr", "es"]


@pytest.fixture
def read_site(monkeypatch, content: ContentFolder, tmp_path: Path):
    """Check the test's content with LANGUAGES (as invoke check does) and return (the result,
    the generator's Site as read and linked)."""
    seen = []
    original = EventSiteGenerator.generate_context

    def generate_context(self) -> None:
        seen.append(self)
        original(self)

    monkeypatch.setattr(EventSiteGenerator, "generate_context", generate_context)

    def run(languages=LANGUAGES, **overrides):
        result = check(content.root, tmp_path / "output", overrides={"LANGUAGES": languages, **overrides})
        return result, (seen[-1].site if seen else None)

    return run


def conference(content: ContentFolder) -> None:
    content.event(
        "conf",
        body="What the conference is about.\n",
        title="Media freedom conference",
        summary="Two days on press freedom.",
        date="2027-01-05",
        end="2027-03-11",
        venue={"name": "City hall", "address": "Pohjoisesplanadi 11", "city": "Helsinki", "country": "Finland"},
        registration={"url": "https://forms.example.org/r", "label": "Sign up", "note": "It asks for your name."},
        parts=[
            {"id": "members", "title": "Members' day", "start": "2027-03-10", "summary": "For members."},
            {"id": "public", "title": "Public day", "start": "2027-03-11"},
        ],
    )


def errors(result) -> list[str]:
    return [line for line in result.errors if "warning:" not in line]


# --- the setting ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("languages", "said"),
    [
        (["fr", "en"], "its first must be DEFAULT_LANG ('en')"),
        (["en", "fr", "fr"], "'fr' is in it twice"),
        (["en", "xx"], "'xx' is not a language code Babel knows"),
    ],
)
def test_a_wrong_languages_setting_stops_the_build_in_one_line(content, tmp_path, languages, said):
    content.event("conf")
    result = check(content.root, tmp_path / "output", overrides={"LANGUAGES": languages})
    assert result.result.returncode == 1
    assert len(result.errors) == 1, result
    assert result.errors[0].startswith(f"LANGUAGES is {languages!r}: ") and said in result.errors[0], result


# --- what a translation may say ------------------------------------------------------------


def test_a_key_that_is_not_a_word_names_itself_and_the_original(content, read_site):
    conference(content)
    content.markdown(
        "events/conf/index.fr.md",
        {"title": "Conférence", "start": "2027-01-01", "registration": {"url": "https://x.example.org", "label": "Go"}},
    )
    result, _ = read_site()
    assert not result.ok
    shown = [line.split("index.fr.md: ", 1)[1] for line in errors(result) if "index.fr.md" in line]
    assert shown == [
        "registration.url: a translation holds only words; registration.url comes from events/conf/index.md "
        "(remove it here)",
        "start: a translation holds only words; start comes from events/conf/index.md (remove it here)",
    ], result


def test_a_translation_without_its_original_is_an_error(content, read_site):
    content.markdown("people/ann.fr.md", {"title": "Anne"})
    result, _ = read_site()
    assert [line.split("content/", 1)[1] for line in errors(result) if "ann.fr.md" in line] == [
        "people/ann.fr.md: file: there is no people/ann.md for this translation (a translation is named "
        "after its original, beside it: write people/ann.md first, or correct the name)"
    ], result


def test_a_language_the_site_does_not_have_is_an_error_naming_its_languages(content, read_site):
    conference(content)
    content.markdown("events/conf/index.de.md", {"title": "Konferenz"})
    content.markdown("events/conf/sessions/talk.md", {"title": "Talk"})
    content.markdown("events/conf/sessions/talk.en.md", {"title": "Talk"})
    result, _ = read_site()
    lines = errors(result)
    assert any(
        line.endswith(
            "events/conf/index.de.md: file: de is not one of the site's LANGUAGES (en, fr, es) "
            "(rename the file for one of fr, es, or add de to LANGUAGES)"
        )
        for line in lines
    ), result
    assert any("sessions/talk.en.md: file: en is the site's default language" in line for line in lines), result


def test_a_name_with_a_dot_that_is_no_language_is_a_name(content, read_site):
    content.page("notes.v2")
    result, _ = read_site()
    assert any(
        'pages/notes.v2.md: slug: the file name "notes.v2" is not a valid slug' in line for line in errors(result)
    )
    assert not any("LANGUAGES" in line for line in result.errors), result


def test_a_part_is_translated_by_its_id_and_an_unknown_id_is_an_error(content, read_site):
    conference(content)
    content.markdown("events/conf/index.fr.md", {"title": "Conférence", "parts": [{"id": "member", "title": "X"}]})
    result, _ = read_site()
    assert any(
        line.endswith('index.fr.md: parts[1].id: events/conf/index.md has no part "member" (did you mean "members"?)')
        for line in errors(result)
    ), result


# --- what a translation is -------------------------------------------------------------------


def test_a_translated_event_has_the_originals_facts_and_its_own_words(content, read_site):
    conference(content)
    content.markdown(
        "events/conf/index.fr.md",
        {
            "title": "Conférence sur la liberté de la presse",
            "summary": "Deux jours sur la liberté de la presse.",
            "venue": {"name": "Hôtel de ville"},
            "registration": {"label": "S'inscrire"},
            "parts": [{"id": "public", "title": "Journée publique"}],
        },
        "De quoi parle la conférence.\n",
    )
    result, site = read_site()
    assert result.ok, result
    original, french = site.events["conf"], site.translations[("event", "conf")]["fr"]
    assert (french.lang, french.translation, french.slug) == ("fr", True, "conf")
    assert french.title == "Conférence sur la liberté de la presse"
    assert french.summary == "<p>Deux jours sur la liberté de la presse.</p>"
    assert str(french.start) == str(original.metadata["start"]) == "2027-03-10"
    assert (french.venue.name, french.venue.address, french.venue.city) == (
        "Hôtel de ville",
        "Pohjoisesplanadi 11",
        "Helsinki",
    )
    assert french.registration.label == "S'inscrire"
    assert (french.registration.url, french.registration.note) == (
        "https://forms.example.org/r",
        "It asks for your name.",
    )
    assert [(p.id, p.title, p.summary) for p in french.parts] == [
        ("members", "Members' day", "For members."),
        ("public", "Journée publique", None),
    ]
    assert "De quoi parle la conférence." in french.content
    assert french.body_lang == "fr"
    assert french.words_lang["title"] == "fr" and french.words_lang["venue.address"] == "en"
    assert french.words_lang["parts.members.title"] == "en" and french.words_lang["parts.public.title"] == "fr"
    # The default language's site is the original's alone
    assert original.title == "Media freedom conference" and original.venue.name == "City hall"
    assert [e.slug for e in site.events.values()] == ["conf"]


def test_a_translation_without_a_body_has_the_originals_text_in_its_language(content, read_site):
    conference(content)
    content.markdown("events/conf/index.es.md", {"title": "Conferencia"}, "\n")
    result, site = read_site()
    assert result.ok, result
    spanish = site.translations[("event", "conf")]["es"]
    assert "What the conference is about." in spanish.content
    assert spanish.body_lang == "en" and spanish.words_lang["title"] == "es"


def test_every_type_has_its_translations_beside_the_tables(content, read_site):
    conference(content)
    content.markdown("events/conf/sessions/talk.md", {"title": "Talk", "start": "2027-03-10 10:00"})
    content.markdown("people/ann.md", {"title": "Ann Example", "role": "Director"})
    content.organization("cpj")
    content.campaign("free")
    content.markdown("series/meeting.md", {"title": "Meeting"})
    content.news("hello")
    content.page("about")
    for path in (
        "events/conf/index.fr.md",
        "events/conf/sessions/talk.fr.md",
        "events/conf/sessions/talk.es.md",
        "people/ann.fr.md",
        "organizations/cpj.fr.md",
        "campaigns/free.fr.md",
        "series/meeting.fr.md",
        "news/hello.fr.md",
        "pages/about.fr.md",
    ):
        content.markdown(path, {"title": f"Titre {path}"}, "Texte.\n")
    result, site = read_site()
    assert result.ok, result
    assert {key: sorted(langs) for key, langs in site.translations.items()} == {
        ("event", "conf"): ["fr"],
        ("session", "conf/talk"): ["es", "fr"],
        ("person", "ann"): ["fr"],
        ("organization", "cpj"): ["fr"],
        ("campaign", "free"): ["fr"],
        ("series", "meeting"): ["fr"],
        ("news", "hello"): ["fr"],
        ("page", "about"): ["fr"],
    }
    person = site.translations[("person", "ann")]["fr"]
    assert (person.title, person.role) == ("Titre people/ann.fr.md", "Director")
    assert [s.title for s in site.sessions] == ["Talk"]  # the tables hold the originals only
    assert site.table("person")["ann"].title == "Ann Example"
    assert [a.title for a in site.news] == ["News hello"]


def test_an_original_that_says_it_is_a_translation_is_told_the_file_name(content, read_site):
    content.event("conf")
    content.event("conf-fr", slug="conf", lang="fr", translation=True)
    result, _ = read_site()
    assert any(
        "events/conf-fr/index.md: translation: is true, but this file is not named as a translation" in line
        and "events/conf-fr/index.fr.md" in line
        for line in result.errors
    ), result


def test_a_published_translation_still_in_the_originals_words_is_warned_about(content, read_site):
    conference(content)
    content.markdown("events/conf/index.fr.md", {"title": "Media freedom conference"}, "\n")
    result, _ = read_site()
    assert result.ok
    assert any(
        "index.fr.md: text: warning: its words are still those of events/conf/index.md" in line
        for line in result.errors
    ), result


def test_the_default_languages_pages_are_the_same_with_a_translation(content, tmp_path):
    from sitebuild import build_here

    conference(content)
    content.markdown("events/conf/sessions/talk.md", {"title": "Talk", "start": "2027-03-10 10:00"})
    before = build_here(content.root, tmp_path / "before", overrides={"LANGUAGES": LANGUAGES})
    assert before.ok, before
    content.markdown(
        "events/conf/index.fr.md", {"title": "Conférence", "venue": {"name": "Hôtel de ville"}}, "Texte.\n"
    )
    content.markdown("events/conf/sessions/talk.fr.md", {"title": "Exposé"})
    after = build_here(content.root, tmp_path / "after", overrides={"LANGUAGES": LANGUAGES})
    assert after.ok, after
    for page in ("events/conf/", "events/conf/talk/", "events/"):
        assert str(after.soup(page).main) == str(before.soup(page).main), page
        assert after.soup(page).title == before.soup(page).title
    assert after.text("calendar.ics") == before.text("calendar.ics")


# --- invoke new --lang -----------------------------------------------------------------


def test_invoke_new_lang_writes_the_originals_words_as_a_draft_that_reads_back(monkeypatch, content, read_site):
    conference(content)
    read_file = pelican.settings.get_settings_from_file
    monkeypatch.setattr(
        pelican.settings, "get_settings_from_file", lambda path: {**read_file(path), "LANGUAGES": LANGUAGES}
    )
    made = invoke_here("new", "event", "conf", "--lang", "fr", "--content", str(content.root))
    assert made.returncode == 0, made.stderr
    written = content.root / "events/conf/index.fr.md"
    assert f"Created {written}, a draft" in made.stdout
    text = written.read_text(encoding="utf-8")
    assert "status: draft" in text and "start:" not in text and "url:" not in text
    assert text.endswith("---\nWhat the conference is about.\n")
    result, site = read_site()
    assert result.ok, result
    french = site.translations[("event", "conf")]["fr"]
    original = site.events["conf"]
    assert french.status == "draft"
    assert (french.title, french.summary, french.venue, french.registration, french.parts) == (
        original.title,
        original.metadata["summary"],
        original.metadata["venue"],
        original.metadata["registration"],
        original.metadata["parts"],
    )
    again = invoke_here("new", "event", "conf", "--lang", "fr", "--content", str(content.root))
    assert again.returncode == 1 and "already exists: edit it" in again.stderr
    assert written.read_text(encoding="utf-8") == text


def test_invoke_new_lang_for_a_session_and_its_mistakes(content):
    conference(content)
    content.markdown("events/conf/sessions/talk.md", {"title": "Talk", "summary": "A talk."}, "About it.\n")
    made = new_translation(content.root, "session", "talk", "es", LANGUAGES, event="conf")
    assert made.path == content.root / "events/conf/sessions/talk.es.md"
    assert "title: Talk\nsummary: A talk.\n" in made.path.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="de is not one of the site's LANGUAGES \\(en, fr, es\\)"):
        new_translation(content.root, "event", "conf", "de", LANGUAGES)
    with pytest.raises(ScaffoldError, match="there is no event 'nope'"):
        new_translation(content.root, "event", "nope", "fr", LANGUAGES)


# --- invoke check's report ----------------------------------------------------------------


def git(root: Path, *arguments: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ed", "GIT_AUTHOR_EMAIL": "ed@example.org"}
    env.update({"GIT_COMMITTER_NAME": "Ed", "GIT_COMMITTER_EMAIL": "ed@example.org"})
    if when:
        env.update({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    subprocess.run(["git", "-C", str(root), *arguments], check=True, capture_output=True, env=env)


def test_check_lists_per_language_what_is_missing_and_what_is_out_of_date(content, read_site):
    conference(content)
    content.markdown("people/ann.md", {"title": "Ann"})
    content.markdown("people/bo.md", {"title": "Bo", "status": "draft"})  # a draft: nothing to translate yet
    content.markdown("events/conf/index.fr.md", {"title": "Conférence"})
    content.markdown("events/conf/index.es.md", {"title": "Conferencia"})
    content.markdown("people/ann.es.md", {"title": "Ana"})
    content.markdown("organizations/cpj.md", {"title": "CPJ"})
    content.markdown("organizations/cpj.fr.md", {"title": "CPJ", "status": "draft"})  # begun: still missing
    content.markdown("organizations/cpj.es.md", {"title": "CPJ", "summary": "Un comité."})
    git(content.root, "init", "-q")
    git(content.root, "add", ".")
    git(content.root, "commit", "-qm", "first", when="2027-01-01T10:00:00Z")
    content.event("conf", title="Media freedom conference, again")  # the original changes
    git(content.root, "commit", "-qam", "second", when="2027-01-03T10:00:00Z")
    result, _ = read_site()
    assert result.ok, result
    lines = result.result.stdout.splitlines()
    assert lines[-2:] == [
        "fr: 2 of 3 not translated (organizations 1, people 1): organizations/cpj.fr.md (a draft), people/ann.md; "
        "1 out of date: events/conf/index.fr.md (its original changed 2027-01-03 10:00 UTC, it 2027-01-01 10:00 UTC)",
        "es: all 3 translated; 1 out of date: events/conf/index.es.md "
        "(its original changed 2027-01-03 10:00 UTC, it 2027-01-01 10:00 UTC)",
    ], result
    # Once translated again (uncommitted: its file's time), it is up to date
    translation = content.markdown("events/conf/index.es.md", {"title": "Conferencia, otra vez"})
    os.utime(translation, (1893456000, 1893456000))  # 2030
    result, _ = read_site()
    assert result.result.stdout.splitlines()[-1] == "es: all 3 translated; none out of date", result


def test_check_names_a_few_missing_files_unless_a_language_is_asked_for(content, read_site):
    for number in range(7):
        content.markdown(f"people/p{number}.md", {"title": f"Person {number}"})
    result, _ = read_site(languages=["en", "fr"])
    line = result.result.stdout.splitlines()[-1]
    assert line == (
        "fr: 7 of 7 not translated (people 7): people/p0.md, people/p1.md, people/p2.md, people/p3.md, people/p4.md "
        "and 2 more (invoke check --translations fr lists them all); none out of date"
    ), result
    result, _ = read_site(languages=["en", "fr"], EVENTSITE_TRANSLATIONS_LISTED="fr")
    assert "people/p6.md; none out of date" in result.result.stdout.splitlines()[-1]


def test_a_site_of_one_language_says_nothing_of_translations(content, read_site):
    content.markdown("people/ann.md", {"title": "Ann"})
    result, _ = read_site(languages=None)
    assert result.result.stdout.splitlines()[-1] == "All content passed the checks.", result


def test_outside_git_a_fresh_copy_is_up_to_date_and_a_change_in_the_same_minute_says_its_seconds(content, read_site):
    conference(content)
    original = content.root / "events/conf/index.md"
    translation = content.markdown("events/conf/index.fr.md", {"title": "Conférence"})
    es = content.markdown("events/conf/index.es.md", {"title": "Conferencia"})
    moment = 1893456000.0  # 2030-01-01 00:00:00 UTC, no git here
    os.utime(original, (moment + 30.9, moment + 30.9))
    os.utime(translation, (moment + 30.2, moment + 30.2))  # copied with it: a fraction of a second before
    os.utime(es, (moment + 29.5, moment + 29.5))  # one whole second before: still a copy
    result, _ = read_site()
    assert result.ok, result
    assert [line for line in result.result.stdout.splitlines() if "out of date" in line] == [
        "fr: all 1 translated; none out of date",
        "es: all 1 translated; none out of date",
    ], result
    os.utime(es, (moment + 5, moment + 5))  # 25 seconds before, in the same minute
    result, _ = read_site()
    assert result.result.stdout.splitlines()[-1] == (
        "es: all 1 translated; 1 out of date: events/conf/index.es.md "
        "(its original changed 2030-01-01 00:00:30 UTC, it 2030-01-01 00:00:05 UTC)"
    ), result
