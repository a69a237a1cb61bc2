// The site's search, the loading part: an engine over the index split by word
// (plugins/c2c_search/bundle.py says what each file holds). A query downloads the
// manifest, the term files of its own words (and of their near spellings when it needs
// them), the facet tables, and the rows of the results on screen; nothing else. Each
// file is fetched once per page. search-core.js does the thinking.
//
//   var engine = C2CSearch.engine({ manifestUrl: ..., siteRoot: "/", opening: window.c2cOpening });
//   engine.search("night shelter", facets)  -> {plan, hits, shown, counts, missing, languages, scope}
//   engine.describe(manifest, hits)         -> what each result shows (its row fetched)
//   engine.services("night shelter")        -> {order: places in the directory's list, best first, plan}
//
// `opening` is the directory's "open now" engine (directory.js, window.c2cOpening), so
// search and directory say the same; without it services are not told apart by hours.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./search-core.js"));
  else root.C2CSearch = factory(root.C2CSearchCore);
}(typeof self !== "undefined" ? self : this, function (core) {
  "use strict";

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var DIGIT = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT[DIGITS.charAt(d)] = d;

  // Numbers written as base64 VLQ (encode.py `vlqs`).
  function readVlqs(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charAt(i)];
      value += (digit & 31) * Math.pow(2, shift);
      if (digit & 32) shift += 5;
      else { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }

  // Reads a posting list in order: `number()` a base64 VLQ, `digit()` one plain digit.
  function reader(text) {
    var i = 0;
    return {
      number: function () {
        var value = 0, shift = 0, digit;
        do {
          digit = DIGIT[text.charAt(i++)];
          value += (digit & 31) * Math.pow(2, shift);
          shift += 5;
        } while (digit & 32);
        return value;
      },
      digit: function () { return DIGIT[text.charAt(i++)]; },
      done: function () { return i >= text.length; }
    };
  }

  // A term's postings (encode.py `postings`) as parallel lists; `score` is the weight
  // (idf times the quantised rest) the ranking adds up.
  function decode(text, idf, weights) {
    var list = { docs: [], fields: [], score: [], nameLength: [], pos: [], posAt: [0] };
    var read = reader(text), number = read.number, doc = -1;
    while (!read.done()) {
      doc += number() + 1;
      var head = number();
      var step = read.digit();
      var fields = head >> 2;
      list.docs.push(doc);
      list.fields.push(fields);
      list.score.push(idf * Math.exp(weights[0] + step * weights[1]));
      list.nameLength.push(fields & 1 ? number() : 0);
      for (var n = 0, at = 0; n <= (head & 3); n++) {
        at += number();
        list.pos.push(at);
      }
      list.posAt.push(list.pos.length);
    }
    return list;
  }

  // A glossary group's list (encode.py `group_posting`): which phrase, in the name or not, weight.
  function decodeGroup(text, weights) {
    var list = { docs: [], phrase: [], inName: [], score: [] };
    var read = reader(text), number = read.number, doc = -1;
    while (!read.done()) {
      doc += number() + 1;
      var which = number();
      list.docs.push(doc);
      list.phrase.push(which >> 1);
      list.inName.push(!!(which & 1));
      list.score.push(Math.exp(weights[0] + read.digit() * weights[1]));
    }
    return list;
  }

  function defaultFetch(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function engine(options) {
    var getJSON = options.fetchJSON || defaultFetch;
    var siteRoot = options.siteRoot === undefined ? "/" : options.siteRoot;
    var opening = options.opening || null;
    var now = options.now || function () { return new Date(); };
    var cache = {};

    function load(url) {
      if (!cache[url]) {
        cache[url] = getJSON(url.indexOf("://") > 0 || url.charAt(0) === "/" ? url : siteRoot + url);
        cache[url].catch(function () { delete cache[url]; });  // try again next time
      }
      return cache[url];
    }
    function fill(template, n) { return template.replace("{n}", String(n)); }

    function manifest() { return load(options.manifestUrl); }

    // The term file a term is in: the last whose first term is not after it.
    function fileOf(starts, term) {
      var lo = 0, hi = starts.length - 1, found = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (starts[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return found;
    }

    // {term: decoded postings, or null for a term no document of the scope has}.
    var decoded = {};
    function postingsOf(m, scope, terms) {
      var s = m.scopes[scope], wanted = {};
      terms.forEach(function (t) {
        if (t.charAt(0) === "#") {
          if (s.groups.indexOf(Number(t.slice(1))) >= 0) wanted[fill(s.group, t.slice(1))] = true;
          return;
        }
        var n = fileOf(s.starts, t);
        if (n >= 0) wanted[fill(s.url, n)] = true;
      });
      var urls = Object.keys(wanted);
      return Promise.all(urls.map(load)).then(function (loaded) {
        var files = {}, out = {};
        urls.forEach(function (u, k) { files[u] = loaded[k]; });
        terms.forEach(function (t) {
          var key = scope + " " + t;
          if (!(key in decoded)) {
            if (t.charAt(0) === "#") {
              var list = files[fill(s.group, t.slice(1))];
              decoded[key] = list ? decodeGroup(list.postings, m.groupWeights) : null;
            } else {
              var data = files[fill(s.url, fileOf(s.starts, t))];
              var at = data ? data.terms.indexOf(t) : -1;
              decoded[key] = at < 0 ? null : decode(data.postings[at], data.idf[at], m.weights);
            }
          }
          out[t] = decoded[key];
        });
        return out;
      });
    }

    // How many documents hold each term starting with these letters: {term: documents}.
    function vocabulary(m, scope, letters) {
      var s = m.scopes[scope];
      var wanted = letters.filter(function (l) { return s.letters.indexOf(l) >= 0; });
      return Promise.all(wanted.map(function (l) { return load(fill(s.vocab, l)); })).then(function (files) {
        var docs = {};
        files.forEach(function (f) {
          var counts = readVlqs(f.docs);
          f.terms.forEach(function (t, i) { docs[t] = counts[i]; });
        });
        return docs;
      });
    }

    // Facet tables: each document's stages and organisation, each service's record.
    function facetTable(m) {
      return load(m.facets).then(function (f) {
        if (!f.decoded) {
          var org = [], runs = readVlqs(f.runs);
          for (var r = 0; r < runs.length; r += 2) for (var k = 0; k < runs[r + 1]; k++) org.push(runs[r] - 1);
          f.decoded = { stages: readVlqs(f.stages), org: org };
        }
        return f;
      });
    }

    function serviceTable(m) {
      return load(m.services.url).then(function (t) {
        if (!t.records) {
          var hours = t.hours.map(function (h) {
            var intervals = [], dated = null, i;
            for (i = 0; i < h[0].length; i += 2) intervals.push([h[0][i], h[0][i + 1]]);
            if (h[1]) {
              var at = t.window[0], values = h[1].map(function (delta) { at += delta; return at; });
              dated = [];
              for (i = 0; i < values.length; i += 2) dated.push([values[i], values[i + 1]]);
            }
            return { intervals: intervals, dated: dated };
          });
          t.records = t.services.map(function (row) {
            var record = { status: row[0] ? "temporarily-closed" : "active", intervals: hours[row[1]].intervals };
            if (hours[row[1]].dated) record.dated = hours[row[1]].dated;
            return record;
          });
          if (opening && opening.setWindow) opening.setWindow(t.window);
        }
        return t;
      });
    }

    function bits(mask) {
      var out = [];
      for (var i = 0; mask; i++, mask = Math.floor(mask / 2)) if (mask % 2) out.push(i);
      return out;
    }

    function kindOf(m, doc) {
      for (var k = 0; k < m.kinds.length; k++) {
        if (doc >= m.kinds[k][3] && doc < m.kinds[k][3] + m.kinds[k][4]) return k;
      }
      return -1;
    }

    // What a document's place in the facets is, as search-core.js `narrow` reads it.
    function factsOf(m, facets, services) {
      return function (doc) {
        var kind = kindOf(m, doc);
        if (doc >= m.services.first) {
          var row = services.services[doc - m.services.first];
          return { type: [kind], stage: bits(row[2]), sector: row[3] >= 0 ? [row[3]] : [], area: row[4] };
        }
        var org = facets.orgs[facets.decoded.org[doc]] || [-1, []];
        return { type: [kind], stage: bits(facets.decoded.stages[doc]), sector: org[0] >= 0 ? [org[0]] : [],
                 area: org[1] };
      };
    }

    function openRank(m, services, moment) {
      return function (doc) {
        var record = services.records[doc - m.services.first];
        if (record.status !== "active") return 0;
        return opening && opening.isOpen(record, moment) ? 2 : 1;
      };
    }

    // The documents a plan matches, ranked; with near spellings of the long words that
    // match nothing (of every long word when `all`). Files that fail to load (offline)
    // reject the promise.
    function answer(m, thePlan, scope, services, all) {
      var moment = opening ? opening.momentOf(now()) : null;
      var open = openRank(m, services, moment);
      var nameKinds = {};
      m.nameKinds.forEach(function (k) { nameKinds[k] = true; });
      function info(doc) {
        var service = doc >= m.services.first;
        return { name: !!nameKinds[m.kinds[kindOf(m, doc)][0]], service: service, open: service ? open(doc) : 1 };
      }
      return postingsOf(m, scope, core.termsOf(thePlan)).then(function (postings) {
        var which = [];
        thePlan.concepts.forEach(function (c, ci) { if (core.wantsNear(c, postings, all)) which.push(ci); });
        if (!which.length) return postings;
        var letters = {};
        which.forEach(function (ci) {
          core.nearLetters(m, thePlan.concepts[ci].word).forEach(function (l) { letters[l] = true; });
        });
        return vocabulary(m, scope, Object.keys(letters).map(Number)).then(function (docs) {
          var terms = Object.keys(docs), near = {};
          which.forEach(function (ci) {
            near[ci] = core.nearTerms(m, thePlan.concepts[ci].word, function (t) { return docs[t]; }, terms);
          });
          core.addNear(m, thePlan, which, near);
          return postingsOf(m, scope, core.termsOf(thePlan));
        });
      }).then(function (postings) { return core.rank(thePlan, postings, info); });
    }

    function onlyServices(facets) {
      return facets.type.length === 1 && facets.type[0] === "service";
    }

    // One scope's answer: the term files and the facet tables load side by side; when
    // the answer is short (fewer than core.FEW shown), near spellings of every long
    // word are tried too, and kept if they find more.
    function attempt(m, query, facets, scope) {
      var thePlan = core.plan(query, m);
      var tables = Promise.all([scope === "all" ? facetTable(m) : null, serviceTable(m)]);
      return Promise.all([tables, postingsOf(m, scope, core.termsOf(thePlan))]).then(function (got) {
        var facts = factsOf(m, got[0][0], got[0][1]);
        function finish(p, hits) {
          var result = core.narrow(m, hits, facets, facts);
          result.plan = p;
          result.hits = hits;
          result.scope = scope;
          return result;
        }
        return answer(m, thePlan, scope, got[0][1], false).then(function (hits) {
          var first = finish(thePlan, hits);
          var retry = core.plan(query, m);
          if (first.shown.length >= core.FEW || thePlan.near ||
              !retry.concepts.some(function (c) { return c.word && c.word.length >= core.NEAR_MIN_LENGTH; })) {
            return first;
          }
          return answer(m, retry, scope, got[0][1], true).then(function (again) {
            var second = finish(retry, again);
            return second.shown.length > first.shown.length ? second : first;
          });
        });
      });
    }

    function languagesOf(m, thePlan) {
      return thePlan.languages.map(function (code) {
        var lang = m.languages.filter(function (l) { return l[0] === code; })[0];
        return { code: code, name: lang[1], url: lang[3], services: lang[4] };
      });
    }

    // The whole search, with the type and stage facets deciding the scope: a search of
    // services only reads the services' files. Offline, a search of everything falls
    // back to the services (which the service worker keeps) and says so (`missing`).
    function search(query, facets) {
      return manifest().then(function (m) {
        var scope = onlyServices(facets) ? "service" : "all";
        var servicesAllowed = !facets.type.length || facets.type.indexOf("service") >= 0;
        return attempt(m, query, facets, scope).then(function (r) { r.missing = false; return r; }, function (err) {
          if (scope !== "all" || !servicesAllowed) throw err;
          return attempt(m, query, facets, "service").then(function (r) { r.missing = true; return r; });
        }).then(function (r) {
          r.languages = languagesOf(m, r.plan);
          return r;
        });
      });
    }

    // What each hit shows: its row (fetched), kind, stages, and for a service whether it
    // is open now, in the directory's words.
    function describe(m, hits) {
      var size = m.rows.size, files = {};
      hits.forEach(function (h) { files[Math.floor(h.doc / size)] = true; });
      var numbers = Object.keys(files);
      return Promise.all([serviceTable(m), m.facets && hits.some(function (h) { return h.doc < m.services.first; })
        ? facetTable(m) : null].concat(numbers.map(function (n) { return load(fill(m.rows.url, n)); })))
        .then(function (loaded) {
          var services = loaded[0], facets = loaded[1], rows = {};
          numbers.forEach(function (n, k) { rows[n] = loaded[k + 2]; });
          var facts = factsOf(m, facets || { orgs: [], decoded: { org: [], stages: [] } }, services);
          var moment = opening ? opening.momentOf(now()) : null;
          return hits.map(function (hit) {
            var row = rows[Math.floor(hit.doc / size)][hit.doc % size];
            var f = facts(hit.doc);
            var out = {
              doc: hit.doc, kind: m.kinds[f.type[0]][0], title: row[0], url: row[1], organisation: row[2],
              text: row[3], where: row[4], matched: hit.matched, tier: hit.tier, concepts: hit.concepts,
              score: hit.score, stages: f.stage.map(function (s) { return m.stages[s][0]; }),
              areas: f.area.map(function (a) { return m.areas[a][0]; }),
              sector: f.sector.length ? m.sectors[f.sector[0]][0] : "", status: "", open: false
            };
            if (out.kind === "service") {
              var record = services.records[hit.doc - m.services.first];
              out.status = opening ? opening.describe(record, moment) :
                (record.status === "active" ? "" : "Temporarily closed");
              out.open = !!opening && opening.isOpen(record, moment);
            }
            return out;
          });
        });
    }

    // The directory's search box: the services matching every concept of the query (by
    // the words typed, a word of the same meaning or a near spelling), as places in the
    // directory's list (its `listed` order), best first. Like its other filters, a word
    // that matches nothing leaves nothing.
    function services(query) {
      return manifest().then(function (m) {
        return attempt(m, query, core.emptyFacets(), "service").then(function (r) {
          var all = r.plan.concepts.length;
          var order = r.hits.filter(function (h) { return h.concepts === all; })
            .map(function (h) { return h.doc - m.services.first; });
          return { order: order, plan: r.plan };
        });
      });
    }

    return { manifest: manifest, search: search, describe: describe, services: services };
  }

  return { engine: engine, decode: decode, readVlqs: readVlqs, core: core };
}));
