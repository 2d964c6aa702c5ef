"""YAML front matter: read strictly, explained when wrong."""

import pytest

from eventsite.frontmatter import FrontMatterError, split_front_matter


def test_front_matter_and_body_are_split():
    split = split_front_matter("---\ntitle: Hello\nstart: 2027-03-10\n---\n# Body\n")
    assert split.metadata == {"title": "Hello", "start": "2027-03-10"}  # dates stay text
    assert split.body == "# Body\n"


def test_a_byte_order_mark_and_windows_line_ends_are_fine():
    split = split_front_matter("\ufeff---\r\ntitle: Hello\r\n---\r\nBody\r\n")
    assert split.metadata == {"title": "Hello"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: Hello\n", "does not start with a line of three dashes"),
        ("---\ntitle: Hello\n", "never closed"),
        ("---\ntitle: a: b\n---\n", "line 2: this is not valid YAML"),
        (
            "---\ntitle: A\nkind: x\ntitle: B\n---\n",
            'line 4: this is not valid YAML: the key "title" is given twice',
        ),
        ("---\n- a\n- b\n---\n", "must be a list of 'key: value' lines"),
    ],
)
def test_mistakes_are_explained(text, message):
    with pytest.raises(FrontMatterError, match=message):
        split_front_matter(text)


def test_empty_front_matter_is_an_empty_mapping():
    assert split_front_matter("---\n---\nBody").metadata == {}


def test_keys_equal_only_in_python_are_not_the_same_key():
    """true == 1 in Python: YAML's true and 1 are two keys, and neither is given twice."""
    split = split_front_matter("---\ntrue: a\n1: b\nnull: c\ntitle: T\n---\n")
    assert "title" in split.metadata
    with pytest.raises(FrontMatterError, match='the key "1" is given twice'):
        split_front_matter("---\ntrue: a\n1: b\n1: c\n---\n")
