/* The search page (/search/): Pagefind's index, in the page's language, read in the browser.
   The form is a plain GET form (?q=…&type=…): this script reads it, shows the filters the
   index has as checkboxes, and lists the results with their matching passage. The status
   line (role=status, aria-live) says how many were found. Loaded on /search/ alone. */
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  if (!form) return;
  var input = form.querySelector("#search-q");
  var filterBox = form.querySelector(".search-filters");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var note = document.querySelector("[data-without-script]");
  var NAMES = ["type", "kind", "year", "language", "campaign"];
  var params = new URLSearchParams(window.location.search);
  var pagefind = null;

  if (note) note.hidden = true;
  input.value = params.get("q") || "";

  function fill(template, query, count) {
    return template.replace("{q}", query).replace("{n}", String(count));
  }

  function chosen() {
    var filters = {};
    NAMES.forEach(function (name) {
      var values = [];
      form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (box) {
        values.push(box.value);
      });
      if (values.length) filters[name] = { any: values };
    });
    return filters;
  }

  function showFilters(available) {
    var asked = {};
    NAMES.forEach(function (name) { asked[name] = params.getAll(name); });
    NAMES.forEach(function (name, i) {
      var values = Object.keys(available[name] || {}).sort();
      if (values.length < 2) return;
      var set = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = form.dataset["filter" + name.charAt(0).toUpperCase() + name.slice(1)];
      set.appendChild(legend);
      values.forEach(function (value, j) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.id = "filter-" + i + "-" + j;
        box.checked = asked[name].indexOf(value) !== -1;
        box.addEventListener("change", run);
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value));
        set.appendChild(label);
      });
      filterBox.appendChild(set);
    });
    filterBox.hidden = !filterBox.children.length;
  }

  /* The passage, as text with its <mark>s: nothing else of the excerpt's HTML is kept. */
  function passage(excerpt) {
    var p = document.createElement("p");
    var parsed = new DOMParser().parseFromString("<body>" + excerpt + "</body>", "text/html");
    parsed.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function result(data) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var type = data.filters && data.filters.type;
    if (type && type.length) {
      var kind = document.createElement("p");
      kind.className = "kind";
      kind.textContent = type.join(", ");
      item.appendChild(kind);
    }
    item.appendChild(passage(data.excerpt || ""));
    return item;
  }

  function run() {
    var query = input.value.trim();
    var filters = chosen();
    var shown = new URLSearchParams();
    if (query) shown.set("q", query);
    Object.keys(filters).forEach(function (name) {
      filters[name].any.forEach(function (value) { shown.append(name, value); });
    });
    window.history.replaceState(null, "", window.location.pathname + (shown.toString() ? "?" + shown : ""));
    list.textContent = "";
    if (!query) {
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = form.dataset.searching;
    return pagefind.search(query, { filters: filters }).then(function (found) {
      return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (all) {
        if (input.value.trim() !== query) return;
        all.forEach(function (data) { list.appendChild(result(data)); });
        var count = found.results.length;
        var words = count === 0 ? form.dataset.noResults : count === 1 ? form.dataset.oneResult : form.dataset.results;
        status.textContent = fill(words, query, count);
      });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (pagefind) run();
  });

  /* The page's addresses may be relative (../pagefind/…): import() would read them from this
     script's address, so they are made absolute from the page's. */
  var index = new URL(form.dataset.index, document.baseURI).href;
  var base = new URL(form.dataset.base, document.baseURI).pathname;
  import(index)
    .then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: base }).then(function () { return pagefind.filters(); });
    })
    .then(function (available) {
      showFilters(available);
      return run();
    })
    .catch(function () {
      status.textContent = form.dataset.unavailable;
      if (note) note.hidden = false;
    });
})();
