// The search page, enhanced: answers ?q=&type=&stage=&area=&sector=&page= with the
// site's search engine (search-index.js, over the index split by word). Without this
// file the page says how to browse instead.
//
// - The query and facets live in the URL: each change is a new history entry, and Back
//   and Forward redraw the results they name.
// - A query downloads the files of its own words and the rows of the results on screen;
//   each file is fetched once per page and kept.
// - Services say whether they are open now, in the directory's words (directory.js's
//   engine, window.c2cOpening), and temporarily closed ones say so.
// - Everything from the index is put in the page as text (textContent), never as HTML.
(function () {
  "use strict";

  var root = document.querySelector(".js-search");
  if (!root || !window.C2CSearch) return;
  var S = window.C2CSearch.core;
  var siteRoot = root.getAttribute("data-site-root") || "/";
  var manifestUrl = root.getAttribute("data-manifest-url");
  var siteName = root.getAttribute("data-site-name") || "";
  var PER_PAGE = 20;
  var FIRST = 6;  // results drawn before the rest of the page's rows have arrived

  var form = root.querySelector(".js-search-form");
  var input = root.querySelector("#search-q");
  var app = root.querySelector(".js-search-app");
  var statusEl = root.querySelector(".js-search-status");
  var noteEl = root.querySelector(".js-search-note");
  var list = root.querySelector(".js-search-results");
  var none = root.querySelector(".js-search-none");
  var pages = root.querySelector(".js-search-pages");
  var heading = root.querySelector(".js-search-heading");
  var languagesEl = root.querySelector(".js-search-languages");
  root.querySelector(".js-search-nojs").hidden = true;
  app.hidden = false;
  // On a phone the facets start folded away, so the results come first on screen.
  var facetsBox = root.querySelector(".js-search-facets");
  if (window.matchMedia && window.matchMedia("(max-width: 40.0525em)").matches &&
      !/[?&](type|stage|area|sector)=/.test(location.search)) facetsBox.open = false;

  var engine = window.C2CSearch.engine({ manifestUrl: manifestUrl, siteRoot: siteRoot, opening: window.c2cOpening });
  var runs = 0;

  // ---- state <-> URL <-> form ------------------------------------------------------
  function stateFromUrl() {
    var params = new URLSearchParams(location.search);
    var facets = S.emptyFacets();
    S.FACETS.forEach(function (f) { facets[f] = params.getAll(f).filter(Boolean); });
    var page = parseInt(params.get("page"), 10);
    return { q: (params.get("q") || "").slice(0, 200), facets: facets, page: page > 0 ? page : 1 };
  }

  function stateFromForm() {
    var facets = S.emptyFacets();
    var data = new FormData(form);
    S.FACETS.forEach(function (f) { facets[f] = data.getAll(f).filter(Boolean); });
    return { q: input.value.slice(0, 200), facets: facets, page: 1 };
  }

  function urlOf(state) {
    var params = new URLSearchParams();
    if (state.q) params.append("q", state.q);
    S.FACETS.forEach(function (f) { state.facets[f].forEach(function (v) { params.append(f, v); }); });
    if (state.page > 1) params.append("page", String(state.page));
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function showInForm(state) {
    input.value = state.q;
    form.querySelectorAll(".js-facet").forEach(function (el) {
      var chosen = state.facets[el.name] || [];
      if (el.type === "checkbox") el.checked = chosen.indexOf(el.value) >= 0;
      else el.value = chosen[0] || "";
    });
  }

  // ---- drawing ---------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function highlighted(m, tag, className, text, matched) {
    var node = el(tag, className);
    S.highlight(m, text, matched).forEach(function (run) {
      node.appendChild(run[1] ? el("mark", "app-search-result__match", run[0]) : document.createTextNode(run[0]));
    });
    return node;
  }

  function names(m, table, ids) {
    var byId = {};
    m[table].forEach(function (pair) { byId[pair[0]] = pair[1]; });
    return ids.map(function (id) { return byId[id] || id; });
  }

  function kindLabel(m, kind) {
    for (var i = 0; i < m.kinds.length; i++) if (m.kinds[i][0] === kind) return m.kinds[i][1];
    return kind;
  }

  function drawResult(m, hit) {
    var item = el("li", "app-search-result");
    var meta = el("p", "govuk-body-s app-search-result__meta");
    meta.appendChild(el("strong", "govuk-tag govuk-tag--grey app-search-result__type", kindLabel(m, hit.kind)));
    var by = hit.kind === "organisation" ? names(m, "sectors", hit.sector ? [hit.sector] : []).join("") : hit.organisation;
    if (by) meta.appendChild(document.createTextNode(" " + by));
    item.appendChild(meta);
    var title = el("h3", "govuk-heading-s app-search-result__title");
    var link = highlighted(m, "a", "govuk-link", hit.title, hit.matched);
    link.setAttribute("href", siteRoot + hit.url);  // as the templates write links: SITEURL/url
    title.appendChild(link);
    item.appendChild(title);
    if (hit.kind === "service" && hit.status) {
      // The directory's words for now: "Open now until 8am tomorrow", "Temporarily closed".
      var now = el("p", "govuk-body-s app-service-card__now" + (hit.open ? " app-open-status--open" : ""));
      if (/^(Temporarily|Closed permanently)/.test(hit.status)) now.appendChild(el("strong", "govuk-tag govuk-tag--grey", hit.status));
      else now.textContent = hit.status;
      item.appendChild(now);
    }
    if (hit.text) item.appendChild(highlighted(m, "p", "govuk-body app-search-result__text", hit.text, hit.matched));
    var facts = [];
    if (hit.stages.length) facts.push("Stage: " + names(m, "stages", hit.stages).join(", "));
    if (hit.where) facts.push("Area: " + hit.where);
    if (facts.length) item.appendChild(el("p", "govuk-body-s app-muted app-search-result__facts", facts.join(" · ")));
    return item;
  }

  function drawCounts(counts, known) {
    root.querySelectorAll(".js-facet-count").forEach(function (span) {
      var facet = span.getAttribute("data-facet");
      var value = span.getAttribute("data-value");
      span.textContent = known(facet, value) ? "(" + (counts[facet][value] || 0) + ")" : "";
    });
    root.querySelectorAll("select.js-facet option").forEach(function (option) {
      if (!option.value) return;
      var label = option.getAttribute("data-label");
      var facet = option.parentNode.name;
      option.textContent = known(facet, option.value) ? label + " (" + (counts[facet][option.value] || 0) + ")" : label;
    });
  }

  function pageLink(state, page, label, rel) {
    var a = el("a", "govuk-link govuk-pagination__link js-search-page", label);
    a.href = urlOf({ q: state.q, facets: state.facets, page: page });
    if (rel) a.rel = rel;
    return a;
  }

  function drawPages(state, total) {
    pages.textContent = "";
    var last = Math.ceil(total / PER_PAGE);
    pages.hidden = last <= 1;
    if (last <= 1) return;
    if (state.page > 1) {
      var prev = el("div", "govuk-pagination__prev");
      prev.appendChild(pageLink(state, state.page - 1, "Previous page", "prev"));
      pages.appendChild(prev);
    }
    var items = el("ul", "govuk-pagination__list");
    for (var p = 1; p <= last; p++) {
      if (p !== 1 && p !== last && Math.abs(p - state.page) > 2) {
        if (items.lastChild && items.lastChild.className.indexOf("ellipses") < 0) {
          items.appendChild(el("li", "govuk-pagination__item govuk-pagination__item--ellipses", "⋯"));
        }
        continue;
      }
      var li = el("li", "govuk-pagination__item" + (p === state.page ? " govuk-pagination__item--current" : ""));
      var a = pageLink(state, p, String(p));
      a.setAttribute("aria-label", "Page " + p);
      if (p === state.page) a.setAttribute("aria-current", "page");
      li.appendChild(a);
      items.appendChild(li);
    }
    pages.appendChild(items);
    if (state.page < last) {
      var next = el("div", "govuk-pagination__next");
      next.appendChild(pageLink(state, state.page + 1, "Next page", "next"));
      pages.appendChild(next);
    }
  }

  function setTitle(state, total) {
    var last = Math.max(1, Math.ceil(total / PER_PAGE));
    var words = state.q ? "Search: " + state.q : "Search";
    if (state.q && last > 1) words += " (page " + Math.min(state.page, last) + " of " + last + ")";
    document.title = words + " – " + siteName;
  }

  // A query naming a language: the services that speak it, in the directory.
  function drawLanguages(languages) {
    languagesEl.textContent = "";
    languages.forEach(function (lang) {
      var line = el("p", "govuk-body", "Services that speak " + lang.name + ": ");
      var link = el("a", "govuk-link", "see all " + lang.services + " in the directory");
      link.href = siteRoot + lang.url;
      line.appendChild(link);
      languagesEl.appendChild(line);
    });
    languagesEl.hidden = !languages.length;
  }

  function clearResults() {
    languagesEl.hidden = true;
    list.textContent = "";
    list.removeAttribute("aria-busy");
    none.hidden = true;
    pages.hidden = true;
    noteEl.hidden = true;
  }

  // ---- searching -------------------------------------------------------------------
  function run(state) {
    var mine = ++runs;
    showInForm(state);
    clearResults();
    if (!state.q.trim()) {
      statusEl.textContent = "Type what you are looking for, then press Search.";
      drawCounts({ type: {}, stage: {}, area: {}, sector: {} }, function () { return false; });
      setTitle(state, 0);
      return Promise.resolve();
    }
    statusEl.textContent = "Searching…";
    return engine.manifest().then(function (m) {
      return engine.search(state.q, state.facets).then(function (result) {
        if (mine !== runs) return null;  // a newer search has started
        var last = Math.max(1, Math.ceil(result.shown.length / PER_PAGE));
        var page = Math.min(state.page, last);
        var onPage = result.shown.slice((page - 1) * PER_PAGE, page * PER_PAGE);
        // The first few results as soon as their rows arrive, then the rest of the page.
        var rest = engine.describe(m, onPage.slice(FIRST));
        return engine.describe(m, onPage.slice(0, FIRST)).then(function (hits) {
          if (mine !== runs) return null;
          draw(m, state, result, hits, page);
          if (window.performance && performance.mark) performance.mark("c2c-search-answered");
          return rest.then(function (more) {
            if (mine !== runs) return;
            more.forEach(function (hit) { list.appendChild(drawResult(m, hit)); });
            list.removeAttribute("aria-busy");
          });
        });
      });
    }).catch(function () {
      if (mine !== runs) return;
      statusEl.textContent = "Search could not load its index. Check your connection and try again, or browse instead.";
      none.hidden = false;
    });
  }

  function draw(m, state, result, hits, page) {
    var total = result.shown.length;
    var last = Math.max(1, Math.ceil(total / PER_PAGE));
    drawLanguages(result.languages);
    hits.forEach(function (hit) { list.appendChild(drawResult(m, hit)); });
    if (total > hits.length) list.setAttribute("aria-busy", "true");  // until the rest of the page is drawn
    var words = "“" + state.q.trim() + "”";
    if (!total) {
      statusEl.textContent = "No results for " + words + (anyFacet(state) ? " with these filters." : ".");
      none.hidden = false;
    } else {
      statusEl.textContent = total + (total === 1 ? " result" : " results") + " for " + words +
        (last > 1 ? ", page " + page + " of " + last : "");
    }
    var notes = [];
    var respelt = result.plan.concepts.filter(function (c) {
      return c.alts.some(function (a) { return a.near; });
    }).map(function (c) { return "“" + c.label + "”"; });
    if (respelt.length) notes.push("Also searched for words spelt one letter differently from " + respelt.join(" and ") + ".");
    var synonyms = [];
    result.plan.concepts.forEach(function (c) {
      c.alts.forEach(function (a) { if (a.synonym) synonyms.push(a.synonym); });
    });
    if (synonyms.length) notes.push("Also searched for words of the same meaning.");
    if (result.missing) notes.push("Some results could not be loaded (you may be offline); these are the ones that could.");
    noteEl.textContent = notes.join(" ");
    noteEl.hidden = !notes.length;
    // A search of services only reads the services' files: the other kinds' counts are unknown.
    drawCounts(result.counts, function (facet, value) {
      return !(result.scope === "service" && facet === "type" && value !== "service");
    });
    drawPages({ q: state.q, facets: state.facets, page: page }, total);
    setTitle({ q: state.q, page: page }, total);
  }

  function anyFacet(state) {
    return S.FACETS.some(function (f) { return state.facets[f].length; });
  }

  function go(state, focusResults) {
    history.pushState(null, "", urlOf(state));
    return run(state).then(function () { if (focusResults) heading.focus(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    go(stateFromForm(), false);
  });
  form.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("js-facet")) go(stateFromForm(), false);
  });
  pages.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".js-search-page");
    if (!link) return;
    event.preventDefault();
    history.pushState(null, "", link.getAttribute("href"));
    run(stateFromUrl()).then(function () { heading.focus(); });
  });
  root.querySelector(".js-search-clear").addEventListener("click", function (event) {
    event.preventDefault();
    go({ q: input.value.slice(0, 200), facets: S.emptyFacets(), page: 1 }, false);
  });
  window.addEventListener("popstate", function () { run(stateFromUrl()); });

  run(stateFromUrl());
}());
