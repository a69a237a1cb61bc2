// The services directory, enhanced. Every directory page works without this file.
//
// - "Open now" in UK time, at view time, from the weekly intervals the build computed
//   (plugins/c2c_directory/hours.py): the words match hours.py `describe`.
// - Filters that combine and live in the query string (?stage=&area=&group=&referral=
//   &free=1&open=1&q=), with counts per value; Back and Forward restore them.
// - "Sort by distance from me": the position stays in the browser.
// - The service worker that keeps the directory for use without signal.
(function () {
  "use strict";

  var root = document.querySelector(".js-directory");
  if (!root) return;
  // Every address comes from the page (the build's URL map), never spelt here.
  var siteRoot = root.getAttribute("data-site-root") || "/";
  var servicesUrl = root.getAttribute("data-services-url");
  var workerUrl = root.getAttribute("data-worker-url");
  var workerScope = root.getAttribute("data-worker-scope");
  var buildDateText = root.getAttribute("data-build-date-text") || "";

  // ---- UK time and opening hours (mirrors hours.py) --------------------------------
  var DAY = 1440;
  var WEEK = 7 * DAY;
  var DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var WEEKDAYS = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
  var londonClock = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });
  var londonDate = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit"
  });

  function parts(format, date) {
    var out = {};
    format.formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }

  // Minutes since Monday 00:00 on UK clocks: DST-correct whatever the device's zone.
  function minuteOfWeek(date) {
    var p = parts(londonClock, date || new Date());
    return WEEKDAYS[p.weekday] * DAY + (parseInt(p.hour, 10) % 24) * 60 + parseInt(p.minute, 10);
  }

  function todayInLondon() {
    var p = parts(londonDate, new Date());
    return p.year + "-" + p.month + "-" + p.day;
  }

  function clock(minuteOfDay) {
    var m = ((minuteOfDay % DAY) + DAY) % DAY;
    var hours = Math.floor(m / 60);
    var minutes = m % 60;
    if (hours === 0 && minutes === 0) return "midnight";
    if (hours === 12 && minutes === 0) return "midday";
    var suffix = hours < 12 ? "am" : "pm";
    var h12 = hours % 12 || 12;
    return minutes === 0 ? h12 + suffix : h12 + ":" + (minutes < 10 ? "0" : "") + minutes + suffix;
  }

  function isAlways(intervals) {
    return intervals.length === 1 && intervals[0][0] === 0 && intervals[0][1] === WEEK;
  }

  function stateAt(intervals, minute) {
    if (isAlways(intervals)) return { open: true, always: true };
    for (var i = 0; i < intervals.length; i++) {
      var start = intervals[i][0];
      var end = intervals[i][1];
      var candidates = [minute, minute + WEEK];
      for (var j = 0; j < 2; j++) {
        var m = candidates[j];
        if (start <= m && m < end) return { open: true, changeAt: minute + (end - m) };
      }
    }
    if (!intervals.length) return { open: false, changeAt: null };
    var next = Infinity;
    intervals.forEach(function (iv) { next = Math.min(next, (((iv[0] - minute) % WEEK) + WEEK) % WEEK); });
    return { open: false, changeAt: minute + next };
  }

  function when(now, at) {
    var daysAhead = Math.floor(at / DAY) - Math.floor(now / DAY);
    var time = clock(at % DAY);
    if (daysAhead === 0) return time + " today";
    if (daysAhead === 1) return time + " tomorrow";
    var name = DAY_NAMES[Math.floor(at / DAY) % 7];
    return daysAhead >= 7 ? time + " next " + name : time + " on " + name;
  }

  function describe(service, minute) {
    if (service.status === "closed") return "Closed permanently";
    if (service.status === "temporarily-closed") return "Temporarily closed";
    var state = stateAt(service.intervals, minute);
    if (state.always) return "Open 24 hours";
    if (state.open) return "Open now until " + when(minute, state.changeAt);
    if (state.changeAt === null) return "";
    return "Closed now. Opens at " + when(minute, state.changeAt);
  }

  function isOpen(service, minute) {
    return service.status === "active" && stateAt(service.intervals, minute).open;
  }

  // ---- Data ----------------------------------------------------------------------
  var dataPromise = null;
  function loadServices() {
    if (!dataPromise) {
      dataPromise = fetch(servicesUrl, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("services.json: HTTP " + response.status);
          return response.json();
        });
    }
    return dataPromise;
  }

  // A page that carries its own services' data (a service page: a data block written by
  // the build) uses it and never downloads the whole directory's.
  function ownServices() {
    var block = document.querySelector(".js-services-data");
    if (!block) return null;
    try {
      return JSON.parse(block.textContent);
    } catch (e) {
      return null;
    }
  }

  window.c2cDirectory = {
    siteRoot: siteRoot, loadServices: loadServices, describe: describe, minuteOfWeek: minuteOfWeek
  };

  // ---- Live status on cards and service pages ------------------------------------
  var bySlug = {};
  function showOpenStatus() {
    var minute = minuteOfWeek(new Date());
    document.querySelectorAll(".js-open-status").forEach(function (el) {
      var service = bySlug[el.getAttribute("data-slug")];
      var text = service ? describe(service, minute) : "";
      el.textContent = text;
      el.hidden = !text;
      el.classList.toggle("app-open-status--open", !!service && isOpen(service, minute));
    });
  }

  function hideExpiredAlerts() {
    var today = todayInLondon();
    document.querySelectorAll(".js-alert").forEach(function (el) {
      if ((el.getAttribute("data-active-until") || "9999") < today) el.hidden = true;
    });
  }

  function showOfflineNotice() {
    var el = document.querySelector(".js-offline-notice");
    if (!el) return;
    el.textContent = navigator.onLine ? "" :
      "You are offline: this is the directory as saved on this device, with data as of " + buildDateText + ".";
  }

  document.querySelectorAll(".js-enhanced-only").forEach(function (el) { el.hidden = false; });
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  hideExpiredAlerts();
  showOfflineNotice();
  window.addEventListener("online", showOfflineNotice);
  window.addEventListener("offline", showOfflineNotice);

  // ---- The service worker ---------------------------------------------------------
  // Ask the worker to keep addresses (same site only); resolves with how many it kept.
  function keep(urls) {
    if (!("serviceWorker" in navigator)) return Promise.reject(new Error("no service worker"));
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data); };
        if (!registration.active) { reject(new Error("no active worker")); return; }
        registration.active.postMessage({ type: "c2c-keep", urls: urls }, [channel.port2]);
      });
    });
  }
  window.c2cDirectory.keep = keep;

  if ("serviceWorker" in navigator && workerUrl) {
    var controlled = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.register(workerUrl, { scope: workerScope })
      .then(function () {
        if (controlled) return null;  // the worker kept this page and its files as they loaded
        // The first visit loaded before the worker ran: keep this page and what it used.
        return keep([location.href].concat(performance.getEntriesByType("resource")
          .map(function (entry) { return entry.name; })
          .filter(function (url) { return url.indexOf(location.origin + "/") === 0; })));
      })
      .catch(function () { /* the directory works online without it */ });
  }

  var own = ownServices();
  (own ? Promise.resolve(own) : loadServices()).then(function (data) {
    data.services.forEach(function (s) { bySlug[s.slug] = s; });
    showOpenStatus();
    window.setInterval(showOpenStatus, 60000);
    if (window.c2cDirectoryFilters) window.c2cDirectoryFilters(data.services, isOpen, minuteOfWeek);
  }).catch(function () { /* pages still show every service and their hours */ });
})();
