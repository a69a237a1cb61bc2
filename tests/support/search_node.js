// Runs the site's search engine under Node for the Python tests (tests/build/test_search_index.py):
// theme/static/js/search-index.js, search-core.js and search-stem.js on a built site's
// files, read from disk as the browser would fetch them. lunr.js (node_modules) is here
// only to check the stemmer against it.
//
//   node tests/js/search_node.js SITE < request.json > answer.json
//
// request: {"stem": [words]}          -> {"stem": [our terms], "lunr": [lunr.js's terms]}
//          {"fold": [texts]}          -> {"fold": [folded]}
//          {"decode": [term...], "scope": "all"} -> {"decode": {term: [[doc, fields, score, nameLength, positions]...]}}
//          {"search": [{"q": ..., "facets": {...}, "top": n}], "fresh": true}
//                                      -> {"search": [{"total", "hits": [...], "fetched": [urls], ...}]}
//          {"services": [queries]}    -> {"services": [{"q", "order": [places in the directory's list]}]}
"use strict";
const fs = require("fs");
const path = require("path");
const ROOT = path.resolve(__dirname, "..", "..");
const JS = path.join(ROOT, "theme", "static", "js");
const search = require(path.join(JS, "search-index.js"));
const core = require(path.join(JS, "search-core.js"));

const site = process.argv[2];
const request = JSON.parse(fs.readFileSync(0, "utf8"));
const answer = {};
let fetched = [];

function fetchJSON(url) {
  fetched.push(url);
  return new Promise((resolve, reject) => {
    fs.readFile(path.join(site, url), "utf8", (err, text) => (err ? reject(err) : resolve(JSON.parse(text))));
  });
}

const newEngine = () => search.engine({ manifestUrl: "search/manifest.json", siteRoot: "", fetchJSON });
const manifest = JSON.parse(fs.readFileSync(path.join(site, "search", "manifest.json"), "utf8"));

if (request.stem) {
  const lunr = require(path.join(ROOT, "node_modules", "lunr"));
  answer.stem = request.stem.map((w) => core.termOf(manifest, w));
  answer.lunr = request.stem.map((w) => {
    const token = lunr.stopWordFilter(new lunr.Token(w, {}));
    return token ? lunr.stemmer(token).toString() : "";
  });
}

if (request.fold) answer.fold = request.fold.map(core.fold);

async function decodeTerms() {
  const engine = newEngine();
  const scope = manifest.scopes[request.scope || "all"];
  const out = {};
  for (const t of request.decode) {
    let n = scope.starts.length - 1;
    while (n > 0 && scope.starts[n] > t) n--;
    const data = await fetchJSON(scope.url.replace("{n}", n));
    const at = data.terms.indexOf(t);
    const list = search.decode(data.postings[at], data.idf[at], manifest.weights);
    out[t] = list.docs.map((doc, i) => [doc, list.fields[i], list.score[i], list.nameLength[i],
      list.pos.slice(list.posAt[i], list.posAt[i + 1])]);
  }
  void engine;
  answer.decode = out;
}

async function searches() {
  let engine = newEngine();
  const out = [];
  for (const item of request.search) {
    if (request.fresh) engine = newEngine();
    fetched = [];
    const facets = Object.assign(core.emptyFacets(), item.facets || {});
    const started = process.hrtime.bigint();
    const m = await engine.manifest();
    const result = await engine.search(item.q, facets);
    const shown = await engine.describe(m, result.shown.slice(0, item.top || 10));
    out.push({
      q: item.q,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      total: result.shown.length,
      scope: result.scope,
      missing: result.missing,
      fetched: fetched.slice(),
      near: result.plan.concepts.flatMap((c) => c.alts.filter((a) => a.near).map((a) => a.terms[0])),
      synonyms: result.plan.concepts.flatMap((c) => c.alts.filter((a) => a.synonym)
        .flatMap((a) => m.glossary[a.group].map((p) => p.join(" ")))),
      need: result.plan.need,
      languages: result.languages,
      counts: result.counts,
      hits: shown.map((h) => Object.assign(h, {
        highlight: core.highlight(m, h.title, h.matched).filter((run) => run[1]).map((run) => run[0]),
      })),
    });
  }
  answer.search = out;
}

async function services() {
  const engine = newEngine();
  answer.services = [];
  for (const q of request.services) {
    fetched = [];
    const result = await engine.services(q);
    answer.services.push({ q, order: result.order, fetched: fetched.slice() });
  }
}

(async () => {
  if (request.decode) await decodeTerms();
  if (request.search) await searches();
  if (request.services) await services();
  process.stdout.write(JSON.stringify(answer));
})().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });
