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
}


class SettingsError(SystemExit):
    """A setting or the build's environment is wrong: one line said, exit 1, nothing built."""

    def __init__(self, line: str) -> None:
        super().__init__(1)
        self.line = line


def check_build_settings(settings: dict, environ=None) -> None:
    """What every build checks before reading anything: SITEURL, SITE_DOMAIN, SITENAME and
    the clock. Prints the first mistake and raises SettingsError."""
    from .clock import BadSourceDateEpoch, build_moment
    from .urls import site_domain_problem, site_url_line, site_url_problem

    line = None
    if problem := site_name_problem(settings.get("SITENAME")):
        line = f"SITENAME is {_shown(settings.get('SITENAME'))}: {problem} (give the site's name on one line)"
    elif problem := site_url_problem(settings.get("SITEURL", "")):
        line = site_url_line(settings.get("SITEURL"), problem)
    elif problem := site_domain_problem(settings.get("SITE_DOMAIN")):
        line = f"SITE_DOMAIN is {_shown(settings.get('SITE_DOMAIN'))}: {problem}"
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
