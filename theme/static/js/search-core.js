// The site's search, without the page: how a query becomes lunr terms, which shards it
// needs, how results from several shards are ranked, filtered by facets and counted,
// and which words of a result to highlight. search.js draws the page with it; the tests
// run it under Node against the built index (tests/search_node.js).
//
// The index was built by the `lunr` Python package (plugins/c2c_search); these rules
// must stay in step with it:
// - `fold` mirrors plugins/c2c_search/text.py `fold` (both sides index and search the
//   same plain words);
// - terms go through lunr's stop-word filter and stemmer, as the builder's did;
// - the manifest's `terms` map says which shards hold a term (a hex bit mask), so a
//   query fetches only those shards.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("lunr"));
  else root.C2CSearch = factory(root.lunr);
}(typeof self !== "undefined" ? self : this, function (lunr) {
  "use strict";

  var MAX_WORDS = 12;  // of a query; the rest is ignored
  var PHRASE_WORDS = 3;  // longest phrase of the synonyms glossary
  var SYNONYM_BOOST = 0.5;  // a word of the same meaning counts half of the word typed
  var FUZZY_BOOST = 0.3;  // a word spelt one letter differently, less
  var FUZZY_MIN_LENGTH = 5;  // typo tolerance only for words this long
  var FEW = 3;  // fewer results than this: try words spelt one letter differently too

  // 'Women’s Refuge – Café' -> 'womens refuge cafe' (as text.py `fold`).
  function fold(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/['\u2018\u2019`]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  // The index term of one folded word, or "" for a stop word (lunr's own pipeline).
  function termOf(word) {
    var token = new lunr.Token(word, {});
    if (!lunr.stopWordFilter(lunr.trimmer(token))) return "";
    return lunr.stemmer(token).toString();
  }

  function withinOneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1 || a === b) return false;
    var i = 0, j = 0, edits = 0;
    while (i < la && j < lb) {
      if (a.charAt(i) === b.charAt(j)) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (la > lb) i++;
      else if (lb > la) j++;
      else { i++; j++; }
    }
    return edits + (la - i) + (lb - j) <= 1;
  }

  // Dictionary terms one edit away from a word or its term (sorted, for stable output).
  function similarTerms(manifest, word, term) {
    var found = [];
    Object.keys(manifest.terms).forEach(function (t) {
      if (withinOneEdit(t, term) || withinOneEdit(t, word)) found.push(t);
    });
    return found.sort();
  }

  // A query as concepts: a phrase of the glossary or one word. A concept has
  // alternatives, each a list of index terms with a weight: the words typed, the
  // glossary's other phrases for a phrase, near spellings of a word (when `fuzzy`, or
  // when the word is in no document). A document matches a concept when it has every
  // term of one alternative.
  function plan(query, manifest, fuzzy) {
    var words = fold(query).split(" ").filter(Boolean).slice(0, MAX_WORDS);
    var items = words.map(function (w) { return { word: w, term: termOf(w) }; })
      .filter(function (it) { return it.term; });
    var phrases = phraseTable(manifest);
    var known = function (t) { return manifest.terms[t] !== undefined; };
    var concepts = [];
    for (var i = 0; i < items.length;) {
      var matched = null;
      for (var n = Math.min(PHRASE_WORDS, items.length - i); n > 0 && !matched; n--) {
        var key = items.slice(i, i + n).map(function (it) { return it.term; }).join(" ");
        if (phrases[key] !== undefined) matched = { n: n, group: phrases[key], key: key };
      }
      var n0 = matched ? matched.n : 1;
      var own = items.slice(i, i + n0);
      var concept = { label: own.map(function (it) { return it.word; }).join(" "),
                      word: n0 === 1 ? own[0].word : "", alts: [] };
      var ownTerms = own.map(function (it) { return it.term; }).filter(known);
      if (ownTerms.length) concept.alts.push({ terms: ownTerms, boost: 1 });
      if (matched) {
        manifest.synonyms[matched.group].forEach(function (alt) {
          if (alt.join(" ") !== matched.key && alt.length && alt.every(known)) {
            concept.alts.push({ terms: alt, boost: SYNONYM_BOOST, synonym: alt.join(" ") });
          }
        });
      }
      concepts.push(concept);
      i += n0;
    }
    var similar = [];
    concepts.forEach(function (c) {
      if (!(c.word && c.word.length >= FUZZY_MIN_LENGTH && (fuzzy || !c.alts.length))) return;
      similarTerms(manifest, c.word, termOf(c.word)).forEach(function (t) {
        if (c.alts.some(function (a) { return a.terms.length === 1 && a.terms[0] === t; })) return;
        c.alts.push({ terms: [t], boost: FUZZY_BOOST, similar: t });
        similar.push(t);
      });
    });
    // One entry per term, at its highest weight: lunr adds up repeated terms.
    var weights = {};
    concepts.forEach(function (c) {
      c.alts.forEach(function (a) {
        a.terms.forEach(function (t) { weights[t] = Math.max(weights[t] || 0, a.boost); });
      });
    });
    return { query: query, phrase: words.join(" "), concepts: concepts, weights: weights,
             similar: similar, fuzzy: !!fuzzy };
  }

  function conceptsMatched(thePlan, matched) {
    return thePlan.concepts.filter(function (c) {
      return c.alts.some(function (a) { return a.terms.every(function (t) { return matched[t]; }); });
    }).length;
  }

  function phraseTable(manifest) {
    if (!manifest._phrases) {
      var table = {};
      manifest.synonyms.forEach(function (group, n) {
        group.forEach(function (phrase) { if (phrase.length) table[phrase.join(" ")] = n; });
      });
      manifest._phrases = table;
    }
    return manifest._phrases;
  }

  function shardsOfMask(hex) {
    var out = [];
    for (var i = 0; i < hex.length; i++) {
      var digit = parseInt(hex.charAt(hex.length - 1 - i), 16);
      for (var b = 0; b < 4; b++) if (digit & (1 << b)) out.push(i * 4 + b);
    }
    return out;
  }

  // The shards that hold any term of the plan, among those the type and stage facets allow.
  function shardsFor(thePlan, manifest, facets) {
    var wanted = {};
    Object.keys(thePlan.weights).forEach(function (term) {
      shardsOfMask(manifest.terms[term]).forEach(function (n) { wanted[n] = true; });
    });
    return Object.keys(wanted).map(Number).sort(function (a, b) { return a - b; })
      .filter(function (n) { return shardAllowed(manifest.shards[n], manifest, facets); });
  }

  function shardAllowed(shard, manifest, facets) {
    if (facets.type.length && facets.type.indexOf(shard.kind) < 0) return false;
    if (!facets.stage.length) return true;
    return shard.stages.some(function (s) { return facets.stage.indexOf(manifest.stages[s][0]) >= 0; });
  }

  // lunr's matches in one shard. Its scores divide by the size of the query vector,
  // which holds only the terms this shard has: rescaled here to the whole query's size,
  // so scores from different shards compare (the weights share the collection's idf).
  function queryShard(index, thePlan, n, manifest) {
    var terms = Object.keys(thePlan.weights).sort();
    var all = 0, here = 0;
    terms.forEach(function (t) {
      var w = thePlan.weights[t] * thePlan.weights[t];
      all += w;
      if (shardsOfMask(manifest.terms[t]).indexOf(n) >= 0) here += w;
    });
    var scale = all ? Math.sqrt(here / all) : 0;
    var found = index.query(function (q) {
      terms.forEach(function (t) {
        q.term(t, { usePipeline: false, boost: thePlan.weights[t], presence: lunr.Query.presence.OPTIONAL });
      });
    });
    return found.map(function (r) { return { ref: r.ref, score: r.score * scale, terms: Object.keys(r.matchData.metadata) }; });
  }

  function refPosition(ref) { return parseInt(ref, 36); }

  // A result as the page shows it, from a shard's side-table row.
  function describe(manifest, shard, row) {
    var org = typeof row[2] === "number" ? manifest.orgs[row[2]] : null;
    var service = shard.kind === "service";
    return {
      kind: shard.kind,
      title: row[0],
      url: row[1],
      organisation: org ? org[0] : (row[2] || ""),
      stages: row[3].map(function (s) { return manifest.stages[s][0]; }),
      text: row[4] || "",
      areas: service ? row[5].map(function (a) { return manifest.areas[a][0]; })
        : (org ? org[3].map(function (a) { return manifest.areas[a][0]; }) : []),
      where: service ? row[6] : (org ? org[4] : ""),
      sector: (function (s) { return s >= 0 ? manifest.sectors[s][0] : ""; })(service ? row[7] : (org ? org[2] : -1))
    };
  }

  function titleTier(title, phrase) {
    if (!phrase) return 0;
    var t = fold(title);
    if (t === phrase) return 2;
    return (" " + t + " ").indexOf(" " + phrase + " ") >= 0 ? 1 : 0;
  }

  // Ranked hits from every loaded shard: exact name first, then those that match more
  // of the query's concepts, then by score; ties in shard and row order.
  function rank(manifest, thePlan, loaded) {
    var hits = [];
    loaded.forEach(function (entry) {
      var shard = manifest.shards[entry.n];
      queryShard(entry.index, thePlan, entry.n, manifest).forEach(function (r) {
        var position = refPosition(r.ref);
        var doc = describe(manifest, shard, entry.docs[position]);
        var matched = {};
        r.terms.forEach(function (t) { matched[t] = true; });
        doc.matched = r.terms.slice().sort();
        doc.concepts = conceptsMatched(thePlan, matched);
        doc.tier = titleTier(doc.title, thePlan.phrase);
        doc.score = r.score;
        doc.order = [entry.n, position];
        hits.push(doc);
      });
    });
    hits.sort(function (a, b) {
      return (b.tier - a.tier) || (b.concepts - a.concepts) || (b.score - a.score) ||
        (a.order[0] - b.order[0]) || (a.order[1] - b.order[1]);
    });
    return hits;
  }

  var FACETS = ["type", "stage", "area", "sector"];

  function matchesFacet(hit, facet, values) {
    if (!values.length) return true;
    if (facet === "type") return values.indexOf(hit.kind) >= 0;
    if (facet === "sector") return values.indexOf(hit.sector) >= 0;
    var have = facet === "stage" ? hit.stages : hit.areas;
    return have.some(function (v) { return values.indexOf(v) >= 0; });
  }

  // Results that pass every facet, and for each facet value how many would pass if
  // that value were chosen with the other facets as they are.
  function narrow(hits, facets) {
    var shown = hits.filter(function (h) {
      return FACETS.every(function (f) { return matchesFacet(h, f, facets[f]); });
    });
    var counts = {};
    FACETS.forEach(function (f) {
      counts[f] = {};
      hits.forEach(function (h) {
        if (!FACETS.every(function (g) { return g === f || matchesFacet(h, g, facets[g]); })) return;
        var values = f === "type" ? [h.kind] : f === "sector" ? (h.sector ? [h.sector] : [])
          : f === "stage" ? h.stages : h.areas;
        values.forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
      });
    });
    return { shown: shown, counts: counts };
  }

  // The whole search. `load(n)` resolves to {index: lunr.Index, docs: rows} for shard n
  // (or rejects: offline, say). Resolves to {plan, hits, shown, counts, missing, shards}.
  function search(manifest, load, query, facets) {
    function attempt(fuzzy) {
      var thePlan = plan(query, manifest, fuzzy);
      var wanted = shardsFor(thePlan, manifest, facets);
      return Promise.all(wanted.map(function (n) {
        return load(n).then(function (s) { return { n: n, index: s.index, docs: s.docs }; },
                            function () { return null; });
      })).then(function (loaded) {
        var ok = loaded.filter(Boolean);
        var hits = rank(manifest, thePlan, ok);
        var result = narrow(hits, facets);
        result.plan = thePlan;
        result.hits = hits;
        result.shards = wanted;
        result.missing = loaded.length - ok.length;
        return result;
      });
    }
    return attempt(false).then(function (first) {
      var canRetry = first.plan.concepts.some(function (c) { return c.word && c.word.length >= FUZZY_MIN_LENGTH; });
      if (first.shown.length >= FEW || !canRetry) return first;
      return attempt(true).then(function (second) {
        return second.shown.length > first.shown.length ? second : first;
      });
    });
  }

  // A text cut into [piece, highlighted] runs: a word is highlighted when its index
  // term is one the result matched (lunr's match data), so "discharged" lights up for
  // a search for "discharge".
  function highlight(text, matched) {
    var wanted = {};
    (matched || []).forEach(function (t) { wanted[t] = true; });
    var runs = [];
    String(text).split(/([\p{L}\p{N}'\u2019]+)/u).forEach(function (piece, n) {
      var hit = n % 2 === 1 && fold(piece).split(" ").some(function (w) { return w && wanted[termOf(w)]; });
      var last = runs[runs.length - 1];
      if (!piece) return;
      if (last && last[1] === hit) last[0] += piece;
      else runs.push([piece, hit]);
    });
    return runs;
  }

  function emptyFacets() { return { type: [], stage: [], area: [], sector: [] }; }

  return {
    fold: fold, termOf: termOf, withinOneEdit: withinOneEdit, plan: plan, shardsFor: shardsFor,
    shardsOfMask: shardsOfMask, rank: rank, narrow: narrow, search: search, highlight: highlight,
    emptyFacets: emptyFacets, FACETS: FACETS
  };
}));
