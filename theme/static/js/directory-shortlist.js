// The shortlist: services a worker picks for a client, kept in this browser only
// (localStorage), then printed as a handout, shared as a link (?s=slug1,slug2) or shown
// as a QR code drawn in the browser with the vendored qrcode-generator.
// Content is put on the page with textContent only, never as HTML.
(function () {
  "use strict";

  var KEY = "c2c-directory-shortlist";
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var directory = window.c2cDirectory;
  if (!directory) return;

  function clean(list) {
    var seen = {};
    return list.filter(function (s) {
      var ok = typeof s === "string" && SLUG.test(s) && !seen[s];
      seen[s] = true;
      return ok;
    });
  }

  function read() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(value) ? clean(value) : [];
    } catch (e) {
      return [];
    }
  }

  function write(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(clean(list)));
    } catch (e) { /* private browsing: the list lasts for this page only */ }
    refresh();
  }

  var announcer = document.createElement("p");
  announcer.className = "govuk-visually-hidden";
  announcer.setAttribute("role", "status");
  document.querySelector(".js-directory").appendChild(announcer);

  function refresh() {
    var list = read();
    document.querySelectorAll(".js-shortlist-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", list.indexOf(button.getAttribute("data-slug")) >= 0 ? "true" : "false");
    });
    document.querySelectorAll(".js-shortlist-count").forEach(function (el) { el.textContent = "(" + list.length + ")"; });
    // The way to the shortlist shows once it holds something (a bar at the foot of a phone's screen).
    document.querySelectorAll(".js-shortlist-summary").forEach(function (el) { el.hidden = list.length === 0; });
  }

  // Buttons on the page, and on cards the filters bring in later (the "c2c:cards" event).
  function wire(button) {
    if (button.getAttribute("data-wired")) return;
    button.setAttribute("data-wired", "1");
    button.hidden = false;
    button.addEventListener("click", function () {
      var slug = button.getAttribute("data-slug");
      var list = read();
      var name = (button.querySelector(".govuk-visually-hidden") || button).textContent.trim();
      var at = list.indexOf(slug);
      if (at >= 0) list.splice(at, 1); else list.push(slug);
      write(list);
      announcer.textContent = (at >= 0 ? "Removed " + name + " from" : "Added " + name + " to") +
        " your shortlist. " + read().length + " on your shortlist.";
    });
  }
  document.querySelectorAll(".js-shortlist-toggle").forEach(wire);
  document.addEventListener("c2c:cards", function () {
    document.querySelectorAll(".js-shortlist-toggle").forEach(wire);
    refresh();
  });
  window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(); });
  refresh();

  // ---- The shortlist page --------------------------------------------------------
  var app = document.querySelector(".js-shortlist-app");
  if (!app) return;
  var listEl = app.querySelector(".js-shortlist-list");
  var message = app.querySelector(".js-shortlist-message");
  var linkInput = app.querySelector(".js-shortlist-link");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function link(href, text, external) {
    var a = el("a", "govuk-link", text);
    a.href = href;
    if (external) a.rel = "noopener noreferrer";
    return a;
  }

  function row(dl, key, value, extraClass) {
    if (!value) return;
    var div = el("div", "govuk-summary-list__row" + (extraClass ? " " + extraClass : ""));
    div.appendChild(el("dt", "govuk-summary-list__key", key));
    var dd = el("dd", "govuk-summary-list__value");
    if (typeof value === "string") dd.textContent = value; else dd.appendChild(value);
    div.appendChild(dd);
    dl.appendChild(div);
  }

  function lines(texts) {
    var p = el("p", "govuk-body app-handout__address");
    texts.forEach(function (t, i) {
      if (i) p.appendChild(document.createElement("br"));
      p.appendChild(document.createTextNode(t));
    });
    return p;
  }

  function item(s, minute) {
    var li = el("li", "app-handout__item");
    var h2 = el("h2", "govuk-heading-m app-handout__name");
    h2.appendChild(link(directory.siteRoot + s.url, s.name));
    li.appendChild(h2);
    li.appendChild(el("p", "govuk-body-s app-handout__provider", s.provider));
    if (s.status_text) li.appendChild(el("p", "govuk-body app-handout__status", s.status_text));
    li.appendChild(el("p", "govuk-body", s.summary));
    var dl = el("dl", "govuk-summary-list app-handout__facts");
    li.appendChild(actions(s));
    row(dl, "Phone", s.phone ? link(s.tel, s.phone) : "");
    row(dl, "Email", s.email ? link("mailto:" + s.email, s.email) : "");
    row(dl, "Website", s.website ? link(s.website, s.website, true) : "");
    if (s.locations.length) {
      var places = el("div");
      s.locations.forEach(function (loc) { places.appendChild(lines(loc.lines)); });
      row(dl, s.locations.length === 1 ? "Address" : "Addresses", places);
    }
    row(dl, "Opening hours", [s.hours_summary, s.hours_note].filter(Boolean).join(". "));
    var now = directory.describe(s, minute);
    row(dl, "Right now", now, "app-handout__now");  // not printed: paper outlives "now"
    row(dl, "How to get in", s.referral_text);
    row(dl, "Last checked", s.last_verified_text + (s.stale ? " (may be out of date: call before you go)" : ""));
    li.appendChild(dl);
    var remove = el("button", "govuk-button govuk-button--secondary app-no-print", "Remove");
    remove.type = "button";
    remove.appendChild(el("span", "govuk-visually-hidden", " " + s.name + " from the shortlist"));
    remove.addEventListener("click", function () {
      write(read().filter(function (slug) { return slug !== s.slug; }));
      message.textContent = "Removed " + s.name + ".";
      render();
    });
    li.appendChild(remove);
    return li;
  }

  // Call and directions first, as on the directory's cards (call_and_directions).
  function actions(s) {
    var box = el("p", "govuk-body app-handout__actions app-no-print");
    if (s.phone && s.status !== "closed") {
      var call = link(s.tel, "Call", false);
      call.className += " app-call";
      call.appendChild(el("span", "govuk-visually-hidden", " " + s.name + " on"));
      call.appendChild(document.createTextNode(" "));
      call.appendChild(el("span", "app-call__number", s.phone));
      box.appendChild(call);
    }
    if (s.status === "active") {
      s.locations.forEach(function (loc, i) {
        var go = link(loc.directions, "Directions", true);
        go.className += " app-directions";
        go.appendChild(el("span", "govuk-visually-hidden", " to " + (loc.lines[0] || s.name) + " (opens a map website)"));
        if (s.locations.length > 1) go.appendChild(document.createTextNode(" (" + (i + 1) + ")"));
        box.appendChild(go);
      });
    }
    return box;
  }

  function shareUrl(list) {
    return location.origin + location.pathname + (list.length ? "?s=" + list.join(",") : "");
  }

  function drawQr(url) {
    var box = app.querySelector(".js-shortlist-qr");
    box.replaceChildren();
    if (typeof window.qrcode !== "function") return;
    var qr = window.qrcode(0, "M");
    qr.addData(url);
    qr.make();
    var img = el("img", "app-share__qr-image");
    img.src = qr.createDataURL(4, 4);
    img.width = img.height = qr.getModuleCount() * 4 + 8;
    img.alt = "QR code for the link to this list";
    box.appendChild(img);
  }

  var services = {};
  function render() {
    var list = read();
    var known = list.filter(function (slug) { return services[slug]; });
    var minute = directory.momentOf(new Date());
    listEl.replaceChildren();
    known.forEach(function (slug) { listEl.appendChild(item(services[slug], minute)); });
    app.querySelector(".js-shortlist-empty").hidden = known.length > 0;
    app.querySelector(".js-shortlist-full").hidden = known.length === 0;
    if (known.length < list.length) {
      message.textContent = (list.length - known.length) + " service on your list is no longer in the directory.";
      write(known);
    }
    var url = shareUrl(known);
    linkInput.value = url;
    history.replaceState(null, "", url);
    drawQr(url);
  }

  // A shared link (?s=slug1,slug2) opens its list on this device. With no list here, or
  // the same one, it becomes the shortlist; a different list already here is never
  // replaced silently: the person chooses to add the link's services to it, replace it,
  // or keep it as it is.
  var shared = new URLSearchParams(location.search).get("s");

  function sameList(a, b) {
    return a.length === b.length && a.every(function (slug) { return b.indexOf(slug) >= 0; });
  }

  function servicesWord(n) { return n === 1 ? "1 service" : n + " services"; }

  function openShared(linked) {
    var here = read().filter(function (slug) { return services[slug]; });
    if (!linked.length) {
      message.textContent = "The services in this link are no longer in the directory.";
    } else if (!here.length || sameList(here, linked)) {
      write(linked);
      message.textContent = "This list was opened from a link and is now your shortlist on this device.";
    } else {
      ask(linked, here);
      return;
    }
    render();
  }

  function ask(linked, here) {
    var panel = el("div", "govuk-notification-banner app-shortlist-choice app-no-print");
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-labelledby", "shortlist-choice-title");
    panel.tabIndex = -1;
    var header = el("div", "govuk-notification-banner__header");
    var title = el("h2", "govuk-notification-banner__title", "Open the shared list?");
    title.id = "shortlist-choice-title";
    header.appendChild(title);
    panel.appendChild(header);
    var body = el("div", "govuk-notification-banner__content");
    body.appendChild(el("p", "govuk-notification-banner__heading", "This link has " + servicesWord(linked.length) +
      ". This device already has a shortlist of " + servicesWord(here.length) + "."));
    body.appendChild(el("p", "govuk-body", "In the link:"));
    var names = el("ul", "govuk-list govuk-list--bullet");
    linked.forEach(function (slug) { names.appendChild(el("li", "", services[slug].name)); });
    body.appendChild(names);
    var buttons = el("div", "govuk-button-group");
    function choice(text, secondary, choose) {
      var button = el("button", "govuk-button" + (secondary ? " govuk-button--secondary" : ""), text);
      button.type = "button";
      button.addEventListener("click", function () {
        message.textContent = choose();
        panel.remove();
        render();
        message.tabIndex = -1;
        message.focus();
      });
      buttons.appendChild(button);
    }
    choice("Add them to my shortlist", false, function () {
      var added = linked.filter(function (slug) { return here.indexOf(slug) < 0; });
      write(here.concat(added));
      return "Added " + servicesWord(added.length) + " from the link. Your shortlist has " + servicesWord(read().length) + ".";
    });
    choice("Replace my shortlist", true, function () {
      write(linked);
      return "Your shortlist is now the list from the link.";
    });
    choice("Keep my shortlist", true, function () {
      return "Your shortlist is as it was; the link's list was not opened.";
    });
    body.appendChild(buttons);
    panel.appendChild(body);
    message.after(panel);
    panel.focus();
  }

  app.querySelector(".js-shortlist-clear").addEventListener("click", function () {
    write([]);
    message.textContent = "Your shortlist is now empty.";
    render();
  });

  app.querySelector(".js-shortlist-copy").addEventListener("click", function () {
    var done = app.querySelector(".js-shortlist-copied");
    var fallback = function () {
      linkInput.focus();
      linkInput.select();
      done.textContent = "The link is selected: copy it with your device's copy command.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(linkInput.value).then(function () {
        done.textContent = "Link copied.";
      }, fallback);
    } else {
      fallback();
    }
  });

  // Save for offline: the worker keeps each shortlisted service's page, so the list's
  // services open on this device without signal (the directory itself is kept already).
  var saveButton = app.querySelector(".js-offline-save");
  var saved = app.querySelector(".js-offline-saved");
  if ("serviceWorker" in navigator && directory.keep) {
    navigator.serviceWorker.ready.then(function () { saveButton.hidden = false; });
    saveButton.addEventListener("click", function () {
      var known = read().filter(function (slug) { return services[slug]; });
      saved.textContent = "Saving…";
      directory.keep(known.map(function (slug) { return directory.siteRoot + services[slug].url; }), true)
        .then(function (answer) {
          saved.textContent = answer.kept === answer.asked
            ? "Saved " + (answer.kept === 1 ? "1 service" : answer.kept + " services") +
              " on this device: their pages open without signal."
            : "Saved " + answer.kept + " of " + answer.asked + " services. Check your connection and try again.";
        }, function () {
          saved.textContent = "This browser cannot save pages for offline use.";
        });
    });
  }

  document.querySelector(".js-shortlist-nojs").hidden = true;
  app.hidden = false;
  directory.loadServices().then(function (data) {
    data.services.forEach(function (s) { services[s.slug] = s; });
    if (shared === null) {
      render();
    } else {
      openShared(clean(shared.split(",")).filter(function (slug) { return services[slug]; }));
    }
  }, function () {
    message.textContent = "The list of services could not be loaded. Check your connection and reload the page.";
  });
})();
