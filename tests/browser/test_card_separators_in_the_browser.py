"""An event card's facts ("date · place · audience") wrap without a "·" starting a line."""

from __future__ import annotations

import pytest

PAGES_WITH_CARDS = [
    "ifex/",
    "ifex/events/",
    "ifex/organizations/cchr/",
    "ifex/campaigns/no-impunity/",
    "upcoming/",
    "upcoming/events/",
]

# A separator is CSS-generated text that a script cannot measure; so each is copied,
# as the same text, into a real span in its place (the generated one switched off),
# and the "·" in that span is measured: whether the fact before it ends on the same
# line (else the "·" starts a line), and whether it sits below the list's first line.
SEPARATORS = """() => {
  const lists = [...document.querySelectorAll('.card-facts')];
  const probes = lists.flatMap(list => [...list.querySelectorAll(':scope > li + li')]
    .filter(li => li.getClientRects().length)
    .map(li => {
      const text = JSON.parse(getComputedStyle(li, '::before').content);
      const probe = document.createElement('span');
      probe.textContent = text;
      li.prepend(probe);
      return {list, li, probe};
    }));
  const off = document.createElement('style');
  off.textContent = '.card-facts li::before { content: none !important; }';
  document.head.append(off);
  const measured = probes.map(({list, li, probe}) => {
    const box = list.getBoundingClientRect();
    const range = document.createRange();
    const at = probe.firstChild.data.indexOf('\u00b7');
    range.setStart(probe.firstChild, at);
    range.setEnd(probe.firstChild, at + 1);
    const dot = range.getBoundingClientRect();
    let before = li.previousElementSibling;
    while (before && !before.getClientRects().length) before = before.previousElementSibling;
    const end = [...before.getClientRects()].pop();
    const sameLine = end.top < dot.bottom - 1 && end.bottom > dot.top + 1 && end.right <= dot.left + 1;
    return {text: li.textContent.trim(), startsLine: !sameLine, below: dot.top - box.top > 2};
  });
  probes.forEach(({probe}) => probe.remove());  // the page as it was, to measure again at another width
  off.remove();
  return measured;
}"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", PAGES_WITH_CARDS)
def test_no_line_of_a_cards_facts_starts_with_a_separator(visit, server, path, width):
    tab = visit(viewport={"width": width, "height": 800})
    tab.page.goto(f"{server}/{path}")
    separators = tab.page.evaluate(SEPARATORS)
    assert separators, "no card facts on the page"
    starting_a_line = [s["text"] for s in separators if s["startsLine"]]
    assert starting_a_line == []


def test_the_facts_do_wrap_on_a_small_phone(visit, server):
    # What makes the test above mean something: at 320 px the facts take more than one
    # line, so some separators stand on a later line (at its end or in its middle).
    tab = visit(viewport={"width": 320, "height": 800})
    tab.page.goto(f"{server}/ifex/events/")
    separators = tab.page.evaluate(SEPARATORS)
    assert any(s["below"] for s in separators)


@pytest.mark.parametrize("path", ["ifex/events/", "upcoming/"])
def test_at_no_phone_width_does_a_separator_start_a_line(visit, server, path):
    # Every width from a small phone to a large one, so that some break falls next to a "·".
    tab = visit(viewport={"width": 300, "height": 800})
    tab.page.goto(f"{server}/{path}")  # once: the script leaves the page as it found it
    for width in range(300, 481, 5):
        tab.page.set_viewport_size({"width": width, "height": 800})
        starting_a_line = [s["text"] for s in tab.page.evaluate(SEPARATORS) if s["startsLine"]]
        assert starting_a_line == [], width
