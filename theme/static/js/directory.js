// The services directory, enhanced. Every directory page works without this file.
//
// - "Open now" in UK time, at view time, from the intervals the build computed: weekly
//   (c2c_views/hours.py) or, for services with bank holidays, dated exceptions,
//   sessions or alert extensions, dated (c2c_views/opening.py); the words match theirs.
// - Filters that combine and live in the query string (?stage=&area=&group=&referral=
//   &free=1&open=1&q=), with counts per value; Back and Forward restore them.
// - "Sort by distance from me": the position stays in the browser.
// - The service worker that keeps the directory for use without signal.
(function () {
  "use strict";

  var root = document.querySelector(".js-directory");

  // ---- UK time and opening hours (mirrors hours.py) --------------------------------
  var DAY = 1440;
  var WEEK = 7 * DAY;
  var DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var WEEKDAYS = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
  var londonClock = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
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

  // ---- Dated hours (mirrors opening.py): bank holidays, exceptions, monthly sessions
  // and severe-weather extensions arrive as epoch-minute ranges for the build's window.
  var datedWindow = [0, 0];
  var londonLong = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", weekday: "long", day: "numeric", month: "long", year: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });
  function localParts(epochMinute) {
    var p = parts(londonLong, new Date(epochMinute * 60000));
    return {
      dayNumber: Date.UTC(+p.year, MONTHS.indexOf(p.month), +p.day) / 86400000,
      weekday: p.weekday, day: +p.day, month: p.month,
      minute: (parseInt(p.hour, 10) % 24) * 60 + parseInt(p.minute, 10)
    };
  }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function whenDated(now, at) {
    var n = localParts(now);
    var a = localParts(at);
    var ahead = a.dayNumber - n.dayNumber;
    var time = clock(a.minute);
    if (ahead === 0) return time + " today";
    if (ahead === 1) return time + " tomorrow";
    if (ahead < 7) return time + " on " + a.weekday;
    return time + " on " + a.weekday + " " + a.day + " " + a.month;
  }

  function usesDates(service, moment) {
    return !!service.dated && moment.epoch >= datedWindow[0] && moment.epoch < datedWindow[1];
  }

  function describeDated(service, now) {
    for (var i = 0; i < service.dated.length; i++) {
      var start = service.dated[i][0];
      var end = service.dated[i][1];
      if (start <= now && now < end) {
        return end >= datedWindow[1] ? "Open 24 hours" : "Open now until " + whenDated(now, end);
      }
      if (start > now) return "Closed now. Opens at " + whenDated(now, start);
    }
    return "";
  }

  function openDated(service, now) {
    return service.dated.some(function (iv) { return iv[0] <= now && now < iv[1]; });
  }

  // A moment: the UK minute of the week and the epoch minute, for either kind of data.
  function momentOf(date) {
    date = date || new Date();
    return { week: minuteOfWeek(date), epoch: Math.floor(date.getTime() / 60000) };
  }

  function describe(service, moment) {
    if (service.status === "closed") return "Closed permanently";
    if (service.status === "temporarily-closed") return "Temporarily closed";
    if (usesDates(service, moment)) return describeDated(service, moment.epoch);
    var minute = moment.week;
    var state = stateAt(service.intervals, minute);
    if (state.always) return "Open 24 hours";
    if (state.open) return "Open now until " + when(minute, state.changeAt);
    if (state.changeAt === null) return "";
    return "Closed now. Opens at " + when(minute, state.changeAt);
  }

  function isOpen(service, moment) {
    if (service.status !== "active") return false;
    if (usesDates(service, moment)) return openDated(service, moment.epoch);
    return stateAt(service.intervals, moment.week).open;
  }

  // The "open now" engine, for the site's search too (search-index.js ranks and labels
  // services with it), so the search and the directory always say the same.
  window.c2cOpening = {
    describe: describe, isOpen: isOpen, momentOf: momentOf, setWindow: function (w) { datedWindow = w; }
  };
  if (!root) return;
  // Every address comes from the page (the build's URL map), never spelt here.
  var siteRoot = root.getAttribute("data-site-root") || "/";
  var servicesUrl = root.getAttribute("data-services-url");
  var workerUrl = root.getAttribute("data-worker-url");
  var workerScope = root.getAttribute("data-worker-scope");
  var buildDateText = root.getAttribute("data-build-date-text") || "";

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
    siteRoot: siteRoot, loadServices: loadServices, describe: describe, momentOf: momentOf
  };

  // ---- Live status on cards and service pages ------------------------------------
  var bySlug = {};
  function showOpenStatus() {
    var minute = momentOf(new Date());
    document.querySelectorAll(".js-open-status").forEach(function (el) {
      var service = bySlug[el.getAttribute("data-slug")];
      var text = service ? describe(service, minute) : "";
      el.textContent = text;
      el.hidden = !text;
      el.classList.toggle("app-open-status--open", !!service && isOpen(service, minute));
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

  document.addEventListener("c2c:cards", function () { if (window.c2cHideEnded) window.c2cHideEnded(); });
  showOfflineNotice();
  window.addEventListener("online", showOfflineNotice);
  window.addEventListener("offline", showOfflineNotice);

  // ---- The service worker ---------------------------------------------------------
  // Ask the worker to keep addresses (same site only); resolves with how many it kept.
  // `save`: someone chose them (the shortlist), so they are never dropped for newer visits.
  function keep(urls, save) {
    if (!("serviceWorker" in navigator)) return Promise.reject(new Error("no service worker"));
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data); };
        if (!registration.active) { reject(new Error("no active worker")); return; }
        registration.active.postMessage({ type: "c2c-keep", urls: urls, save: save === true }, [channel.port2]);
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
    if (data.window) datedWindow = data.window;
    data.services.forEach(function (s) { bySlug[s.slug] = s; });
    showOpenStatus();
    window.setInterval(showOpenStatus, 60000);
    window.c2cDirectory.refresh = showOpenStatus;
    if (window.c2cDirectoryFilters) {
      window.c2cDirectoryFilters(data.services, isOpen, momentOf, function (services) {
        services.forEach(function (s) { if (!bySlug[s.slug] || !bySlug[s.slug].intervals) bySlug[s.slug] = s; });
      });
    }
  }).catch(function () { /* pages still show every service and their hours */ });
})();
