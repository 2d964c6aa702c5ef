/* Progressive enhancement, nothing more: without it the page shows what was true at
   the build. With it, the registration box and the event cards follow the visitor's clock, and times
   are also shown in the visitor's own zone when it differs from the event's. */
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

  document.querySelectorAll("[data-registration]").forEach(function (box) {
    var state = stateAt(box, now);
    if (state === box.getAttribute("data-state")) return;
    var template = box.querySelector('template[data-state="' + state + '"]');
    var body = box.querySelector("[data-registration-body]");
    if (!template || !body) return;
    body.replaceChildren(template.content.cloneNode(true));
    if (box.hasAttribute("data-card")) box.hidden = !body.textContent.trim(); // an event card's line
    box.setAttribute("data-state", state);
    box.className = box.className.replace(/registration--[\w-]+/, "registration--" + state);
  });

  function offsetMinutes(iso) {
    var match = /([+-])(\d\d):(\d\d)$/.exec(iso);
    if (!match) return iso.slice(-1) === "Z" ? 0 : null;
    return (match[1] === "-" ? -1 : 1) * (60 * +match[2] + +match[3]);
  }

  var format;
  try {
    format = new Intl.DateTimeFormat(undefined, {
      weekday: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
  } catch (error) {
    return;
  }
  document.querySelectorAll("time[data-local]").forEach(function (element) {
    var iso = element.getAttribute("datetime");
    var moment = new Date(iso);
    var eventOffset = offsetMinutes(iso);
    if (isNaN(moment) || eventOffset === null) return;
    if (-moment.getTimezoneOffset() === eventOffset) return;
    var local = document.createElement("span");
    local.className = "local-time";
    local.textContent = " (your time: " + format.format(moment) + ")";
    element.after(local);
  });
})();
