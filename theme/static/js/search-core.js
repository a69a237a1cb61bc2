// The site's search, the thinking part: how a query becomes terms and concepts, which
// documents match, and in what order a person would want them. No fetching and no page:
// search-index.js loads what this reads, search.js (the search page) and
// search-directory.js (the directory's search box) show what it answers.
//
// These rules stay in step with the build (plugins/c2c_search):
// - `fold` mirrors text.py `fold`, and `termOf` its `term` (lunr's stop words, which the
//   manifest carries, and lunr.js's stemmer, search-stem.js, for English words);
// - a posting's weight is lunr's BM25 weight precomputed by index.py; a document's
//   score is the sum over the query's terms, as lunr.js would add them up.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./search-stem.js"));
  else root.C2CSearchCore = factory(root.C2CStem);
}(typeof self !== "undefined" ? self : this, function (stem) {
  "use strict";

  var MAX_WORDS = 12;  // of a query; the rest is ignored
  var PHRASE_TERMS = 3;  // longest phrase of the glossary or a language's name
  var SYNONYM_BOOST = 0.5;  // a word of the same meaning counts half of the word typed
  var NEAR_BOOST = 0.3;  // a word spelt one letter differently, less
  var PART_BOOST = 0.2;  // one word of a phrase: found, but the phrase is not matched
  var NEAR_MIN_LENGTH = 5;  // near spellings only for words this long
  var NEAR_MAX = 6;  // and at most this many of them, the commonest first
  var FEW = 3;  // fewer results than this: try near spellings of every long word too

  // ---- words -------------------------------------------------------------------------
  var APOSTROPHES = /['\u2018\u2019`]/g;
  var MARKS = /\p{Mn}/gu;
  var NOT_WORD = /[^\p{L}\p{N}\p{Mc}]+/gu;
  var ENGLISH = /^[a-z0-9]+$/;

  // 'Women’s Refuge – Café' -> 'womens refuge cafe' (as text.py `fold`).
  function fold(text) {
    return String(text || "").normalize("NFKD").replace(APOSTROPHES, "").toLowerCase()
      .replace(MARKS, "").replace(NOT_WORD, " ").trim();
  }

  function stopWords(manifest) {
    if (!manifest._stop) {
      manifest._stop = {};
      manifest.stopWords.forEach(function (w) { manifest._stop[w] = true; });
    }
    return manifest._stop;
  }

  // The index term of one folded word, or "" for a stop word (as text.py `term`).
  function termOf(manifest, word) {
    if (stopWords(manifest)[word]) return "";
    return ENGLISH.test(word) ? stem(word) : word;
  }

  // ---- a query as concepts --------------------------------------------------------------
  // Phrases the query may hold, by their terms: a group of the glossary (words of the
  // same need), a client group's name (a need too) or a language's name.
  function phrases(manifest) {
    if (manifest._phrases) return manifest._phrases;
    var table = {};
    function entry(terms) {
      var key = terms.join(" ");
      return table[key] || (table[key] = { group: -1, need: false, language: null });
    }
    manifest.glossary.forEach(function (group, n) {
      group.forEach(function (terms) { var e = entry(terms); e.group = n; e.need = true; });
    });
    manifest.needs.forEach(function (terms) { entry(terms).need = true; });
    manifest.languages.forEach(function (lang) {
      lang[2].forEach(function (terms) { var e = entry(terms); e.language = lang[0]; e.need = true; });
    });
    manifest._phrases = table;
    return table;
  }

  // A query as concepts: a phrase of the tables above, or one word. Each concept has
  // alternatives, lists of terms with a weight: the words typed, and the glossary's
  // other phrases for a phrase of it. A document matches a concept when it has every
  // term of one alternative. A query "reads like a need" when a concept is a need.
  function plan(query, manifest) {
    var words = fold(query).split(" ").filter(Boolean).slice(0, MAX_WORDS);
    var items = [];
    words.forEach(function (w) { var t = termOf(manifest, w); if (t) items.push({ word: w, term: t }); });
    var table = phrases(manifest);
    var concepts = [];
    for (var i = 0; i < items.length;) {
      var n = 1;  // the longest phrase of the tables starting here, else one word
      for (var len = Math.min(PHRASE_TERMS, items.length - i); len > 1 && n === 1; len--) {
        if (table[items.slice(i, i + len).map(function (it) { return it.term; }).join(" ")]) n = len;
      }
      var own = items.slice(i, i + n);
      var terms = own.map(function (it) { return it.term; });
      var known = table[terms.join(" ")] || null;
      var concept = {
        label: own.map(function (it) { return it.word; }).join(" "), word: n === 1 ? own[0].word : "",
        alts: [{ terms: terms, boost: 1, typed: true }], need: !!(known && known.need),
        language: known ? known.language : null
      };
      if (known && known.group >= 0) {
        // The group's other phrases, as one list the build made (search-index.js loads it as "#<group>").
        concept.alts.push({ terms: [], group: known.group, boost: SYNONYM_BOOST, synonym: true });
      }
      // A document with only some words of a phrase is found too, below those with all.
      if (terms.length > 1) {
        terms.forEach(function (t) { concept.alts.push({ terms: [t], boost: PART_BOOST, partial: true }); });
      }
      concepts.push(concept);
      i += n;
    }
    return {
      query: query, concepts: concepts, glossary: manifest.glossary,
      need: concepts.some(function (c) { return c.need; }),
      languages: concepts.map(function (c) { return c.language; }).filter(Boolean),
      near: false
    };
  }

  // Every term a plan needs the postings of, and "#<n>" for glossary group n's list.
  function termsOf(thePlan) {
    var seen = {};
    thePlan.concepts.forEach(function (c) {
      c.alts.forEach(function (a) {
        a.terms.forEach(function (t) { seen[t] = true; });
        if (a.group !== undefined) seen["#" + a.group] = true;
      });
    });
    return Object.keys(seen).sort();
  }

  // ---- near spellings -------------------------------------------------------------------
  function withinOneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1 || a === b) return false;
    var i = 0, j = 0, edits = 0;
    while (i < la && j < lb) {
      if (a.charAt(i) === b.charAt(j)) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (la === lb && i + 1 < la && a.charAt(i) === b.charAt(j + 1) && a.charAt(i + 1) === b.charAt(j)) {
        i += 2; j += 2; continue;  // two letters swapped
      }
      if (la > lb) i++;
      else if (lb > la) j++;
      else { i++; j++; }
    }
    return edits + (la - i) + (lb - j) <= 1;
  }

  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  // Spellings one edit from a word: a letter dropped, two swapped, one changed or added.
  function oneEdit(word) {
    var out = [];
    for (var i = 0; i <= word.length; i++) {
      var head = word.slice(0, i), tail = word.slice(i);
      if (tail) out.push(head + tail.slice(1));
      if (tail.length > 1) out.push(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2));
      for (var l = 0; l < LETTERS.length; l++) {
        out.push(head + LETTERS.charAt(l) + tail);
        if (tail) out.push(head + LETTERS.charAt(l) + tail.slice(1));
      }
    }
    return out;
  }

  // The letters whose vocabularies hold a word's near spellings: those its term and its
  // one-edit spellings' terms can start with (a typo in the first letter is rare; the
  // second letter covers one typed twice or swapped with the first).
  function nearLetters(manifest, word) {
    var letters = {};
    [word, termOf(manifest, word), word.slice(1)].forEach(function (w) { if (w) letters[w.codePointAt(0)] = true; });
    return Object.keys(letters).map(Number);
  }

  // Index terms one edit from a word, or whose word is: the terms of the word's one-edit
  // spellings ("hosptal" -> "hospital" -> "hospit") and terms one edit from the word's
  // own term ("sheltr" -> "shelter"). `docs(term)` says how many documents hold a term
  // (undefined: no such term); the commonest NEAR_MAX first.
  function nearTerms(manifest, word, docs, vocabulary) {
    var own = termOf(manifest, word);
    var found = {};
    function keep(t) { if (t && t !== own && docs(t) !== undefined) found[t] = docs(t); }
    oneEdit(word).forEach(function (w) { keep(termOf(manifest, w)); });
    vocabulary.forEach(function (t) { if (withinOneEdit(t, own)) keep(t); });
    return Object.keys(found).sort(function (a, b) { return (found[b] - found[a]) || (a < b ? -1 : 1); })
      .slice(0, NEAR_MAX);
  }

  // Add near spellings to the plan's one-word concepts in `which` (indexes); a near
  // spelling that is a need ("sheltr" for "shelter") makes the query read like one.
  function addNear(manifest, thePlan, which, near) {
    var table = phrases(manifest);
    which.forEach(function (ci) {
      var c = thePlan.concepts[ci];
      (near[ci] || []).forEach(function (t) {
        if (c.alts.some(function (a) { return a.terms.length === 1 && a.terms[0] === t; })) return;
        c.alts.push({ terms: [t], boost: NEAR_BOOST, near: true });
        thePlan.near = true;
        if (table[t] && table[t].need) c.need = thePlan.need = true;
      });
    });
  }

  function searchable(alt, postings) {
    if (alt.group !== undefined) return !!postings["#" + alt.group];
    return !alt.partial && alt.terms.every(function (t) { return postings[t]; });
  }

  function wantsNear(c, postings, all) {
    if (!c.word || c.word.length < NEAR_MIN_LENGTH) return false;
    return all || !c.alts.some(function (a) { return searchable(a, postings); });
  }

  // ---- matching and ranking ---------------------------------------------------------------
  // `postings[term]` is a decoded list (search-index.js `decode`) or null (no such term).
  // `doc` says what ranking needs of a document: {name: its title is a name (an
  // organisation, commitment or service), service: is a service, open: 2 open now,
  // 1 closed now or not a service, 0 temporarily closed}.
  function lookup(list) {
    if (!list.byDoc) {
      list.byDoc = new Map();
      for (var i = 0; i < list.docs.length; i++) list.byDoc.set(list.docs[i], i);
    }
    return list.byDoc;
  }

  function positionsOf(list, i) { return list.pos.slice(list.posAt[i], list.posAt[i + 1]); }

  // Where the alternative's terms stand one after another: [start, end] spans.
  function spans(lists, idx) {
    var first = positionsOf(lists[0], idx[0]), out = [];
    for (var p = 0; p < first.length; p++) {
      var ok = true;
      for (var k = 1; k < lists.length && ok; k++) ok = positionsOf(lists[k], idx[k]).indexOf(first[p] + k) >= 0;
      if (ok) out.push([first[p], first[p] + lists.length - 1]);
    }
    return out;
  }

  function record(records, doc, count) {
    var rec = records.get(doc);
    if (!rec) {
      rec = { doc: doc, concepts: new Array(count), partial: new Array(count), nameLength: 0, matched: {} };
      records.set(doc, rec);
    }
    return rec;
  }

  // Words of the same meaning: the group's list says which phrase a document holds.
  function matchGroup(thePlan, records, ci, alt, list) {
    var phrases = thePlan.glossary[alt.group];
    for (var i = 0; i < list.docs.length; i++) {
      var rec = record(records, list.docs[i], thePlan.concepts.length);
      var c = rec.concepts[ci] || (rec.concepts[ci] = { score: 0, name: false, typed: false, spans: [] });
      c.score = Math.max(c.score, list.score[i] * alt.boost);
      c.name = c.name || list.inName[i];
      phrases[list.phrase[i]].forEach(function (t) { rec.matched[t] = true; });
    }
  }

  function match(thePlan, postings) {
    var records = new Map();
    var count = thePlan.concepts.length;
    thePlan.concepts.forEach(function (concept, ci) {
      concept.alts.forEach(function (alt) {
        if (alt.group !== undefined) {
          if (postings["#" + alt.group]) matchGroup(thePlan, records, ci, alt, postings["#" + alt.group]);
          return;
        }
        var lists = alt.terms.map(function (t) { return postings[t]; });
        if (lists.some(function (l) { return !l; })) return;
        var others = lists.slice(1).map(lookup);
        var driver = lists[0];
        for (var i = 0; i < driver.docs.length; i++) {
          var doc = driver.docs[i], idx = [i];
          for (var k = 0; k < others.length; k++) {
            var at = others[k].get(doc);
            if (at === undefined) break;
            idx.push(at);
          }
          if (idx.length < lists.length) continue;
          var rec = record(records, doc, count);
          var score = 0, inName = true;
          for (k = 0; k < lists.length; k++) {
            var list = lists[k];
            score += list.score[idx[k]];
            if (list.fields[idx[k]] & 1) rec.nameLength = list.nameLength[idx[k]];
            else inName = false;
            rec.matched[alt.terms[k]] = true;
          }
          if (alt.partial) {
            rec.partial[ci] = Math.max(rec.partial[ci] || 0, score * alt.boost);
            continue;
          }
          var c = rec.concepts[ci] || (rec.concepts[ci] = { score: 0, name: false, typed: false, spans: [] });
          c.score = Math.max(c.score, score * alt.boost);
          c.name = c.name || inName;
          c.typed = c.typed || !alt.synonym;  // the words typed, or their near spellings
          spans(lists, idx).forEach(function (span) {
            span.push(alt.synonym ? 1 : 0);  // a phrase in a name counts as typed (or near), not as a synonym
            c.spans.push(span);
          });
        }
      });
    });
    return records;
  }

  // Does a chain of spans, one per concept in order and each right after the one
  // before, fit in the name ([0, nameLength))? 3: the name is exactly that chain; 2: it
  // holds it, and the chain is a phrase of two words or more; else 0.
  function nameChain(rec, active) {
    var ends = null;  // end position -> {start: a chain to it began at 0, terms: the most terms in one}
    for (var n = 0; n < active.length; n++) {
      var c = rec.concepts[active[n]];
      if (!c) return 0;
      var next = {}, any = false;
      c.spans.forEach(function (s) {
        if (s[1] >= rec.nameLength || s[2]) return;
        var before = n === 0 ? { start: s[0] === 0, terms: 0 } : ends[s[0] - 1];
        if (!before) return;
        var had = next[s[1]], terms = before.terms + s[1] - s[0] + 1;
        next[s[1]] = had ? { start: had.start || before.start, terms: Math.max(had.terms, terms) }
          : { start: before.start, terms: terms };
        any = true;
      });
      if (!any) return 0;
      ends = next;
    }
    var last = ends[rec.nameLength - 1];
    if (last && last.start) return 3;
    return Object.keys(ends).some(function (e) { return ends[e].terms > 1; }) ? 2 : 0;
  }

  function adjacent(rec, active) {
    var pairs = 0;
    for (var n = 0; n + 1 < active.length; n++) {
      var a = rec.concepts[active[n]], b = rec.concepts[active[n + 1]];
      if (!a || !b) continue;
      var ends = {};
      a.spans.forEach(function (s) { ends[s[1]] = true; });
      if (b.spans.some(function (s) { return ends[s[0] - 1]; })) pairs++;
    }
    return pairs;
  }

  // Ranked hits: documents matching more of the query's concepts first; among them,
  // names holding the query exactly or as a phrase of two words or more, as typed
  // (names of organisations, commitments and services; a pledge's "name" is a
  // sentence); then, for a query that reads like a need, services; those matching more
  // concepts in the words typed (not only a word of the same meaning); names holding
  // all the query's words; services temporarily closed after the others, and those open
  // now before those closed now; the query's words next to each other; the score.
  function rank(thePlan, postings, doc) {
    var records = match(thePlan, postings);
    var active = [];
    thePlan.concepts.forEach(function (c, ci) {
      if (c.alts.some(function (a) { return searchable(a, postings); })) active.push(ci);
    });
    var hits = [];
    records.forEach(function (rec) {
      var info = doc(rec.doc);
      var matched = 0, own = 0, score = 0, inName = 0;
      for (var ci = 0; ci < rec.concepts.length; ci++) {
        var c = rec.concepts[ci];
        if (!c) { score += rec.partial[ci] || 0; continue; }
        matched++;
        if (c.typed) own++;
        score += c.score;
        if (c.name) inName++;
      }
      var tier = 0;
      if (info.name && inName === active.length && active.length) {
        tier = Math.max(1, rec.nameLength ? nameChain(rec, active) : 0);
      }
      hits.push({
        doc: rec.doc, concepts: matched, own: own, phrase: tier >= 2 ? tier : 0,
        first: thePlan.need && info.service ? 1 : 0,
        available: info.open > 0 ? 1 : 0, tier: tier, open: info.open, adjacent: adjacent(rec, active),
        score: score, matched: Object.keys(rec.matched).sort()
      });
    });
    hits.sort(function (a, b) {
      return (b.concepts - a.concepts) || (b.phrase - a.phrase) || (b.first - a.first) || (b.own - a.own) ||
        (b.tier - a.tier) || (b.available - a.available) || (b.open - a.open) || (b.adjacent - a.adjacent) ||
        (b.score - a.score) || (a.doc - b.doc);
    });
    return hits;
  }

  // ---- facets ---------------------------------------------------------------------------
  var FACETS = ["type", "stage", "area", "sector"];

  function emptyFacets() { return { type: [], stage: [], area: [], sector: [] }; }

  // Results that pass every facet, and for each facet value how many would pass if that
  // value were chosen with the other facets as they are. `facts(doc)` gives positions
  // in the manifest's tables: {type: [kind], stage: [...], area: [...], sector: [...]}.
  function narrow(manifest, hits, facets, facts) {
    var lists = { type: manifest.kinds, stage: manifest.stages, area: manifest.areas, sector: manifest.sectors };
    var want = {};
    FACETS.forEach(function (f) {
      if (!facets[f].length) return;
      want[f] = {};
      lists[f].forEach(function (entry, i) { if (facets[f].indexOf(entry[0]) >= 0) want[f][i] = true; });
    });
    var tallies = { type: {}, stage: {}, area: {}, sector: {} };
    function tally(facet, values) {
      for (var i = 0; i < values.length; i++) tallies[facet][values[i]] = (tallies[facet][values[i]] || 0) + 1;
    }
    function passes(values, table) {
      for (var i = 0; i < values.length; i++) if (table[values[i]]) return true;
      return false;
    }
    var shown = [];
    hits.forEach(function (hit) {
      var values = facts(hit.doc), failing = null, fails = 0;
      for (var f = 0; f < FACETS.length && fails < 2; f++) {
        if (want[FACETS[f]] && !passes(values[FACETS[f]], want[FACETS[f]])) { failing = FACETS[f]; fails++; }
      }
      if (fails === 0) {
        shown.push(hit);
        FACETS.forEach(function (facet) { tally(facet, values[facet]); });
      } else if (fails === 1) {
        tally(failing, values[failing]);  // it would pass if a value of this facet were chosen
      }
    });
    var counts = {};
    FACETS.forEach(function (facet) {
      counts[facet] = {};
      Object.keys(tallies[facet]).forEach(function (i) { counts[facet][lists[facet][i][0]] = tallies[facet][i]; });
    });
    return { shown: shown, counts: counts };
  }

  // ---- showing ----------------------------------------------------------------------------
  // A text cut into [piece, highlighted] runs: a word is highlighted when its index term
  // is one the result matched, so "discharged" lights up for a search for "discharge".
  function highlight(manifest, text, matched) {
    var wanted = {};
    (matched || []).forEach(function (t) { wanted[t] = true; });
    var runs = [];
    String(text).split(/([\p{L}\p{N}\p{M}'\u2019]+)/u).forEach(function (piece, n) {
      if (!piece) return;
      var hit = n % 2 === 1 && fold(piece).split(" ").some(function (w) { return w && wanted[termOf(manifest, w)]; });
      var last = runs[runs.length - 1];
      if (last && last[1] === hit) last[0] += piece;
      else runs.push([piece, hit]);
    });
    return runs;
  }

  return {
    fold: fold, termOf: termOf, plan: plan, termsOf: termsOf, withinOneEdit: withinOneEdit,
    nearLetters: nearLetters, nearTerms: nearTerms, addNear: addNear, wantsNear: wantsNear, rank: rank,
    narrow: narrow, highlight: highlight, emptyFacets: emptyFacets, FACETS: FACETS, FEW: FEW,
    NEAR_MIN_LENGTH: NEAR_MIN_LENGTH
  };
}));
