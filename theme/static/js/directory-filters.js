// /directory/ only: filters that combine and live in the URL, counts per filter value,
// and "sort by distance from me". Called by directory.js with this page's own services.
// The page shows one page of results from HTML and downloads nothing more until a
// filter is on; then it reads the build's compact filter data (c2c_views/compact.py),
// only the chosen area's part when an area is chosen, search text only for a search,
// and fetches the cards of matches that are not on the page, a page of them at a time.
// Which filter values a service is listed under is already expanded by the build's
// one rule for each (a region-wide service is in every area): the browser looks up.
(function () {
  "use strict";

  var FACETS = ["stage", "area", "group", "access", "language", "referral", "free", "open", "q"];
  function listedUnder(facet) {
    return function (service, value) { return (service["in"][facet] || []).indexOf(value) >= 0; };
  }
  var tests = {
    stage: listedUnder("stage"),
    area: listedUnder("area"),
    group: listedUnder("group"),
    access: listedUnder("access"),
    language: listedUnder("language"),
    referral: listedUnder("referral"),
    free: function (s) { return listedUnder("free")(s, "1"); }
  };

  function words(q) {
    return q.toLowerCase().split(/\s+/).filter(Boolean);
  }

  // The filter state from a query string: the one format the form, the URL and links share.
  function readState(search) {
    var params = new URLSearchParams(search);
    return {
      stage: params.getAll("stage").filter(Boolean),
      area: params.get("area") || "",
      group: params.get("group") || "",
      access: params.getAll("access").filter(Boolean),
      language: params.get("language") || "",
      referral: params.get("referral") || "",
      free: params.get("free") === "1",
      open: params.get("open") === "1",
      q: (params.get("q") || "").trim()
    };
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    state.stage.forEach(function (v) { params.append("stage", v); });
    if (state.area) params.set("area", state.area);
    if (state.group) params.set("group", state.group);
    state.access.forEach(function (v) { params.append("access", v); });
    if (state.language) params.set("language", state.language);
    if (state.referral) params.set("referral", state.referral);
    if (state.free) params.set("free", "1");
    if (state.open) params.set("open", "1");
    if (state.q) params.set("q", state.q);
    var text = params.toString();
    return text ? "?" + text : "";
  }

  var KEYS = { stage: "s", area: "a", group: "g", access: "x", language: "l", referral: "r" };

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  // A compact record back into the shape directory.js reads (slug, status, hours, `in`).
  function decode(rec, data) {
    var s = { index: rec.i, slug: rec.k, status: rec.t ? "temporarily-closed" : "active", "in": {} };
    Object.keys(KEYS).forEach(function (facet) {
      s["in"][facet] = (rec[KEYS[facet]] || []).map(function (n) { return data.ids[facet][n]; });
    });
    s["in"].free = rec.f ? ["1"] : [];
    var h = rec.h || [];
    s.intervals = [];
    for (var i = 0; i < h.length; i += 2) s.intervals.push([h[i], h[i + 1]]);
    if (rec.d) {
      var at = data.window[0];
      var values = rec.d.map(function (d) { at += d; return at; });
      s.dated = [];
      for (var j = 0; j < values.length; j += 2) s.dated.push([values[j], values[j + 1]]);
    }
    s.locations = (rec.p || []).map(function (p) { return { lat: p[0], lon: p[1] }; });
    s.search = "";
    return s;
  }

  window.c2cDirectoryFilters = function (pageServices, isOpen, momentOf, addServices) {
    var form = document.querySelector(".js-filters");
    var list = document.getElementById("results");
    var holder = document.querySelector(".js-filter-data");
    if (!form || !list || !holder) return;
    var filterUrls = JSON.parse(holder.getAttribute("data-filter-urls"));
    var textUrls = JSON.parse(holder.getAttribute("data-text-urls"));
    var cardUrls = JSON.parse(holder.getAttribute("data-card-urls"));
    var pages = document.querySelector(".js-pages");
    var caption = document.querySelector(".js-page-caption");
    var showMore = document.querySelector(".js-show-more");
    var cards = {};
    list.querySelectorAll(".js-service-card").forEach(function (card) { cards[card.getAttribute("data-slug")] = card; });
    var pageCards = Array.prototype.slice.call(list.children);
    // Cards shown at first and per "Show more", so the page stays a few screens on a phone.
    var step = parseInt(holder.getAttribute("data-shown"), 10) || 10;
    var shownCount = document.querySelector(".js-shown-count");
    var clear = document.querySelector(".js-filters-clear");
    var countNote = document.querySelector(".js-count-note");  // "2 of them temporarily closed": the whole list's
    var heading = document.getElementById("results-heading");
    var countText = document.querySelector(".js-result-count");
    var initialCount = countText.textContent;
    var status = document.querySelector(".js-result-status");
    var noResults = document.querySelector(".js-no-results");
    var more = document.querySelector(".js-filters-more");
    var moreCount = document.querySelector(".js-filters-active");
    var typing = false;
    var scopes = {};  // scope -> promise of decoded services
    var texts = {};  // scope -> promise of index -> search text
    var chunks = {};  // card chunk number -> promise
    var pageSize = 50;
    var shown = [];  // matches, in directory order
    var limit = 0;
    var pageLimit = 0;
    var version = 0;

    function loadScope(scope) {
      if (!scopes[scope]) {
        scopes[scope] = fetchJson(filterUrls[scope]).then(function (data) {
          pageSize = data.size;
          var services = data.services.map(function (rec) { return decode(rec, data); });
          if (addServices) addServices(services);
          return services;
        });
      }
      return scopes[scope];
    }

    function loadText(scope) {
      if (!texts[scope]) {
        texts[scope] = fetchJson(textUrls[scope]).then(function (data) {
          var byIndex = {};
          data.text.forEach(function (pair) { byIndex[pair[0]] = pair[1]; });
          return byIndex;
        });
      }
      return texts[scope];
    }

    // ---- Search (issue 28): the site's search engine ranks the services for the words
    // (search-directory.js): only its best matches are shown, in its order. Without it,
    // the words are matched in each service's text as before.
    var ranked = {};  // words -> promise of {place in the list: rank}, or null
    var rankNow = null;  // the ranking of the search being drawn
    function rankFor(q) {
      if (!window.c2cSearchServices) return Promise.resolve(null);
      if (!(q in ranked)) {
        ranked[q] = window.c2cSearchServices(q).then(function (order) {
          var at = {};
          order.forEach(function (place, n) { at[place] = n; });
          return at;
        }, function () { delete ranked[q]; return null; });
      }
      return ranked[q];
    }

    function loadCards(number) {
      if (!chunks[number]) {
        chunks[number] = fetchJson(cardUrls[number - 1])
          .then(function (data) {
            var doc = new DOMParser().parseFromString(data.cards, "text/html");
            doc.querySelectorAll(".js-service-card").forEach(function (card) {
              var slug = card.getAttribute("data-slug");
              if (!cards[slug]) cards[slug] = document.importNode(card, true);
            });
          });
      }
      return chunks[number];
    }

    function matches(s, state, minute, skip) {
      if (skip !== "stage" && state.stage.length &&
          !state.stage.some(function (v) { return tests.stage(s, v); })) return false;
      if (skip !== "area" && state.area && !tests.area(s, state.area)) return false;
      if (skip !== "group" && state.group && !tests.group(s, state.group)) return false;
      // Every access fact asked for: someone who needs step-free access and a hearing loop needs both.
      if (skip !== "access" && !state.access.every(function (v) { return tests.access(s, v); })) return false;
      if (skip !== "language" && state.language && !tests.language(s, state.language)) return false;
      if (skip !== "referral" && state.referral && !tests.referral(s, state.referral)) return false;
      if (skip !== "free" && state.free && !tests.free(s)) return false;
      if (skip !== "open" && state.open && !isOpen(s, minute)) return false;
      if (skip !== "q" && state.q && rankNow) {
        if (rankNow[s.index] === undefined) return false;
      } else if (skip !== "q" && state.q) {
        var ws = words(state.q);
        if (!ws.every(function (w) { return s.search.indexOf(w) >= 0; })) return false;
      }
      return true;
    }

    function valueTest(facet, value, minute) {
      if (facet === "open") return function (s) { return isOpen(s, minute); };
      return function (s) { return tests[facet](s, value); };
    }

    // Counts over the data in hand: every service, or the chosen area's (then the other
    // areas keep the build's counts, as their data is not downloaded).
    function updateCounts(services, state, minute, scope) {
      if (scope === "areas-only") { areaCounts(services, state, minute); return; }
      form.querySelectorAll(".js-count").forEach(function (el) {
        var facet = el.getAttribute("data-facet");
        var test = valueTest(facet, el.getAttribute("data-value"), minute);
        var n = services.filter(function (s) { return matches(s, state, minute, facet) && test(s); }).length;
        el.textContent = "(" + n + ")";
      });
      if (scope === "all") areaCounts(services, state, minute);
      ["group", "language"].forEach(function (facet) {
        form.querySelectorAll("select[name=" + facet + "] option[value]").forEach(function (option) {
          if (!option.value) return;
          var test = valueTest(facet, option.value, minute);
          var n = services.filter(function (s) { return matches(s, state, minute, facet) && test(s); }).length;
          option.textContent = option.getAttribute("data-label") + " (" + n + ")";
        });
      });
    }

    function areaCounts(services, state, minute) {
      form.querySelectorAll("select[name=area] option[value]").forEach(function (option) {
        if (!option.value) return;
        var test = valueTest("area", option.value, minute);
        var n = services.filter(function (s) { return matches(s, state, minute, "area") && test(s); }).length;
        option.textContent = option.getAttribute("data-label") + " (" + n + ")";
      });
    }

    function writeForm(state) {
      form.elements.q.value = state.q;
      form.elements.area.value = state.area;
      form.elements.group.value = state.group;
      form.elements.language.value = state.language;
      form.querySelectorAll("input[name=access]").forEach(function (c) { c.checked = state.access.indexOf(c.value) >= 0; });
      form.querySelectorAll("input[name=referral]").forEach(function (r) { r.checked = r.value === state.referral; });
      form.elements.free.checked = state.free;
      form.elements.open.checked = state.open;
      form.querySelectorAll("input[name=stage]").forEach(function (c) { c.checked = state.stage.indexOf(c.value) >= 0; });
    }

    function formState() {
      return readState(new URLSearchParams(new FormData(form)).toString());
    }

    // "Showing 1 to 10 of 39": what the list on screen holds of the count above it.
    function sayShown(on, of) {
      shownCount.textContent = on < of ? "Showing 1 to " + on + " of " + of + "." : "";
      shownCount.hidden = on >= of;
      showMore.textContent = "Show " + Math.min(step, of - on) + " more";
      showMore.hidden = on >= of;
    }

    function showMatches(run) {
      var wanted = shown.slice(0, limit);
      var needed = {};
      wanted.forEach(function (s) { if (!cards[s.slug]) needed[Math.floor(s.index / pageSize) + 1] = true; });
      return Promise.all(Object.keys(needed).map(loadCards)).then(function () {
        if (run !== version) return;
        while (list.firstChild) list.removeChild(list.firstChild);
        wanted.forEach(function (s) {
          var card = cards[s.slug];
          if (!card) return;
          card.hidden = false;
          list.appendChild(card);
        });
        sayShown(Math.min(limit, shown.length), shown.length);
        if (window.c2cDirectory && window.c2cDirectory.refresh) window.c2cDirectory.refresh();
        document.dispatchEvent(new CustomEvent("c2c:cards"));
        list.removeAttribute("aria-busy");
      });
    }

    // No filter on: this page's own cards, `step` at a time.
    function showPage() {
      while (list.firstChild) list.removeChild(list.firstChild);
      pageCards.forEach(function (card, i) { card.hidden = i >= pageLimit; list.appendChild(card); });
      if (pages) pages.hidden = pageLimit < pageCards.length;
      if (caption) caption.hidden = false;
      sayShown(Math.min(pageLimit, pageCards.length), pageCards.length);
      if (clear) clear.hidden = true;
      if (countNote) countNote.hidden = false;
      list.removeAttribute("aria-busy");
      document.dispatchEvent(new CustomEvent("c2c:cards"));
      countText.textContent = initialCount;
      status.textContent = "";
      noResults.hidden = true;
    }

    function apply(state) {
      var run = ++version;
      list.setAttribute("aria-busy", "true");  // until the matches are drawn
      var inMore = state.stage.length + (state.group ? 1 : 0) + (state.referral ? 1 : 0) +
        state.access.length + (state.language ? 1 : 0) + (state.free ? 1 : 0);
      moreCount.textContent = inMore ? " (" + inMore + " selected)" : "";
      if (inMore) more.open = true;
      if (toQuery(state) === "") { showPage(); return Promise.resolve(); }
      if (clear) clear.hidden = false;
      if (countNote) countNote.hidden = true;
      // Offline, the data kept with the page is every area's: the chosen area's may not be.
      var scope = state.area && filterUrls[state.area] && navigator.onLine ? state.area : "all";
      return Promise.all([loadScope(scope), state.q ? rankFor(state.q) : null]).then(function (first) {
        return Promise.all([first[0], state.q && !first[1] ? loadText(scope) : null, first[1]]);
      }).then(function (loaded) {
        if (run !== version) return null;
        var services = loaded[0];
        rankNow = loaded[2];
        if (loaded[1]) services.forEach(function (s) { s.search = loaded[1][s.index] || ""; });
        var minute = momentOf(new Date());
        shown = services.filter(function (s) { return matches(s, state, minute, null); });
        if (rankNow) shown.sort(function (a, b) { return rankNow[a.index] - rankNow[b.index]; });
        limit = step;
        if (pages) pages.hidden = true;
        if (caption) caption.hidden = true;  // the matches are from every page
        var n = shown.length;
        var noun = n === 1 ? " service" : " services";
        countText.textContent = n + noun + (n === 1 ? " matches" : " match") + " your filters";
        status.textContent = countText.textContent;
        noResults.hidden = n > 0;
        updateCounts(services, state, minute, scope);
        return showMatches(run).then(function () {
          // The other areas' counts need every area's data: fetched after the results show.
          if (scope === "all" || run !== version) return null;
          return Promise.all([loadScope("all"), state.q && !rankNow ? loadText("all") : null]).then(function (all) {
            if (run !== version) return;
            if (all[1]) all[0].forEach(function (s) { s.search = all[1][s.index] || ""; });
            updateCounts(all[0], state, minute, "areas-only");
          });
        });
      }).catch(function () {
        showPage();
        status.textContent = "The filters could not load just now; showing this page of services.";
      });
    }

    function update(mode) {
      var state = formState();
      var query = toQuery(state);
      if (query !== location.search) {
        var url = location.pathname + query + location.hash;
        if (mode === "replace") history.replaceState(null, "", url);
        else history.pushState(null, "", url);
      }
      return apply(state);
    }

    form.addEventListener("input", function (event) {
      if (event.target.name !== "q") return;
      update(typing ? "replace" : "push");  // one history entry per search, not per key
      typing = true;
    });
    form.addEventListener("change", function (event) {
      typing = false;
      if (event.target.name !== "q") update("push");
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      typing = false;
      update("push");
      heading.focus();
    });
    showMore.addEventListener("click", function () {
      var first = list.querySelectorAll(".js-service-card:not([hidden])").length;
      var after = function () {  // focus the first new card, so a keyboard goes on from there
        var shownCards = list.querySelectorAll(".js-service-card:not([hidden])");
        var link = shownCards[first] && shownCards[first].querySelector("a");
        if (link) link.focus();
      };
      if (toQuery(formState()) === "") {
        pageLimit += step;
        showPage();
        after();
        return;
      }
      list.setAttribute("aria-busy", "true");
      limit += step;
      showMatches(version).then(after);
    });
    window.addEventListener("popstate", function () {
      var state = readState(location.search);
      writeForm(state);
      apply(state);
    });

    if (window.matchMedia("(min-width: 40.0625em)").matches) more.open = true;
    pageLimit = step;
    var initial = readState(location.search);
    writeForm(initial);
    apply(initial);
    form.hidden = false;
    window.setInterval(function () { if (form.elements.open.checked) apply(formState()); }, 60000);

    var located = {};
    pageServices.forEach(function (s) { located[s.slug] = s.locations || []; });
    var addMore = addServices;
    addServices = function (services) {
      services.forEach(function (s) { located[s.slug] = s.locations; });
      if (addMore) addMore(services);
    };
    setUpNearMe(list, function (slug) { return located[slug] || []; });
  };

  // ---- Near me -------------------------------------------------------------------
  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLon = (lon2 - lon1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function milesText(km) {
    var miles = km / 1.609344;
    return miles < 0.1 ? "Less than 0.1 miles away" : miles.toFixed(1) + " miles away";
  }

  function setUpNearMe(list, locationsOf) {
    var box = document.querySelector(".js-near-me");
    if (!box || !("geolocation" in navigator)) return;
    var button = box.querySelector(".js-near-me-button");
    var reset = box.querySelector(".js-near-me-reset");
    var message = box.querySelector(".js-near-me-status");
    var originalOrder = [];
    box.hidden = false;

    function nearest(slug, lat, lon) {
      var best = null;
      locationsOf(slug).forEach(function (loc) {
        if (loc.lat === null || loc.lon === null) return;
        var d = distanceKm(lat, lon, loc.lat, loc.lon);
        if (best === null || d < best) best = d;
      });
      return best;
    }

    function sortBy(lat, lon) {
      originalOrder = Array.prototype.slice.call(list.children);
      var ranked = originalOrder.map(function (card, index) {
        return { card: card, index: index, km: nearest(card.getAttribute("data-slug"), lat, lon) };
      });
      ranked.sort(function (a, b) {
        if (a.km === null || b.km === null) return (a.km === null) - (b.km === null) || a.index - b.index;
        return a.km - b.km || a.index - b.index;
      });
      ranked.forEach(function (r) {
        list.appendChild(r.card);
        var label = r.card.querySelector(".js-distance");
        label.textContent = r.km === null ? "No address to visit: phone, email or outreach" : milesText(r.km);
        label.hidden = false;
      });
      message.textContent = "Sorted by distance from where you are, nearest first. Services with no address to visit are listed last.";
      reset.hidden = false;
    }

    button.addEventListener("click", function () {
      message.textContent = "Finding your location…";
      navigator.geolocation.getCurrentPosition(function (position) {
        sortBy(position.coords.latitude, position.coords.longitude);
      }, function (error) {
        message.textContent = (error.code === 1 ? "Your location was not shared, so the list is not sorted by distance."
          : "Your location could not be found just now.") + " You can browse by area instead.";
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
    });

    reset.addEventListener("click", function () {
      originalOrder.forEach(function (card) {
        list.appendChild(card);
        card.querySelector(".js-distance").hidden = true;
      });
      message.textContent = "Sorted by name.";
      reset.hidden = true;
    });
  }
})();
