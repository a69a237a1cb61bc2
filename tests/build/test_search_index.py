"""The search index as built: what it holds, where its results lead, that lunr.js reads
lunr.py's index the same way, and that realistic queries find what a person expects.

Queries run under Node with lunr.js 2.3.9 and the page's own search-core.js on the
built sample site (no browser needed); tests/browser/test_search_page.py drives the page.
"""

from __future__ import annotations

import json
import re

import pytest
from lunr.index import Index

from c2c_registry.load.registry import load_registry
from c2c_registry.settings import check_settings
from c2c_registry.urls import Urls
from c2c_search.bundle import plan_shards, search_files
from c2c_search.index import terms
from c2c_search.synonyms import GlossaryError, check_glossary, load_glossary
from c2c_search.text import fold
from c2c_views import build_views
from c2c_views.search import KINDS, search_documents

from support.page_kinds import ids_in, resolve
from support.project import ROOT
from support.search_node import manifest, node, search, shard_files


@pytest.fixture(scope="module")
def views():
    registry, problems = load_registry(ROOT / "content")
    assert not problems
    settings = {"C2C_BUILD_DATE": "2026-11-23", "SITEURL": ""}
    check_settings(settings)
    return build_views(registry, settings)


# -- documents ---------------------------------------------------------------------------

def test_every_kind_of_item_is_a_document_and_each_leads_to_its_place(site):
    """Each result's address is a page of the build, and its #fragment an id on that page:
    pledges, actions and discussion points on their commitment's page."""
    kinds, broken = set(), []
    for path in shard_files(site):
        for row in json.loads(path.read_text("utf-8"))["docs"]:
            target, fragment = resolve(site, "/", "/" + row[1])
            if target is None or (fragment and fragment not in ids_in(target)):
                broken.append(row[1])
        kinds.add(path.name.split("-")[0])
    assert broken == []
    assert kinds == {k for k, _, _ in KINDS}


def test_documents_hold_lean_text_and_facet_membership_from_the_views(views):
    docs = search_documents(views)
    assert {d.kind for d in docs} == {k for k, _, _ in KINDS}
    assert len(docs) == (len(views.organisations) + len(views.commitments) + len(views.register.everything.pledges)
                         + len(views.register.everything.actions) + len(views.register.everything.discussion)
                         + len(views.directory.listed))
    assert all(len(d.text.split()) <= 31 for d in docs)  # 30 words and an ellipsis at most
    regional = next(d for d in docs if d.kind == "organisation" and d.org == "connectway-bus-company")
    assert regional.areas == tuple(views.vocab["areas"])  # region-wide: in every area's facet
    assert regional.where == "West Midlands (region-wide)"
    discussion = next(d for d in docs if d.kind == "discussion")
    assert re.fullmatch(r"pledges/[a-z0-9-]+/#discussion-\d+", discussion.url)
    closed = {v.slug for v in views.directory.closed}
    assert not [d for d in docs if d.kind == "service" and d.url.split("/")[-2] in closed]


def test_discussion_points_have_their_own_address():
    registry, _ = load_registry(ROOT / "content")
    urls = Urls()
    commitment = next(c for c in registry.commitments.values() if len(c.discussion) > 1)
    second = commitment.discussion[1]
    assert urls.record(second) == f"pledges/{commitment.slug}/#discussion-2"


# -- shards and manifest -----------------------------------------------------------------

def test_large_kinds_are_split_by_stage_into_bounded_shards(views):
    docs = search_documents(views)
    shards = plan_shards(docs, max_docs=10)
    assert sorted(id(d) for s in shards for d in s.docs) == sorted(id(d) for d in docs)  # each once
    assert all(0 < len(s.docs) <= 10 for s in shards)
    pledge_keys = {s.key for s in shards if s.kind == "pledge"}
    assert pledge_keys <= set(views.vocab["stages"]) and len(pledge_keys) > 1
    assert {s.key for s in shards if s.kind == "organisation"} == {"all"}
    assert [s.kind for s in plan_shards(docs)] == [k for k, _, _ in KINDS]  # small: one shard a kind


def test_manifest_names_every_shard_and_the_shards_of_every_term(site):
    m = manifest(site)
    assert {p.name for p in (site / "search").glob("*.json")} == {"manifest.json", *(f.name for f in shard_files(site))}
    for n, path in enumerate(shard_files(site)):
        data = json.loads(path.read_text("utf-8"))
        assert data["index"]["version"] == "2.3.9"
        for term, _ in data["index"]["invertedIndex"]:
            assert int(m["terms"][term], 16) >> n & 1, term
    assert m["offline"][:2] == ["search/", "search/manifest.json"]
    assert all(f.startswith("search/service-") for f in m["offline"][2:])


def test_split_index_ranks_as_one_index_would(views, tmp_path):
    """Shards share the whole collection's statistics and search-core rescales each
    shard's scores, so cutting the index finer changes no result or score."""
    args = (search_documents(views), _vocabulary(views), load_glossary(), views.urls)
    for name, max_docs in (("one", 100_000), ("many", 7)):
        for url, body in search_files(*args, max_docs=max_docs).items():
            path = tmp_path / name / url
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
    assert len(manifest(tmp_path / "many")["shards"]) > 40
    queries = ["hospital discharge", "night shelter coventry", "debt advice", "young people"]
    one, many = (search(tmp_path / name, *queries, top=10_000) for name in ("one", "many"))
    for a, b in zip(one, many, strict=True):
        assert a["total"] == b["total"] > 0
        ranks = {h["url"]: (h["tier"], h["concepts"]) for h in a["hits"]}
        assert {h["url"]: (h["tier"], h["concepts"]) for h in b["hits"]} == ranks
        scores = {h["url"]: h["score"] for h in a["hits"]}
        split = {h["url"]: h["score"] for h in b["hits"]}
        assert split == pytest.approx(scores, abs=2e-3), a["q"]  # weights are rounded to 0.001


def _vocabulary(views):
    from c2c_search.bundle import Vocabulary
    return Vocabulary(*([(t.id, t.name) for t in views.vocab[n].values()] for n in ("stages", "areas", "sectors")))


# -- the same index, the same answers in Python and in JavaScript -----------------------

RAW_QUERIES = ["hospital discharge", "night shelter", "care leavers", "debt", "young people coventry",
               "sheltr~1", "t:food", "+tenancy +support", "housing -advice", "disch*", "prison^5 release"]


def test_lunr_js_returns_what_lunr_py_returns_from_the_same_index(site):
    """Every shard, loaded by lunr.py and by lunr.js 2.3.9, answers a fixed set of lunr
    queries (fuzzy, wildcard, field, presence and boost syntax included) with the same
    top documents and scores."""
    answer = node(site, {"raw": RAW_QUERIES, "top": 100_000})["raw"]
    compared = 0
    for path in shard_files(site):
        index = Index.load(json.loads(path.read_text("utf-8"))["index"])
        for q in RAW_QUERIES:
            python = {r["ref"]: r["score"] for r in index.search(q)}
            js = dict(answer[f"search/{path.name}"][q])
            assert js == pytest.approx(python, rel=1e-9), (path.name, q)
            top = sorted(python, key=lambda ref: (-round(python[ref], 9), ref))[:10]
            assert top == sorted(js, key=lambda ref: (-round(js[ref], 9), ref))[:10], (path.name, q)
            compared += len(python)
    assert compared > 300


def test_both_sides_fold_and_stem_every_word_alike(site, views):
    """lunr.py built the index, lunr.js stems the queries: for every word of the sample
    content (and some awkward ones) the two give the same index term."""
    words = set()
    for d in search_documents(views):
        words.update(fold(" ".join((d.title, d.text, d.organisation, d.tags))).split())
    words.update(fold("Café women’s re-housing NAÏVE £20 24/7 co-operative ‘quoted’ A&E").split())
    words = sorted(words)
    python = [" ".join(terms(w)) for w in words]
    js = node(site, {"stem": words})["stem"]
    assert len(words) > 800
    assert [p for p, j in zip(python, js, strict=True) if p != j] == []


def test_fold_is_the_same_on_both_sides(site):
    text = "Women’s Refuge – Café ÉCOLE d'été 24/7 A&E self-referral ‘quoted’ naïve"
    assert fold(text) == "womens refuge cafe ecole dete 24 7 a e self referral quoted naive"
    script = "const c=require('./theme/static/js/search-core.js');process.stdout.write(c.fold(process.argv[1]))"
    import subprocess
    result = subprocess.run(["node", "-e", script, text], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout == fold(text)


# -- relevance: realistic queries and what should come first -----------------------------

EXPECTED_TOP = [
    # (query, facets, url expected among the first n results, n)
    ("Kingfisher House Hostel", {}, "directory/kingfisher-house-hostel/", 1),  # an exact name first
    ("hospital discharge", {}, "directory/larkmead-hospital-discharge-team/", 1),
    ("food bank", {}, "directory/elmdon-community-pantry/", 1),  # glossary: pantry
    ("night shelter Coventry", {}, "directory/coventry-cold-weather-shelter/", 1),
    ("DV", {}, "directory/kestrel-domestic-abuse-helpline/", 2),  # glossary: domestic abuse
    ("rough sleeping", {}, "directory/west-midlands-rough-sleeper-alert-line/", 5),  # glossary: rough sleeper
    ("care leavers", {}, "directory/castlegate-supported-lodgings/", 1),  # a service for care leavers
    ("care leavers", {"type": ["action"]}, "pledges/coventry-riverside-college-2023/#action-5", 1),  # care-experienced
    ("apprenticeships", {}, "pledges/hartwell-employers-network-2025/#action-4", 1),
    ("prison release", {}, "directory/westmere-prison-release-housing-advice/", 1),
    ("debt advice", {"type": ["service"]}, "directory/ledger-lane-benefits-and-debt-advice/", 2),
    ("sheltr", {}, "directory/coventry-cold-weather-shelter/", 5),  # one letter out: shelter
    ("hosptal discharge", {}, "directory/larkmead-hospital-discharge-team/", 1),  # hospital, one letter out
]


@pytest.fixture(scope="module")
def answers(site):
    return {(a["q"], json.dumps(f)): a for a, (_, f, _, _) in
            zip(search(site, *({"q": q, "facets": f} for q, f, _, _ in EXPECTED_TOP)), EXPECTED_TOP, strict=True)}


@pytest.mark.parametrize("query, facets, url, n", EXPECTED_TOP, ids=[q for q, *_ in EXPECTED_TOP])
def test_realistic_queries_find_the_expected_result_first(answers, query, facets, url, n):
    answer = answers[(query, json.dumps(facets))]
    top = [h["url"] for h in answer["hits"][:n]]
    assert any(u.startswith(url) for u in top), f"{query!r}: wanted {url} in the first {n}, got {top}"


def test_typo_tolerance_is_one_letter_for_words_of_five_or_more(site):
    sheltr, shelt, bed = search(site, "sheltr", "sheltx", "bedd")
    assert "shelter" in sheltr["similar"] and sheltr["total"] > 0
    assert "shelter" not in shelt["similar"]  # two letters out
    assert bed["similar"] == [] and bed["total"] == 0  # four letters: no guessing


def test_a_query_fetches_only_the_shards_its_words_and_facets_need(site):
    rare, service_only, nothing = search(site, "mediation", {"q": "housing", "facets": {"type": ["service"]}},
                                         "xylophone")
    assert 0 < len(rare["shards"]) < len(manifest(site)["shards"])
    assert service_only["shards"] and all("/service-" in s for s in service_only["shards"])
    assert {h["kind"] for h in service_only["hits"]} == {"service"}
    assert nothing["shards"] == [] and nothing["total"] == 0


def test_facets_narrow_and_count(site):
    everything, coventry_services = search(site, "housing", {"q": "housing",
                                                             "facets": {"type": ["service"], "area": ["coventry"]}},
                                           top=100)
    assert coventry_services["total"] < everything["total"]
    assert all(h["kind"] == "service" and "coventry" in h["areas"] for h in coventry_services["hits"])
    assert coventry_services["counts"]["type"]["service"] == coventry_services["total"]
    assert sum(everything["counts"]["type"].values()) == everything["total"]


def test_matched_words_are_highlighted_from_lunr_match_data(site):
    (answer,) = search(site, "hospital discharge")
    first = answer["hits"][0]
    assert set(first["matched"]) >= {"hospit", "discharg"}
    assert [w.lower() for w in first["highlight"]] == ["hospital", "discharge"]


# -- the glossary ------------------------------------------------------------------------

def test_the_glossary_is_valid_and_holds_the_common_equivalences():
    groups = load_glossary()
    together = {frozenset(g) for g in groups}
    for pair in (("hostel", "night shelter"), ("rough sleeping", "street homeless"), ("dv", "domestic abuse"),
                 ("care leaver", "leaving care")):
        assert any(set(pair) <= g for g in together), pair


@pytest.mark.parametrize("data, message", [
    ({"hostel": "night shelter"}, "a list of groups"),
    ([["hostel"]], "at least two"),
    ([["hostel", 3]], "at least two"),
    ([["hostel", "!!"]], "no letters or digits"),
    ([["hostel", "a very long night shelter"]], "longer than 3 words"),
    ([["hostel", "the"]], "too common"),
    ([["hostel", "shelter"], ["Hostels", "refuge"]], "already in group 1"),
])
def test_glossary_mistakes_are_named(data, message):
    with pytest.raises(GlossaryError, match=message):
        check_glossary(data, "search-synonyms.yaml")


def test_the_fast_path_adds_documents_exactly_as_lunr_builder_add_does(views):
    """ShardBuilder.add_folded skips lunr's tokeniser and trimmer for folded text; the
    index it makes is the one lunr's own Builder.add makes."""
    from c2c_search.bundle import fields_of, ref
    from c2c_search.index import ShardBuilder, collection_stats

    docs = search_documents(views)[:400]
    stock, fast = ShardBuilder(), ShardBuilder()
    for n, doc in enumerate(docs):
        stock.add({"r": ref(n), **fields_of(doc)})
        fast.add_folded(ref(n), fields_of(doc))
    as_json = [json.dumps(b.serialized(collection_stats([b])), sort_keys=True) for b in (stock, fast)]
    assert as_json[0] == as_json[1]


def test_a_shard_too_big_in_bytes_is_cut_in_two_and_still_scores_the_same(views, tmp_path):
    from c2c_search.bundle import MAX_BYTES

    args = (search_documents(views), _vocabulary(views), load_glossary(), views.urls)
    whole = search_files(*args)
    cut = search_files(*args, max_bytes=20_000)
    sizes = [len(body) for url, body in cut.items() if not url.endswith("manifest.json")]
    assert max(sizes) <= 20_000 < max(len(b) for b in whole.values()) <= MAX_BYTES
    names = [s["file"] for s in json.loads(cut["search/manifest.json"])["shards"]]
    assert any(re.search(r"-1[ab]+\.", n) for n in names)
    for name, files in (("whole", whole), ("cut", cut)):
        for url, body in files.items():
            (tmp_path / name / url).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / url).write_bytes(body)
    a, b = (search(tmp_path / name, "tenancy support", top=10_000)[0] for name in ("whole", "cut"))
    assert {h["url"]: h["score"] for h in b["hits"]} == pytest.approx({h["url"]: h["score"] for h in a["hits"]},
                                                                     abs=2e-3)
