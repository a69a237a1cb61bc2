// Runs the site's search under Node for the Python tests (tests/build/test_search_index.py):
// lunr.js 2.3.9 from node_modules and theme/static/js/search-core.js, on a built site.
//
//   node tests/support/search_node.js SITE < request.json > answer.json
//
// request: {"stem": [words]}                       -> {"stem": [terms]}
//          {"raw": [lunr query strings], "top": n}  -> {"raw": {shard file: {query: [[ref, score]...]}}}
//          {"search": [{"q": ..., "facets": {...}}]} -> {"search": [{"hits": [...], "shards": [...], ...}]}
"use strict";
const fs = require("fs");
const path = require("path");
const ROOT = path.resolve(__dirname, "..", "..");
const lunr = require(path.join(ROOT, "node_modules", "lunr"));
const core = require(path.join(ROOT, "theme", "static", "js", "search-core.js"));

const site = process.argv[2];
const request = JSON.parse(fs.readFileSync(0, "utf8"));
const manifestPath = path.join(site, "search", "manifest.json");
const manifest = fs.existsSync(manifestPath) ? JSON.parse(fs.readFileSync(manifestPath, "utf8")) : null;
const shardData = (n) => JSON.parse(fs.readFileSync(path.join(site, manifest.shards[n].file), "utf8"));
const answer = {};

if (request.stem) answer.stem = request.stem.map((w) => core.termOf(w));

if (request.raw) {
  answer.raw = {};
  manifest.shards.forEach((shard, n) => {
    const index = lunr.Index.load(shardData(n).index);
    const out = {};
    request.raw.forEach((q) => {
      out[q] = index.search(q).slice(0, request.top || 10).map((r) => [r.ref, r.score]);
    });
    answer.raw[shard.file] = out;
  });
}

async function searches() {
  const loaded = {};
  const load = (n) => {
    if (!loaded[n]) {
      const data = shardData(n);
      loaded[n] = Promise.resolve({ index: lunr.Index.load(data.index), docs: data.docs });
    }
    return loaded[n];
  };
  const out = [];
  for (const item of request.search) {
    const facets = Object.assign(core.emptyFacets(), item.facets || {});
    const started = process.hrtime.bigint();
    const result = await core.search(manifest, load, item.q, facets);
    out.push({
      q: item.q,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      total: result.shown.length,
      shards: result.shards.map((n) => manifest.shards[n].file),
      similar: result.plan.similar,
      counts: result.counts,
      hits: result.shown.slice(0, item.top || 10).map((hit) => core.describe(manifest, hit)).map((h) => ({
        url: h.url, kind: h.kind, title: h.title, organisation: h.organisation, score: h.score,
        concepts: h.concepts, tier: h.tier, matched: h.matched, stages: h.stages, areas: h.areas, sector: h.sector,
        highlight: core.highlight(h.title, h.matched).filter((run) => run[1]).map((run) => run[0]),
      })),
    });
  }
  answer.search = out;
}

(request.search ? searches() : Promise.resolve()).then(() => process.stdout.write(JSON.stringify(answer)));
