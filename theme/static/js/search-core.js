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

  // Index terms one edit (a letter added, dropped, changed or two swapped) from a word:
  // the terms of the word's one-edit spellings ("hosptal" -> "hospital" -> "hospit"),
  // and terms one edit from the word's own term ("sheltr" -> "shelter"). Sorted.
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  function similarTerms(manifest, word) {
    var own = termOf(word);
    var found = {};
    function keep(t) { if (t && t !== own && manifest.terms[t] !== undefined) found[t] = true; }
    for (var i = 0; i <= word.length; i++) {
      var head = word.slice(0, i), tail = word.slice(i);
      if (tail) keep(termOf(head + tail.slice(1)));
      if (tail.length > 1) keep(termOf(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2)));
      for (var l = 0; l < LETTERS.length; l++) {
        keep(termOf(head + LETTERS.charAt(l) + tail));
        if (tail) keep(termOf(head + LETTERS.charAt(l) + tail.slice(1)));
      }
    }
    Object.keys(manifest.terms).forEach(function (t) { if (withinOneEdit(t, own)) keep(t); });
    return Object.keys(found).sort();
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
      var ownTerms = own.map(function (it) { return it.term; });
      var knownTerms = ownTerms.filter(known);
      // A phrase with a word no document has is still searched for its other words,
      // but a document with only those does not match the phrase.
      if (knownTerms.length) concept.alts.push({ terms: knownTerms, boost: 1, partial: knownTerms.length < ownTerms.length });
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
      similarTerms(manifest, c.word).forEach(function (t) {
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

  // How many concepts a document matches, how many of them in the words typed, and
  // how many of those in its name (lunr's match data says in which field each term
  // matched: "t" is the name). Plain loops: this runs for every hit.
  function allIn(terms, matched, field) {
    for (var i = 0; i < terms.length; i++) {
      var m = matched[terms[i]];
      if (!m || (field && !m[field])) return false;
    }
    return true;
  }

  function conceptsMatched(thePlan, matched) {
    var any = 0, own = 0, named = 0;
    for (var c = 0; c < thePlan.concepts.length; c++) {
      var alts = thePlan.concepts[c].alts, hit = false, typed = false, inName = false;
      for (var a = 0; a < alts.length; a++) {
        var alt = alts[a];
        if (alt.partial || !allIn(alt.terms, matched)) continue;
        hit = true;
        if (alt.boost === 1) {
          typed = true;
          if (!inName && allIn(alt.terms, matched, "t")) inName = true;
        }
      }
      if (hit) any++;
      if (typed) own++;
      if (inName) named++;
    }
    return { any: any, own: own, named: named };
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
    for (var i = 0; i < found.length; i++) found[i].score *= scale;
    return found;
  }

  // Where a document's facet values are: a row of a shard's side table holds
  // [title, url, organisation, stages, text] and, for a service, [areas, where, sector];
  // other documents share their organisation's areas and sector (manifest.orgs).
  function orgOf(manifest, row) { return typeof row[2] === "number" ? manifest.orgs[row[2]] : null; }
  function areasOf(manifest, kind, row) {
    if (kind === "service") return row[5];
    var org = orgOf(manifest, row);
    return org ? org[3] : [];
  }
  function sectorOf(manifest, kind, row) {
    if (kind === "service") return row[7];
    var org = orgOf(manifest, row);
    return org ? org[2] : -1;
  }

  // A result as the page shows it.
  function describe(manifest, hit) {
    var row = hit.row, kind = hit.kind, org = orgOf(manifest, row), sector = sectorOf(manifest, kind, row);
    return {
      kind: kind,
      title: row[0],
      url: row[1],
      organisation: org ? org[0] : (row[2] || ""),
      stages: row[3].map(function (s) { return manifest.stages[s][0]; }),
      text: row[4] || "",
      areas: areasOf(manifest, kind, row).map(function (a) { return manifest.areas[a][0]; }),
      where: kind === "service" ? row[6] : (org ? org[4] : ""),
      sector: sector >= 0 ? manifest.sectors[sector][0] : "",
      matched: Object.keys(hit.matched).sort(), score: hit.score, concepts: hit.concepts, own: hit.own,
      tier: hit.tier
    };
  }

  // Ranked hits from every loaded shard: exact name first, then names with all the
  // words typed, then those that match more of the query's concepts, then more of them in the words typed (not a synonym or a
  // near spelling), then by score; ties in shard and row order. Kept lean (thousands
  // of hits on a large registry): `describe` makes the full result for those shown.
  function rank(manifest, thePlan, loaded) {
    var hits = [];
    var total = thePlan.concepts.length;
    var phrase = thePlan.phrase;
    loaded.forEach(function (entry) {
      var kind = manifest.shards[entry.n].kind;
      var found = queryShard(entry.index, thePlan, entry.n, manifest);
      for (var i = 0; i < found.length; i++) {
        var r = found[i];
        var matched = r.matchData.metadata;
        var counted = conceptsMatched(thePlan, matched);
        var position = parseInt(r.ref, 36);
        var row = entry.docs[position];
        // 2: its name is the query; 1: its name has every word (or phrase) typed
        var tier = 0;
        if (counted.named === total) {
          tier = row[0].length <= 2 * phrase.length + 8 && fold(row[0]) === phrase ? 2 : 1;
        }
        hits.push({
          kind: kind, row: row, score: r.score, concepts: counted.any, own: counted.own, tier: tier,
          group: tier * 10000 + counted.any * 100 + counted.own,
          matched: matched, shard: entry.n, position: position
        });
      }
    });
    hits.sort(function (a, b) {
      return (b.group - a.group) || (b.score - a.score) || (a.shard - b.shard) || (a.position - b.position);
    });
    return hits;
  }

  var FACETS = ["type", "stage", "area", "sector"];

  // Facet choices as look-up tables over the manifest's positions (null: no choice).
  function chosen(manifest, facets) {
    function table(list, values) {
      if (!values.length) return null;
      var out = {};
      list.forEach(function (entry, i) { if (values.indexOf(entry[0]) >= 0) out[i] = true; });
      return out;
    }
    return { type: table(manifest.kinds, facets.type), stage: table(manifest.stages, facets.stage),
             area: table(manifest.areas, facets.area), sector: table(manifest.sectors, facets.sector) };
  }

  function anyIn(values, table) {
    for (var i = 0; i < values.length; i++) if (table[values[i]]) return true;
    return false;
  }

  // Results that pass every facet, and for each facet value how many would pass if
  // that value were chosen with the other facets as they are.
  function narrow(manifest, hits, facets) {
    var want = chosen(manifest, facets);
    var kindIndex = {};
    manifest.kinds.forEach(function (k, i) { kindIndex[k[0]] = i; });
    var tallies = { type: [], stage: [], area: [], sector: [] };
    var shown = [];
    var NONE = [], oneSector = [0];
    var values = { type: [0], stage: NONE, area: NONE, sector: NONE };
    function tally(facet) {
      var list = values[facet], into = tallies[facet];
      for (var i = 0; i < list.length; i++) into[list[i]] = (into[list[i]] || 0) + 1;
    }
    for (var h = 0; h < hits.length; h++) {
      var hit = hits[h], row = hit.row, sector = sectorOf(manifest, hit.kind, row);
      values.type[0] = kindIndex[hit.kind];
      values.stage = row[3];
      values.area = areasOf(manifest, hit.kind, row);
      oneSector[0] = sector;
      values.sector = sector >= 0 ? oneSector : NONE;
      var failing = null, fails = 0;
      for (var f = 0; f < FACETS.length && fails < 2; f++) {
        var facet = FACETS[f];
        if (want[facet] && !anyIn(values[facet], want[facet])) { failing = facet; fails++; }
      }
      if (fails === 0) {
        shown.push(hit);
        for (var g = 0; g < FACETS.length; g++) tally(FACETS[g]);
      } else if (fails === 1) {
        tally(failing);  // it would pass if a value of this facet were chosen
      }
    }
    var lists = { type: manifest.kinds, stage: manifest.stages, area: manifest.areas, sector: manifest.sectors };
    var counts = {};
    FACETS.forEach(function (facet) {
      counts[facet] = {};
      tallies[facet].forEach(function (n, i) { if (n) counts[facet][lists[facet][i][0]] = n; });
    });
    return { shown: shown, counts: counts };
  }

  // The whole search. `load(n)` resolves to {index: lunr.Index, docs: rows} for shard n
  // (or rejects: offline, say). Resolves to {plan, hits, shown, counts, missing, shards};
  // `describe(manifest, hit)` turns one of `shown` into what a result shows.
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
        var result = narrow(manifest, hits, facets);
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
    shardsOfMask: shardsOfMask, rank: rank, narrow: narrow, search: search, describe: describe, highlight: highlight,
    emptyFacets: emptyFacets, FACETS: FACETS
  };
}));
