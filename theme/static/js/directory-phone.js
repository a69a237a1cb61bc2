// Directory pages on a narrow screen: the results come first. On /directory/ the
// filters, sorting and search fold behind a "Filter" button, and "Need help now?" and
// alert notices, open on wide screens, stay folded to one line each on a phone (the
// emergency number is always shown). Without JavaScript every disclosure works as a
// plain <details> and the filters are not shown (the plain listings stand in).
(function () {
  "use strict";
  if (!window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 40.0525em)");
  var button = document.querySelector(".js-filter-toggle");
  var panel = button && document.getElementById(button.getAttribute("aria-controls"));
  var label = button ? button.textContent : "";

  function activeFilters() {
    var n = 0;
    new URLSearchParams(location.search).forEach(function (value) { if (value) n += 1; });
    return n;
  }
  function relabel() {
    var n = activeFilters();
    button.textContent = label + (n ? " (" + n + " on)" : "");
  }
  function showPanel(open) {
    panel.classList.toggle("app-filter-panel--collapsed", !open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function fit() {
    document.querySelectorAll("details.js-open-when-wide").forEach(function (d) { d.open = !narrow.matches; });
    if (!panel) return;
    button.hidden = !narrow.matches;
    showPanel(!narrow.matches);
    relabel();
  }
  if (panel) {
    button.addEventListener("click", function () { showPanel(button.getAttribute("aria-expanded") !== "true"); });
    panel.addEventListener("change", function () { window.setTimeout(relabel, 0); });
    window.addEventListener("popstate", relabel);
  }
  if (narrow.addEventListener) narrow.addEventListener("change", fit);
  fit();
})();
