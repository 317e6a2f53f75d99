// Progressive autocomplete for the "Add person / organisation / country" boxes of the search page.
// Without JavaScript the boxes still work (the typed value is submitted as a filter); with it, the
// <datalist> of each box is filled from /api/suggest as the reader types.
(function () {
  "use strict";
  var DELAY_MS = 150;

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var field = input.getAttribute("data-suggest");
    var timer = null;
    var latest = 0;

    function fill(suggestions) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      suggestions.forEach(function (s) {
        var option = document.createElement("option");
        option.value = s.value;
        option.label = s.value + " (" + s.count + ")";
        list.appendChild(option);
      });
    }

    function lookup() {
      var prefix = input.value.trim();
      if (!prefix) { fill([]); return; }
      var ticket = ++latest;
      var url = "/api/suggest?field=" + encodeURIComponent(field) +
        "&prefix=" + encodeURIComponent(prefix) + "&size=8";
      fetch(url, { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === latest) { fill(data.suggestions || []); } })
        .catch(function () { /* autocomplete is optional: the box still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, DELAY_MS);
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
