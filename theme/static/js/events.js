// The events list's filters, in place (events.html): a filter's link shows the matching cards
// without loading its page, and the address becomes that page's (history.pushState), so a
// reload or a shared link shows the same. Without this script each link loads its own page.
(function () {
  "use strict";
  var bar = document.querySelector("[data-event-filters][data-all]");
  if (!bar || !window.history || !history.pushState) return;  // a filtered page: its links load their pages
  var links = [].slice.call(bar.querySelectorAll("a"));
  var cards = [].slice.call(document.querySelectorAll(".event-card"));
  var sections = [].slice.call(document.querySelectorAll("[data-event-section]")).reverse();
  var heading = document.querySelector("[data-events-heading]");
  var count = document.querySelector("[data-event-count]");

  function show(link) {
    var name = link.getAttribute("data-filter"), value = link.getAttribute("data-value");
    cards.forEach(function (card) {
      card.hidden = name ? (card.getAttribute("data-" + name) || "").split(" ").indexOf(value) < 0 : false;
    });
    sections.forEach(function (section) {  // innermost first: a year's, then the past events'
      var any = section.querySelector(".event-card:not([hidden])");
      section.hidden = name ? !any : false;
    });
    links.forEach(function (other) {
      if (other === link) other.setAttribute("aria-current", "page");
      else other.removeAttribute("aria-current");
    });
    heading.textContent = link.getAttribute("data-title");
    document.title = link.getAttribute("data-page-title");
    count.textContent = link.getAttribute("data-count");
  }

  function linkFor(address) {
    return links.filter(function (link) { return link.href === address; })[0];
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (link.href !== location.href) history.pushState({eventFilter: link.href}, "", link.href);
      show(link);
    });
  });
  window.addEventListener("popstate", function () {
    var link = linkFor(location.href);
    if (link) show(link);
    else location.reload();
  });
})();
