// Directory pages by screen width: a notice's full text (a <details> marked
// js-open-when-wide) is open on a wide screen and folded on a phone, where the numbers
// to call are shown above it. Without JavaScript every disclosure is a plain <details>.
(function () {
  "use strict";
  if (!window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 40.0525em)");
  function fit() {
    document.querySelectorAll("details.js-open-when-wide").forEach(function (d) { d.open = !narrow.matches; });
  }
  if (narrow.addEventListener) narrow.addEventListener("change", fit);
  fit();
})();
