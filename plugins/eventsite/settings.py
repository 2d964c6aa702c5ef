"""The plugin's defaults, and the checks of the settings that every build makes.

The URLs are the content contract's and must not change: they are in content_types.py."""

import sys

from .content_types import url_settings

DEFAULTS = {
    # EVENT_URL, EVENT_SAVE_AS… of the content types (content_types.py)
    **url_settings(),
    # Used in calendar UIDs and wherever an absolute URL is needed without SITEURL.
    "SITE_DOMAIN": "localhost",
    # The Babel locale for dates and times.
    "DATE_LOCALE": "en_GB",
    # True: the HTML written in a body is published as it is, <script> included, instead of
    # being cleaned to the tags of docs/editing.md. Only for sites whose every editor is trusted.
    "EVENTSITE_RAW_HTML": False,
    # The site's languages, the first its default (DEFAULT_LANG); None: DEFAULT_LANG alone.
    # A translation is a file beside its original named <name>.<lang>.md (content-contract.md).
    "LANGUAGES": None,
    # SITESUBTITLE in the site's other languages ({"fr": "…"}): the home page's line under the
    # site's name and the pages' default description; a language without one says SITESUBTITLE.
    "SITESUBTITLES": {},
    # Open Graph's og:locale of each language (base.html); a language not in it: its code.
    "OG_LOCALES": {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR"},
}


def site_languages(settings: dict) -> list[str]:
    """The site's languages, the default first: LANGUAGES, else [DEFAULT_LANG]."""
    return list(settings.get("LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])


def known_language(code: str) -> bool:
    """A language code Babel has locale data for (en, fr, es, ar, pt-BR…)."""
    from babel import localedata

    return bool(code) and localedata.exists(code.replace("-", "_"))


def languages_problem(settings: dict) -> str | None:
    """What is wrong with LANGUAGES, as the line a build prints, or None."""
    languages, default = settings.get("LANGUAGES"), settings.get("DEFAULT_LANG", "en")
    if languages is None:
        return None
    if not isinstance(languages, list | tuple) or not languages or not all(isinstance(c, str) for c in languages):
        example = [default, "fr"]
        return f"LANGUAGES is {_shown(languages)}: give a list of language codes, the default first, e.g. {example}"
    if languages[0] != default:
        return (
            f"LANGUAGES is {_shown(list(languages))}: its first must be DEFAULT_LANG ({default!r}), "
            f"e.g. {[default, *(c for c in languages if c != default)]}"
        )
    seen: set[str] = set()
    for code in languages:
        if code in seen:
            return f"LANGUAGES is {_shown(list(languages))}: {code!r} is in it twice (list each language once)"
        seen.add(code)
    for code in languages:
        if not known_language(code):
            shown = _shown(list(languages))
            return f"LANGUAGES is {shown}: {code!r} is not a language code Babel knows (e.g. en, fr, es, ar)"
    return None


class SettingsError(SystemExit):
    """A setting or the build's environment is wrong: one line said, exit 1, nothing built."""

    def __init__(self, line: str) -> None:
        super().__init__(1)
        self.line = line


def check_build_settings(settings: dict, environ=None) -> None:
    """What every build checks before reading anything: SITEURL, SITE_DOMAIN, SITENAME,
    LANGUAGES and the clock. Prints the first mistake and raises SettingsError."""
    from .clock import BadSourceDateEpoch, build_moment
    from .urls import site_domain_problem, site_url_line, site_url_problem

    line = None
    if problem := site_name_problem(settings.get("SITENAME")):
        line = f"SITENAME is {_shown(settings.get('SITENAME'))}: {problem} (give the site's name on one line)"
    elif problem := site_url_problem(settings.get("SITEURL", "")):
        line = site_url_line(settings.get("SITEURL"), problem)
    elif problem := site_domain_problem(settings.get("SITE_DOMAIN")):
        line = f"SITE_DOMAIN is {_shown(settings.get('SITE_DOMAIN'))}: {problem}"
    elif problem := languages_problem(settings):
        line = problem
    else:
        try:
            build_moment(environ)
        except BadSourceDateEpoch as error:
            line = str(error)
    if line:
        print(line, file=sys.stderr)
        raise SettingsError(line)


def site_name_problem(name) -> str | None:
    """The site's name heads every page, feed and calendar: one line of visible text."""
    from .frontmatter import CONTROL_CHARACTERS

    if not isinstance(name, str) or not name.strip():
        return "it must be text"
    if "\n" in name or "\r" in name or "\u2028" in name or "\u2029" in name:
        return "it has a line break in it"
    if found := CONTROL_CHARACTERS.search(name):
        return f"it has an invisible character ({ord(found.group()):#06x}) in it"
    return None


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:70]}…"
