"""Fixtures shared by the tests: content folders in tmp_path, and the shipped site built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import SHIPPED_CONTENT, Build, ContentFolder, build, build_here, check


@pytest.fixture
def content(tmp_path: Path) -> ContentFolder:
    return ContentFolder(tmp_path / "content")


@pytest.fixture
def build_content(content: ContentFolder, tmp_path: Path):
    """Build the test's content folder in this process (sitebuild.build_here, a tenth of
    the command's time); call again to rebuild into the same output."""

    def run(**options) -> Build:
        return build_here(content.root, tmp_path / "output", **options)

    return run


@pytest.fixture
def build_with_pelican(content: ContentFolder, tmp_path: Path):
    """Build the test's content folder with the `pelican` command, end to end."""

    def run(**options) -> Build:
        return build(content.root, tmp_path / "output", **options)

    return run


@pytest.fixture
def check_content(content: ContentFolder, tmp_path: Path):
    """What a build says about the test's content folder, checked in this process
    (sitebuild.check): for the content mistakes, in milliseconds instead of a build's second."""

    def run(**options) -> Build:
        return check(content.root, tmp_path / "output", **options)

    return run


@pytest.fixture(scope="session")
def shipped(tmp_path_factory) -> Build:
    """The shipped IFEX site, built once for the whole test session."""
    result = build(SHIPPED_CONTENT, tmp_path_factory.mktemp("shipped") / "output")
    assert result.ok, result.result.stderr
    return result
