/* The programme, enhanced: day tabs, now and next by the visitor's clock, starred sessions and
   their calendar file. Without it every day is shown and none of this exists. Its words are
   <body>'s data- attributes, in the page's language (base.html). */
(function () {
  "use strict";
  var box = document.querySelector("[data-programme]");
  if (!box) return;
  var slug = box.dataset.programme, key = "stars:" + slug, M = 60000, T = document.body.dataset;
  var slots = [].slice.call(box.querySelectorAll("li.slot[data-start]:not(.break)"));
  function el(tag, css, text) {
    var node = document.createElement(tag);
    node.className = css || "";
    node.textContent = text || "";
    if (tag == "button") node.type = tag;
    return node;
  }
  function set(node, name, value) { node.setAttribute(name, value); }
  function at(slot, end) { return Date.parse(end && slot.dataset.end || slot.dataset.start); }
  function words(node) { return node.textContent.replace(/\s+/g, " ").trim(); }
  function say(name, value) { return T[name].replace(/\{\w+\}/, function () { return value; }); }
  // The event's date at t, by the UTC offset of a time written on that day.
  function dateAt(t, iso) {
    var m = /([+-])(\d\d):(\d\d)$/.exec(iso);
    return new Date(t + (m[1] + 1) * (60 * m[2] + +m[3]) * M).toISOString().slice(0, 10);
  }
  function title(slot) { return slot.querySelector(":scope > div > a"); }
  var tools = box.querySelector(".programme-tools"), said = el("span", "visually-hidden"), zone = box.querySelector(".programme-zone");
  set(said, "aria-live", "polite");
  if (!tools) tools = el("div", "programme-tools"), zone ? zone.after(tools) : box.prepend(tools);

  // Day tabs (the WAI-ARIA tabs pattern), from the days' links.
  var nav = box.querySelector(".programme-days"), tabs = [], panels = [];
  if (nav) nav.querySelectorAll("a").forEach(function (a) {
    var panel = document.getElementById(a.hash.slice(1));
    if (panel) tabs.push(a), panels.push(panel);
  });
  function select(n, chosen) {
    tabs.forEach(function (tab, i) {
      set(tab, "aria-selected", i == n);
      tab.tabIndex = i == n ? 0 : -1;
      panels[i].hidden = i != n;
    });
    box.querySelectorAll(".programme-part").forEach(function (part) { part.hidden = !part.contains(panels[n]); });
    if (chosen) tabs[n].focus(), history.replaceState(null, "", "#" + panels[n].id);
  }
  function dayOf(node) {
    return panels.findIndex(function (panel) { return panel.contains(node); });
  }
  function fromHash() { // a day, or something in one
    var target, n;
    try { target = document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { return; } // not %-encoded UTF-8
    n = dayOf(target);
    if (n < 0) return;
    select(n);
    (panels[n] == target ? nav : target).scrollIntoView();
    return 1;
  }
  if (tabs.length > 1) {
    var list = nav.querySelector("ul");
    set(list, "role", "tablist");
    set(list, "aria-label", nav.getAttribute("aria-label"));
    tabs.forEach(function (tab, i) {
      tab.id = "tab-" + panels[i].id;
      set(tab.parentNode, "role", "presentation");
      set(tab, "role", "tab");
      set(tab, "aria-controls", panels[i].id);
      set(panels[i], "role", "tabpanel");
      set(panels[i], "aria-labelledby", tab.id);
      tab.onclick = function (event) {
        event.preventDefault();
        select(i, 1);
      };
      tab.onkeydown = function (event) {
        var back = getComputedStyle(nav).direction == "rtl" ? 1 : -1; // the arrows follow the tabs' order on screen
        var to = { ArrowRight: i - back, ArrowLeft: i + back, Home: 0, End: tabs.length - 1 }[event.key];
        if (to == null) return;
        event.preventDefault();
        select((to + tabs.length) % tabs.length, 1);
      };
    });
    addEventListener("hashchange", fromHash);
  }

  // Now and next (not breaks), again every minute.
  var jump = el("button", "jump-now", T.jumpNow), target;
  jump.onclick = function () {
    if (tabs.length > 1) select(dayOf(target));
    title(target).focus();
  };
  function mark() {
    var now = Date.now(), next = Infinity, first;
    target = null;
    slots.forEach(function (slot) {
      var s = at(slot), badge = slot.querySelector(".now-badge");
      slot.classList.remove("is-now", "is-next");
      if (badge) badge.remove();
      if (s > now && s < next && dateAt(now, slot.dataset.start) == slot.dataset.start.slice(0, 10)) next = s;
    });
    slots.forEach(function (slot) {
      var s = at(slot), state = s <= now && now < at(slot, 1) ? "now" : s == next && "next";
      if (!state) return;
      slot.classList.add("is-" + state);
      slot.firstElementChild.append(" ", el("span", "now-badge", T[state]));
      if (state == "now") first = first || slot;
      target = target || slot;
    });
    target = first || target;
    if (target) tools.prepend(jump); else jump.remove();
  }
  mark();
  setInterval(mark, M);
  // The day in the address, else the one running now or next, else today by the event's clock, else the first.
  if (tabs.length > 1 && !fromHash()) select(Math.max(0, target ? dayOf(target) : panels.findIndex(function (panel) {
    var first = panel.querySelector("[data-start]"), day = panel.querySelector("time[datetime]");
    return first && day && dateAt(Date.now(), first.dataset.start) == day.getAttribute("datetime");
  })));

  // Starred sessions, kept in this browser only.
  var starred = [], download = el("button", "download-selection");
  try { starred = JSON.parse(localStorage.getItem(key)); } catch (e) { /* private mode, or not JSON */ }
  // Only this page's sessions: not what another shape of data, or a session since removed, left.
  var uids = slots.map(function (slot) { return slot.dataset.uid; });
  starred = (Array.isArray(starred) ? starred : []).filter(function (uid) { return uids.indexOf(uid) >= 0; });
  function count() {
    var n = starred.length;
    download.textContent = say("download", n);
    download.disabled = !n;
    return say("inSelection", n);
  }
  slots.forEach(function (slot) {
    var uid = slot.dataset.uid, link = title(slot), star = el("button", "star"), icon = el("span");
    if (!uid || !link) return;
    var name = words(link);
    set(icon, "aria-hidden", "true");
    star.append(icon, el("span", "visually-hidden", say("star", name)));
    function show() {
      var on = starred.indexOf(uid) >= 0;
      set(star, "aria-pressed", on);
      icon.textContent = on ? "★" : "☆";
      return on;
    }
    show();
    star.onclick = function () {
      var i = starred.indexOf(uid);
      if (i < 0) starred.push(uid); else starred.splice(i, 1);
      try { localStorage.setItem(key, JSON.stringify(starred)); } catch (e) { /* for this visit only */ }
      said.textContent = say(show() ? "starred" : "unstarred", name) + " " + count();
    };
    link.parentNode.prepend(star);
    tools.append(download);
  });
  count();
  tools.append(said);

  // Their calendar file (RFC 5545): the UIDs, titles and times (in UTC) of the site's own.
  function text(value) { return value.replace(/[\\;,]/g, "\\$&").replace(/\n/g, "\\n"); }
  function utc(t) { return new Date(t).toISOString().replace(/[-:]|\.\d+/g, ""); }
  function fold(line) { // at most 75 octets of UTF-8 a line, cut between characters
    var out = "", size = 0;
    Array.from(line).forEach(function (c) {
      var n = c.codePointAt(0), bytes = n < 128 ? 1 : n < 2048 ? 2 : n < 65536 ? 3 : 4;
      if (size + bytes > 75) out += "\r\n ", size = 1;
      out += c;
      size += bytes;
    });
    return out + "\r\n";
  }
  var event = words(box.querySelector(".kind a") || document.querySelector("h1"));
  download.onclick = function () {
    var lines = ["BEGIN:VCALENDAR", "PRODID:-//eventsite//Event microsite generator//EN", "VERSION:2.0",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME;VALUE=TEXT:" + text(say("selection", event))];
    slots.forEach(function (slot) {
      var d = slot.dataset;
      if (starred.indexOf(d.uid) < 0) return;
      lines.push("BEGIN:VEVENT", "UID:" + d.uid, "DTSTAMP:" + utc(Date.now()), "DTSTART:" + utc(at(slot)));
      if (d.end) lines.push("DTEND:" + utc(at(slot, 1)));
      lines.push("SUMMARY:" + text(words(title(slot)) + " (" + event + ")"), "URL:" + title(slot).href,
        "LOCATION:" + text([d.room, box.dataset.location].filter(Boolean).join(", ")), "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    var a = el("a"), file = URL.createObjectURL(new Blob([lines.map(fold).join("")], { type: "text/calendar" }));
    a.href = file;
    a.download = slug + "-my-selection.ics";
    a.click();
    setTimeout(function () { URL.revokeObjectURL(file); }, M);
  };
})();
