// The exit control on every page (theme/templates/_quick_exit.html). The "Exit this page"
// link works on its own; this script makes leaving leave no trace the site can remove:
//
// - it blanks the page at once (as GOV.UK's Exit this page does), then clears what this
//   site keeps on the device: every localStorage and sessionStorage key it writes (the
//   shortlist, form drafts; all start "c2c-"), every cache of its service worker (the
//   shell, visited pages, services saved for offline use), and the worker itself;
// - then it leaves with location.replace, so Back does not return to this page.
//   Clearing is given at most FORGET_MS: leaving is never held up for long.
// - Escape pressed three times within two seconds does the same.
//
// What only the person can clear (browser history, other tabs) is on the "Cover your
// tracks" page, linked next to the button.
(function () {
  "use strict";

  var link = document.querySelector(".js-quick-exit");
  if (!link) return;
  var url = link.href;
  var siteRoot = new URL(link.getAttribute("data-site-root") || "/", location.href).href;
  var PREFIX = "c2c-";  // every storage key and cache name this site writes starts with it
  var FORGET_MS = 1500;
  var TELL_MS = 500;
  var WINDOW_MS = 2000;
  var presses = [];
  var leaving = false;

  var live = document.createElement("p");
  live.className = "govuk-visually-hidden";
  live.setAttribute("role", "status");
  link.parentNode.appendChild(live);

  function clearStorage(name) {
    try {
      var storage = window[name];
      for (var i = storage.length - 1; i >= 0; i--) {
        var key = storage.key(i);
        if (key && key.indexOf(PREFIX) === 0) storage.removeItem(key);
      }
    } catch (e) { /* storage blocked: nothing was kept there */ }
  }

  function deleteCaches() {
    if (!window.caches) return Promise.resolve();
    return caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key.indexOf(PREFIX) === 0; })
        .map(function (key) { return caches.delete(key); }));
    });
  }

  // The worker first stops keeping pages (one it is saving would otherwise come back) and
  // empties its caches; then it is unregistered, so it keeps nothing from a later visit
  // until the directory registers it again.
  function forgetWorker() {
    var sw = navigator.serviceWorker;
    if (!sw) return Promise.resolve();
    return sw.getRegistrations().then(function (registrations) {
      var ours = registrations.filter(function (r) { return r.scope.indexOf(siteRoot) === 0; });
      return Promise.all(ours.map(function (registration) {
        var worker = registration.active || registration.waiting || registration.installing;
        var told = worker ? new Promise(function (resolve) {
          var channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          worker.postMessage({ type: "c2c-forget" }, [channel.port2]);
          window.setTimeout(resolve, TELL_MS);  // a worker from an older build does not answer
        }) : Promise.resolve();
        return told.then(function () { return registration.unregister(); });
      }));
    });
  }

  function forget() {
    clearStorage("localStorage");
    clearStorage("sessionStorage");
    // The caches at once, and again once the worker has stopped keeping.
    var done = Promise.all([deleteCaches(), forgetWorker()]).then(deleteCaches, deleteCaches);
    var timeout = new Promise(function (resolve) { window.setTimeout(resolve, FORGET_MS); });
    return Promise.race([done, timeout]);
  }

  function exit(event) {
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    var overlay = document.createElement("div");
    overlay.className = "govuk-exit-this-page-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = "Loading.";
    document.body.appendChild(overlay);
    document.body.classList.add("govuk-exit-this-page-hide-content");
    var leave = function () { window.location.replace(url); };
    forget().then(leave, leave);
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
