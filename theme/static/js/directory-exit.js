// Quick exit on every directory page. The "Exit this page" link works on its own; this
// makes leaving replace the current history entry (so Back does not return here) and
// adds a keyboard shortcut: Escape pressed three times within two seconds.
(function () {
  "use strict";

  var link = document.querySelector(".js-quick-exit");
  if (!link) return;
  var url = link.href;
  var presses = [];
  var WINDOW_MS = 2000;

  var live = document.createElement("p");
  live.className = "govuk-visually-hidden";
  live.setAttribute("role", "status");
  link.parentNode.appendChild(live);

  function exit(event) {
    if (event) event.preventDefault();
    // Blank the page at once, as GOV.UK's Exit this page does, while the next one loads.
    var overlay = document.createElement("div");
    overlay.className = "govuk-exit-this-page-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = "Loading.";
    document.body.appendChild(overlay);
    document.body.classList.add("govuk-exit-this-page-hide-content");
    window.location.replace(url);
  }

  link.addEventListener("click", exit);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= 3) {
      exit();
    } else {
      var left = 3 - presses.length;
      live.textContent = "Press Escape " + left + (left === 1 ? " more time" : " more times") + " to exit this page.";
    }
  });

  document.querySelectorAll(".js-exit-hint").forEach(function (el) { el.hidden = false; });
})();
