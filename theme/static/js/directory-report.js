// Report a problem with a listing: the choices made in the form are added to the
// prefilled email (or GitHub issue) link. No server and no third party: the report is
// sent by the person's own email program. Without JavaScript the links still work,
// with the listing's details filled in.
(function () {
  "use strict";

  var form = document.querySelector(".js-report");
  if (!form) return;
  var mailLink = document.querySelector(".js-report-mailto");
  var issueLink = document.querySelector(".js-report-issue");
  var head = form.getAttribute("data-head") || "";
  var subject = form.getAttribute("data-subject") || "";

  function body() {
    var what = form.querySelector("input[name=what]:checked");
    var details = form.elements.details.value.trim();
    return head + "What is wrong: " + (what ? what.value : "(not chosen)") + "\n\n" +
      "What it should say, and how I know:\n" + (details || "(not given)") + "\n";
  }

  function update() {
    var text = encodeURIComponent(body());
    if (mailLink) {
      mailLink.href = form.getAttribute("data-mailto") + "?subject=" + encodeURIComponent(subject) + "&body=" + text;
    }
    if (issueLink && form.getAttribute("data-issue")) {
      issueLink.href = form.getAttribute("data-issue") + "?title=" + encodeURIComponent(subject) + "&body=" + text;
    }
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update();
})();
