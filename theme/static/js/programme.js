/* The programme, enhanced: day tabs, now and next, a starred selection (programme.js).
   Without it every day is shown, and nothing here exists: the page is complete. */
(function () {
  "use strict";
  var box = document.querySelector("[data-programme]");
  if (!box) return;
  var slug = box.getAttribute("data-programme"), key = "eventsite-stars:" + slug;
  var slots = [].slice.call(box.querySelectorAll("li.slot[data-start]:not(.break)"));
  var minute = 60000;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
  function button(className, text) {
    var node = el("button", className, text);
    node.type = "button";
    return node;
  }
  function start(slot) { return Date.parse(slot.getAttribute("data-start")); }
  function end(slot) { return Date.parse(slot.getAttribute("data-end") || slot.getAttribute("data-start")); }
  function words(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }
  // The event's date at a moment, by the UTC offset a time of that day is written with.
  function dateAt(t, iso) {
    var m = /([+-])(\d\d):(\d\d)$/.exec(iso) || [0, "+", 0, 0];
    return new Date(t + (m[1] === "-" ? -1 : 1) * (60 * m[2] + +m[3]) * minute).toISOString().slice(0, 10);
  }
  function body(slot) { return [].filter.call(slot.children, function (c) { return !/session-time/.test(c.className); })[0]; }
  function title(slot) { var div = body(slot); return words(div && div.querySelector(":scope > a")); }

  var tools = el("div", "programme-tools"), said = el("span", "visually-hidden");
  said.setAttribute("aria-live", "polite");
  var zone = box.querySelector(".programme-zone");
  if (zone) zone.after(tools); else box.prepend(tools);

  // Day tabs (the WAI-ARIA tabs pattern), over the days' links.
  var nav = box.querySelector(".programme-days"), tabs = [], panels = [];
  if (nav) {
    [].forEach.call(nav.querySelectorAll("a[href^='#']"), function (link) {
      var panel = document.getElementById(link.getAttribute("href").slice(1));
      if (!panel) return;
      tabs.push(link);
      panels.push(panel);
    });
  }
  function select(n, focus) {
    tabs.forEach(function (tab, i) {
      tab.setAttribute("aria-selected", i === n);
      tab.tabIndex = i === n ? 0 : -1;
      panels[i].hidden = i !== n;
    });
    if (focus) tabs[n].focus();
  }
  function dayOf(node) {
    for (var i = 0; i < panels.length; i++) if (panels[i].contains(node)) return i;
    return -1;
  }
  function fromHash() {
    var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var n = target ? dayOf(target) : -1;
    if (n < 0) return false;
    select(n);
    (panels.indexOf(target) < 0 ? target : nav).scrollIntoView();
    return true;
  }
  if (tabs.length > 1) {
    var list = nav.querySelector("ul") || nav;
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", nav.getAttribute("aria-label") || "Days");
    [].forEach.call(list.children, function (item) { item.setAttribute("role", "presentation"); });
    tabs.forEach(function (tab, i) {
      tab.id = tab.id || "tab-" + panels[i].id;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panels[i].id);
      panels[i].setAttribute("role", "tabpanel");
      panels[i].setAttribute("aria-labelledby", tab.id);
      tab.onclick = function (event) {
        event.preventDefault();
        select(i);
        history.replaceState(null, "", "#" + panels[i].id);
      };
      tab.onkeydown = function (event) {
        var to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (to === undefined) return;
        event.preventDefault();
        to = (to + tabs.length) % tabs.length;
        select(to, true);
        history.replaceState(null, "", "#" + panels[to].id);
      };
    });
    if (!fromHash()) {
      var today = -1, now = Date.now();
      if (slots.length && now >= start(slots[0]) && now < Math.max.apply(null, slots.map(end))) {
        today = panels.map(function (panel) {
          var first = panel.querySelector("li.slot[data-start]"), day = panel.querySelector("time[datetime]");
          return first && day && dateAt(now, first.getAttribute("data-start")) === day.getAttribute("datetime");
        }).indexOf(true);
      }
      select(Math.max(today, 0));
    }
    window.addEventListener("hashchange", fromHash);
    // A printed programme has every day.
    var shown;
    window.addEventListener("beforeprint", function () {
      shown = panels.filter(function (panel) { return !panel.hidden; })[0];
      panels.forEach(function (panel) { panel.hidden = false; });
    });
    window.addEventListener("afterprint", function () {
      if (shown) select(panels.indexOf(shown));
    });
  }

  // Now and next, by the visitor's clock, again every minute.
  var jump = button("jump-now", "Jump to now"), target;
  jump.onclick = function () {
    var n = dayOf(target);
    if (n >= 0 && tabs.length > 1) select(n);
    (target.querySelector("a") || target).focus();
  };
  function mark() {
    var now = Date.now(), next = Infinity, first;
    target = null;
    slots.forEach(function (slot) {
      slot.classList.remove("is-now", "is-next");
      var badge = slot.querySelector(":scope > * > .now-badge");
      if (badge) badge.remove();
      var s = start(slot);
      if (s > now && s < next && dateAt(now, slot.getAttribute("data-start")) === slot.getAttribute("data-start").slice(0, 10)) next = s;
    });
    slots.forEach(function (slot) {
      var s = start(slot), state = s <= now && now < end(slot) ? "now" : s === next ? "next" : "";
      if (!state) return;
      slot.classList.add("is-" + state);
      slot.firstElementChild.append(" ", el("span", "now-badge", state === "now" ? "Now" : "Next"));
      if (state === "now" && !first) first = slot;
      if (!target) target = slot;
    });
    target = first || target;
    if (target) tools.prepend(jump); else jump.remove();
  }
  mark();
  setInterval(mark, minute);
  document.addEventListener("visibilitychange", mark);

  // A personal selection: starred sessions, kept in this browser, and their calendar file.
  var starred = [];
  try { starred = JSON.parse(localStorage.getItem(key)) || []; } catch (error) { /* private mode */ }
  var download = button("download-selection");
  function count() {
    download.textContent = "Download my selection (" + starred.length + ")";
    download.disabled = !starred.length;
    return starred.length + (starred.length === 1 ? " session" : " sessions") + " in your selection.";
  }
  slots.forEach(function (slot) {
    var uid = slot.getAttribute("data-uid"), name = title(slot);
    if (!uid || !name) return;
    var star = button("star");
    star.append(el("span", "", "☆"), el("span", "visually-hidden", "Star: " + name));
    star.firstChild.setAttribute("aria-hidden", "true");
    function show() {
      var on = starred.indexOf(uid) >= 0;
      star.setAttribute("aria-pressed", on);
      star.firstChild.textContent = on ? "★" : "☆";
      return on;
    }
    show();
    star.onclick = function () {
      var at = starred.indexOf(uid);
      if (at >= 0) starred.splice(at, 1); else starred.push(uid);
      try { localStorage.setItem(key, JSON.stringify(starred)); } catch (error) { /* kept for this visit only */ }
      said.textContent = (show() ? "Starred: " : "Unstarred: ") + name + ". " + count();
    };
    body(slot).prepend(star);
  });
  count();

  function text(value) { return value.replace(/[\\;,]/g, "\\$&").replace(/\r\n|[\r\n]/g, "\\n"); }
  function utc(t) { return new Date(t).toISOString().replace(/[-:]|\.\d+/g, ""); }
  // A content line in pieces of at most 75 octets of UTF-8, never within a character.
  function fold(line) {
    var out = "", size = 0;
    Array.from(line).forEach(function (c) {
      var n = c.codePointAt(0), bytes = n < 0x80 ? 1 : n < 0x800 ? 2 : n < 0x10000 ? 3 : 4;
      if (size + bytes > 75) { out += "\r\n "; size = 1; }
      out += c;
      size += bytes;
    });
    return out + "\r\n";
  }
  var place = box.getAttribute("data-location");
  var eventName = words(box.querySelector(".kind a") || document.querySelector("h1"));
  download.onclick = function () {
    var lines = ["BEGIN:VCALENDAR", "PRODID:-//eventsite//Event microsite generator//EN", "VERSION:2.0",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME;VALUE=TEXT:" + text("My selection: " + eventName)];
    slots.forEach(function (slot) {
      if (starred.indexOf(slot.getAttribute("data-uid")) < 0) return;
      var link = body(slot).querySelector(":scope > a"), url = new URL(link.getAttribute("href"), location.href).href;
      var room = slot.getAttribute("data-room"), where = [room, place].filter(Boolean).join(", ");
      lines.push("BEGIN:VEVENT", "UID:" + slot.getAttribute("data-uid"), "DTSTAMP:" + utc(Date.now()),
        "DTSTART:" + utc(start(slot)));
      if (slot.getAttribute("data-end")) lines.push("DTEND:" + utc(end(slot)));
      lines.push("SUMMARY:" + text(title(slot) + (eventName ? " (" + eventName + ")" : "")), "URL:" + url,
        "DESCRIPTION:" + text([words(body(slot).querySelector(".session-meta")), url].filter(Boolean).join("\n\n")));
      if (where) lines.push("LOCATION:" + text(where));
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    var file = URL.createObjectURL(new Blob([lines.map(fold).join("")], { type: "text/calendar;charset=utf-8" }));
    var a = el("a");
    a.href = file;
    a.download = slug + "-my-selection.ics";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(file); }, minute);
  };
  if (slots.some(function (slot) { return slot.querySelector(".star"); })) tools.append(download);
  tools.append(said);
})();
