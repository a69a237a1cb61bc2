// /directory/ only: filters that combine and live in the URL, counts per filter value,
// and "sort by distance from me". Called by directory.js once services.json has loaded.
// Which filter values a service is listed under comes from services.json (`in`),
// already expanded by the build's one rule for each (a region-wide service is in every
// area, a service for everyone in every group, "both" counts for either referral): the
// browser only looks values up.
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

  window.c2cDirectoryFilters = function (services, isOpen, momentOf) {
    var form = document.querySelector(".js-filters");
    var list = document.getElementById("results");
    if (!form || !list) return;
    var cards = {};
    list.querySelectorAll(".js-service-card").forEach(function (card) { cards[card.getAttribute("data-slug")] = card; });
    var listed = services.filter(function (s) { return s.status !== "closed" && cards[s.slug]; });
    var originalOrder = Array.prototype.slice.call(list.children);
    var heading = document.getElementById("results-heading");
    var countText = document.querySelector(".js-result-count");
    var status = document.querySelector(".js-result-status");
    var noResults = document.querySelector(".js-no-results");
    var more = document.querySelector(".js-filters-more");
    var moreCount = document.querySelector(".js-filters-active");
    var typing = false;

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
      if (skip !== "q" && state.q) {
        var ws = words(state.q);
        if (!ws.every(function (w) { return s.search.indexOf(w) >= 0; })) return false;
      }
      return true;
    }

    function valueTest(facet, value, minute) {
      if (facet === "open") return function (s) { return isOpen(s, minute); };
      return function (s) { return tests[facet](s, value); };
    }

    function updateCounts(state, minute) {
      form.querySelectorAll(".js-count").forEach(function (el) {
        var facet = el.getAttribute("data-facet");
        var test = valueTest(facet, el.getAttribute("data-value"), minute);
        var n = listed.filter(function (s) { return matches(s, state, minute, facet) && test(s); }).length;
        el.textContent = "(" + n + ")";
      });
      ["area", "group", "language"].forEach(function (facet) {
        form.querySelectorAll("select[name=" + facet + "] option[value]").forEach(function (option) {
          if (!option.value) return;
          var test = valueTest(facet, option.value, minute);
          var n = listed.filter(function (s) { return matches(s, state, minute, facet) && test(s); }).length;
          option.textContent = option.getAttribute("data-label") + " (" + n + ")";
        });
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

    function apply(state) {
      var minute = momentOf(new Date());
      var shown = 0;
      listed.forEach(function (s) {
        var ok = matches(s, state, minute, null);
        cards[s.slug].hidden = !ok;
        if (ok) shown += 1;
      });
      var filtered = toQuery(state) !== "";
      var noun = shown === 1 ? " service" : " services";
      countText.textContent = filtered ? shown + noun + (shown === 1 ? " matches" : " match") + " your filters" : shown + noun;
      document.querySelectorAll(".js-result-jump").forEach(function (el) { el.textContent = shown + noun; });
      status.textContent = countText.textContent;
      noResults.hidden = shown > 0;
      var inMore = state.stage.length + (state.area ? 1 : 0) + (state.group ? 1 : 0) + (state.referral ? 1 : 0) +
        state.access.length + (state.language ? 1 : 0);
      moreCount.textContent = inMore ? " (" + inMore + " selected)" : "";
      if (inMore) more.open = true;
      updateCounts(state, minute);
    }

    function update(mode) {
      var state = formState();
      var query = toQuery(state);
      if (query !== location.search) {
        var url = location.pathname + query + location.hash;
        if (mode === "replace") history.replaceState(null, "", url);
        else history.pushState(null, "", url);
      }
      apply(state);
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
    window.addEventListener("popstate", function () {
      var state = readState(location.search);
      writeForm(state);
      apply(state);
    });

    if (window.matchMedia("(min-width: 40.0625em)").matches) more.open = true;
    var initial = readState(location.search);
    writeForm(initial);
    apply(initial);
    form.hidden = false;
    window.setInterval(function () { if (form.elements.open.checked) apply(formState()); else updateCounts(formState(), momentOf(new Date())); }, 60000);

    setUpNearMe(list, originalOrder, services);
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

  function setUpNearMe(list, originalOrder, services) {
    var box = document.querySelector(".js-near-me");
    if (!box || !("geolocation" in navigator)) return;
    var button = box.querySelector(".js-near-me-button");
    var reset = box.querySelector(".js-near-me-reset");
    var message = box.querySelector(".js-near-me-status");
    var bySlug = {};
    services.forEach(function (s) { bySlug[s.slug] = s; });
    box.hidden = false;

    function nearest(service, lat, lon) {
      var best = null;
      service.locations.forEach(function (loc) {
        if (loc.lat === null || loc.lon === null) return;
        var d = distanceKm(lat, lon, loc.lat, loc.lon);
        if (best === null || d < best) best = d;
      });
      return best;
    }

    function sortBy(lat, lon) {
      var ranked = originalOrder.map(function (card, index) {
        var service = bySlug[card.getAttribute("data-slug")];
        return { card: card, index: index, km: service ? nearest(service, lat, lon) : null };
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
