/* Progressive enhancement: without it the page shows what was true at the build. With it,
   the registration box, the event cards and the calendar links follow the visitor's clock;
   a visitor in another zone gets the page's time in their own, and a programme switch. */
(function () {
  "use strict";
  var now = Date.now();

  function at(box, name) {
    var value = box.getAttribute("data-" + name);
    return value ? Date.parse(value) : null;
  }

  // The same rule as the build (plugins/eventsite/registration.py), in the same order.
  function stateAt(box, t) {
    var status = box.getAttribute("data-event-status");
    if (status === "cancelled" || status === "postponed") return status;
    var ends = at(box, "ends"), opens = at(box, "opens"), closes = at(box, "closes");
    if (t >= ends) return "ended";
    if (closes === null) return "none";
    if (opens !== null && t < opens) return "not-open-yet";
    if (t < Math.min(closes, ends)) return box.getAttribute("data-open-state") || "open";
    return "closed";
  }

  // The call for proposals too (proposals_state).
  document.querySelectorAll("[data-registration], [data-proposals]").forEach(function (box) {
    var state = stateAt(box, now);
    if (state === box.getAttribute("data-state")) return;
    var template = box.querySelector('template[data-state="' + state + '"]');
    var body = box.querySelector("[data-registration-body], [data-proposals-body]");
    if (!template || !body) return;
    body.replaceChildren(template.content.cloneNode(true));
    box.hidden = !body.textContent.trim(); // a card's line, or a box, with nothing to say in this state
    box.setAttribute("data-state", state);
    box.className = box.className.replace(/(registration|proposals)--[\w-]+/, "$1--" + state);
  });

  // Read after the event: no "Add to your calendar".
  document.querySelectorAll(".calendar-links[data-ends]").forEach(function (links) {
    if (now >= at(links, "ends")) links.hidden = true;
  });

  // The visitor's own time, where their clock reads otherwise than the event's: a line under the
  // page's time, and a switch for the programme. In the page's language as the visitor writes it
  // (en-US…), the build's clock (data-locale) and Latin digits; words from <body> (base.html).
  function differs(time) {
    var iso = time.getAttribute("datetime"), m = /([+-])(\d\d):(\d\d)$/.exec(iso);
    return m && -new Date(iso).getTimezoneOffset() !== (m[1] === "-" ? -1 : 1) * (60 * m[2] + +m[3]);
  }
  var words = document.body.dataset, lang = document.documentElement.lang, mine = navigator.language || lang;
  var day, clock, zone, name, hours;
  function say(key, zone, time) { return (words[key] || "").replace("{zone}", zone).replace("{time}", time); }
  try {
    mine = (mine.split("-")[0] === lang.split("-")[0] ? mine : lang) + "-u-nu-latn";
    hours = new Intl.DateTimeFormat(words.locale, { hour: "numeric" }).resolvedOptions().hourCycle;
    day = new Intl.DateTimeFormat(mine, { weekday: "short", day: "numeric", month: "short" });
    clock = new Intl.DateTimeFormat(mine, { hour: hours == "h23" ? "2-digit" : "numeric", minute: "2-digit", hourCycle: hours });
    name = day.resolvedOptions().timeZone;
    zone = name ? say("namedZone", name.replace(/_/g, " ")) : words.zone;
  } catch (error) {
    return;
  }

  // "Tue 9 Mar, 21:00–22:30": the day when asked, or when it is not the event's day.
  function local(time, withDay) {
    var iso = time.getAttribute("datetime"), start = new Date(iso), end = time.getAttribute("data-end");
    var text = (withDay || start.getDate() !== +iso.slice(8, 10) ? day.format(start) + ", " : "") + clock.format(start);
    if (!end) return text;
    end = new Date(end);
    if (new Date(end - 1).toDateString() === start.toDateString()) return text + "–" + clock.format(end); // to 00:00 too
    return text + " – " + day.format(end) + ", " + clock.format(end);
  }

  var own = document.querySelector(".facts time[data-local]");
  if (own && differs(own)) {
    var line = document.createElement("span");
    line.className = "local-time";
    line.textContent = say("inZone", zone, local(own, true));
    own.after(line);
  }

  var times = Array.prototype.slice.call(document.querySelectorAll(".programme time[data-local]"));
  var note = document.querySelector("[data-programme-zone]");
  if (!note || !times.some(differs)) return;
  var said = times.map(function (time) { return time.textContent; }), kept = [].slice.call(note.childNodes); // its <bdi> too
  var button = document.createElement("button");
  button.type = "button";
  button.className = "zone-switch";
  button.setAttribute("aria-pressed", "false");
  button.textContent = words.showMine;
  button.onclick = function () {
    var yours = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", yours);
    times.forEach(function (time, n) { time.textContent = yours ? local(time) : said[n]; });
    if (yours) note.textContent = say("timesIn", zone);
    else note.replaceChildren.apply(note, kept);
  };
  note.parentNode.append(" ", button);
})();
