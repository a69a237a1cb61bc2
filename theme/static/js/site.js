// Progressive enhancement shared by every page. Pages work without it.
document.documentElement.classList.add("js-enabled");
document.body.classList.add("js-enabled", "govuk-frontend-supported");

(function () {
  "use strict";

  // What stands in for a scripted control when there is no script (the directory's
  // links by area, in place of its filters).
  document.querySelectorAll(".js-nojs-only").forEach(function (el) { el.hidden = true; });

  // The menu: without JavaScript "Menu" is a link that unfolds the navigation (:target);
  // here it becomes a button that shows and hides it, as GOV.UK's service navigation does.
  var link = document.querySelector(".js-menu-link");
  var button = document.querySelector(".js-menu-button");
  var menu = document.querySelector(".js-menu");
  if (link && button && menu) {
    link.hidden = true;
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("app-nav--open", open);
    });
  }

  // "Help now" closes with Escape (focus back on it) or a tap elsewhere.
  var help = document.querySelector(".js-help-menu");
  if (help) {
    document.addEventListener("keydown", function (event) {
      if (help.open && (event.key === "Escape" || event.key === "Esc")) {
        help.open = false;
        help.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (help.open && !help.contains(event.target)) help.open = false;
    });
  }

  // Notices and hours that end on a date go when that date has passed in the UK, even if
  // the site has not been rebuilt since.
  // The directory calls it again for cards its filters bring in.
  window.c2cHideEnded = function () {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var today = parts.year + "-" + parts.month + "-" + parts.day;
    document.querySelectorAll("[data-active-until]").forEach(function (el) {
      if (el.getAttribute("data-active-until") < today) el.hidden = true;
    });
  };
  window.c2cHideEnded();
})();
