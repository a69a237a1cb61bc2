"""The search index as built: what it holds, where its results lead, that its weights
are lunr's, that Python and the browser read words and numbers alike, and that a query
downloads only the files of its own words.

Queries run under Node with the page's own engine (search-index.js, search-core.js,
search-stem.js) on the built sample site (no browser needed); tests/browser/test_search_page.py
drives the page, and checks what a person sees first for a set of real queries.
"""

from __future__ import annotations

import json
import math
import re
import subprocess

import pytest
from lunr.builder import Builder

from c2c_registry.load.registry import load_registry
from c2c_registry.settings import check_settings
from c2c_registry.urls import Urls
from c2c_search import build_files
from c2c_search.bundle import analyse
from c2c_search.encode import postings as encode_postings
from c2c_search.encode import read_postings, read_vlqs, vlqs
from c2c_search.index import FIELDS, Index, bm25, field_terms, lunr_idf, unquantise
from c2c_search.synonyms import GlossaryError, load_glossary, load_language_names
from c2c_search.text import STOP_WORDS, fold, terms
from c2c_views import build_views
from c2c_views.directory.languages import NAMES
from c2c_views.search import KINDS, search_documents

from support.page_kinds import ids_in, resolve
from support.project import C2C, ROOT
from support.search_node import manifest, node, rows, search, search_files, term_files


@pytest.fixture(scope="module")
def views():
    registry, problems = load_registry(ROOT / "content")
    assert not problems
    settings = {"C2C_BUILD_DATE": "2026-11-23", "SITEURL": ""}
    check_settings(settings)
    return build_views(registry, settings)


# -- documents and where results lead -----------------------------------------------------

def test_every_kind_of_item_is_a_document_and_each_leads_to_its_place(site):
    """Each result's address is a page of the build, and its #fragment an id on that page:
    pledges, actions and discussion points on their commitment's page."""
    m = manifest(site)
    broken = []
    for row in rows(site):
        target, fragment = resolve(site, "/", "/" + row[1])
        if target is None or (fragment and fragment not in ids_in(target)):
            broken.append(row[1])
    assert broken == []
    assert [k[0] for k in m["kinds"]] == [k for k, _, _ in KINDS]
    assert all(count > 0 for *_, count in m["kinds"])
    assert sum(count for *_, count in m["kinds"]) == len(rows(site))


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
    shelter = next(d for d in docs if d.url == "directory/lantern-walsall-night-shelter/")
    assert shelter.opening["status"] == "temporarily-closed" and shelter.opening["intervals"]
    assert set(shelter.languages) == {"en", "pa", "ur", "pl"}


def test_discussion_points_have_their_own_address():
    registry, _ = load_registry(ROOT / "content")
    urls = Urls()
    commitment = next(c for c in registry.commitments.values() if len(c.discussion) > 1)
    second = commitment.discussion[1]
    assert urls.record(second) == f"pledges/{commitment.slug}/#discussion-2"


def test_services_are_numbered_in_the_directorys_order(site, views):
    """The directory's search box maps an answer to its own list by place: the index's
    services are the directory's listed services, in the same order."""
    m = manifest(site)
    first = m["services"]["first"]
    assert [r[1] for r in rows(site)[first:]] == [v.url for v in views.directory.listed]
    table = json.loads((site / m["services"]["url"]).read_text("utf-8"))
    assert len(table["services"]) == m["services"]["count"] == len(views.directory.listed)
    closed = [n for n, v in enumerate(views.directory.listed) if v.service.status == "temporarily-closed"]
    assert closed and [n for n, row in enumerate(table["services"]) if row[0]] == closed


# -- the files ------------------------------------------------------------------------------

def test_each_term_is_in_the_file_the_manifest_says_and_the_files_are_small(site):
    m = manifest(site)
    for scope in ("all", "service"):
        starts = m["scopes"][scope]["starts"]
        assert starts == sorted(starts, key=lambda t: t.encode("utf-16-be"))
        for n, path in enumerate(term_files(site, scope)):
            data = json.loads(path.read_text("utf-8"))
            assert data["terms"][0] == starts[n]
            assert all(t < starts[n + 1] for t in data["terms"]) if n + 1 < len(starts) else True
            assert len(data["terms"]) == len(data["idf"]) == len(data["postings"])
    folder = {p.relative_to(site / "search").parts[0] for p in search_files(site)}
    assert len(folder) == 1 and re.fullmatch(r"[0-9a-f]{10}", folder.pop())  # named by a hash of the files
    assert set(m["offline"][:2]) == {"search/", "search/manifest.json"}
    assert all((site / u).is_file() for u in m["offline"][2:])


def test_the_service_files_hold_only_services_with_the_same_weights(site):
    m = manifest(site)
    first = m["services"]["first"]
    decoded = node(site, {"decode": ["shelter", "hous", "advic"], "scope": "all"})["decode"]
    services = node(site, {"decode": ["shelter", "hous", "advic"], "scope": "service"})["decode"]
    for term, entries in decoded.items():
        assert services[term] == [e for e in entries if e[0] >= first], term
        assert services[term]


def test_postings_read_back_in_python_and_in_the_browser_as_written(views, site):
    index = Index([analyse(d, {}) for d in search_documents(views)[:300]])
    for term in ("hous", "support", "shelter", "young"):
        written = encode_postings(index.postings[term])
        read = read_postings(written)
        assert [p.doc for p in read] == [doc for doc, _ in index.postings[term]]
    assert read_vlqs(vlqs([0, 31, 32, 1023, 1024, 10**9])) == [0, 31, 32, 1023, 1024, 10**9]
    m = manifest(site)
    path = term_files(site)[0]
    data = json.loads(path.read_text("utf-8"))
    term = data["terms"][0]
    in_python = read_postings(data["postings"][0])
    in_js = node(site, {"decode": [term]})["decode"][term]
    assert [[p.doc, p.fields, p.name_length, list(p.positions)] for p in in_python] == \
        [[e[0], e[1], e[3], e[4]] for e in in_js]
    weights = [data["idf"][0] * math.exp(m["weights"][0] + p.weight * m["weights"][1]) for p in in_python]
    assert [e[2] for e in in_js] == pytest.approx(weights, rel=1e-9)


def test_the_same_content_gives_the_same_bytes(views):
    from c2c_search.synonyms import load_glossary as glossary
    first, second = build_files(views, glossary()), build_files(views, glossary())
    assert first == second


# -- weights: lunr's BM25 -------------------------------------------------------------------

def test_weights_are_lunrs_bm25_field_vectors_summed(views):
    """lunr.py's own Builder, fed the same terms (a name's words once each), makes field
    vectors whose sum over the fields, for each term of each document, is the weight
    the index stores (before it is rounded to one of its 64 steps)."""
    docs = [analyse(d, {}) for d in search_documents(views)]
    builder = Builder()
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost)
    for n, doc in enumerate(docs):  # the terms as they are: no pipeline, lunr's tokeniser splits on spaces
        builder.add({"id": str(n), **{name: " ".join(ts) for name, ts in field_terms(doc).items()}})
    built = builder.build()
    index = Index(docs)
    vectors = {ref: dict(zip(v.elements[::2], v.elements[1::2], strict=True))
               for ref, v in built.field_vectors.items()}
    position = {term: posting["_index"] for term, posting in builder.inverted_index.items()}
    compared = 0
    for n, doc in enumerate(docs[:400]):
        weights, _ = bm25(field_terms(doc), index.average)
        for term, weight in weights.items():
            lunr = sum(vectors[f"{name}/{n}"].get(position[term], 0) for name, _ in FIELDS)
            assert index.idf[term] * weight == pytest.approx(lunr, abs=2e-3), (n, term)
            compared += 1
    assert compared > 3000
    assert index.idf["hous"] == pytest.approx(lunr_idf(sum(
        1 for name, _ in FIELDS for d in docs if "hous" in field_terms(d)[name]), len(docs)))


def test_a_name_counts_once_however_often_it_repeats_a_word():
    from c2c_search.index import Analysed

    once = Analysed(["night", "shelter"], [], ["bed"])
    twice = Analysed(["night", "shelter", "night", "shelter"], [], ["bed"])
    index = Index([once, twice])
    first, second = read_postings(encode_postings(index.postings["shelter"]))
    assert first.weight == second.weight and (first.name_length, second.name_length) == (2, 4)
    assert bm25(field_terms(once), index.average)[0]["shelter"] == bm25(field_terms(twice), index.average)[0]["shelter"]


def test_weight_steps_are_eight_percent_apart():
    from c2c_search.index import quantise

    for weight in (0.3, 1.0, 2.2, 9.7, 23.0):
        assert unquantise(quantise(weight)) == pytest.approx(weight, rel=0.045)


# -- words: the same on both sides ---------------------------------------------------------

def test_both_sides_fold_and_stem_every_word_alike(site, views):
    """The build stems with its port of lunr.js's stemmer; the browser with search-stem.js:
    for every word of the sample content (and some awkward ones) both give the same term,
    and search-stem.js gives what lunr.js 2.3.9 itself gives."""
    words = set()
    for d in search_documents(views):
        words.update(fold(" ".join((d.title, d.text, d.organisation, d.tags))).split())
    words.update(fold("Café women’s re-housing NAÏVE £20 24/7 co-operative ‘quoted’ A&E polski اردو").split())
    words.update("day money sky yes spying flying generalization conditional happily agreed feed "
                 "relational rational valency hopefulness hopeful electriciti electrical".split())
    words = sorted(words)
    answer = node(site, {"stem": words})
    python = [" ".join(terms(w)) for w in words]
    assert len(words) > 800
    assert [(w, p, j) for w, p, j in zip(words, python, answer["stem"], strict=True) if p != j] == []
    english = [(w, j, lunr) for w, j, lunr in zip(words, answer["stem"], answer["lunr"], strict=True)
               if re.fullmatch("[a-z0-9]+", w)]
    assert [e for e in english if e[1] != e[2]] == []


def test_fold_is_the_same_on_both_sides(site):
    texts = ["Women’s Refuge – Café ÉCOLE d'été 24/7 A&E self-referral ‘quoted’ naïve",
             "Polski, Cymraeg, Română, Türkçe; اُردو, ਪੰਜਾਬੀ, العربية, български, 中文 İstanbul ΟΔΟΣ"]
    assert fold(texts[0]) == "womens refuge cafe ecole dete 24 7 a e self referral quoted naive"
    assert fold(texts[1]).split()[:4] == ["polski", "cymraeg", "romana", "turkce"]
    assert node(site, {"fold": texts})["fold"] == [fold(t) for t in texts]


def test_stop_words_are_lunrs_and_the_browser_gets_them_from_the_manifest(site):
    assert set(manifest(site)["stopWords"]) == set(STOP_WORDS) and "the" in STOP_WORDS


# -- queries under Node: what a query finds and what it downloads ---------------------------

def test_a_query_downloads_the_files_of_its_own_words_and_nothing_else(site):
    m = manifest(site)
    mediation, = search(site, "mediation")
    term_file = [u for u in mediation["fetched"] if "/all/t" in u]
    starts = m["scopes"]["all"]["starts"]
    own = max(n for n, s in enumerate(starts) if s <= "mediat")
    assert term_file == [m["scopes"]["all"]["url"].replace("{n}", str(own))]
    others = set(mediation["fetched"]) - set(term_file) - {"search/manifest.json", m["facets"], m["services"]["url"]}
    assert others and all(re.search(r"/r\d+\.json$", u) for u in others)  # and rows of the results shown
    services, = search(site, {"q": "housing", "facets": {"type": ["service"]}})
    assert services["scope"] == "service" and services["total"] > 0
    assert not [u for u in services["fetched"] if "/all/" in u or u == m["facets"]]
    assert {h["kind"] for h in services["hits"]} == {"service"}


def test_a_second_query_reuses_what_the_first_fetched(site):
    first, second = search(site, "night shelter", "night shelter coventry", fresh=False)
    assert "search/manifest.json" in first["fetched"] and "search/manifest.json" not in second["fetched"]
    assert len(second["fetched"]) < len(first["fetched"])


def test_near_spellings_are_one_letter_out_for_words_of_five_letters_or_more(site):
    sheltr, sheltx, bedd, hosptal = search(site, "sheltr", "sheltx", "bedd", "hosptal discharge")
    assert "shelter" in sheltr["near"] and sheltr["total"] > 0
    assert "shelter" not in sheltx["near"]  # two letters out
    assert bedd["near"] == [] and bedd["total"] == 0  # four letters: no guessing
    assert hosptal["hits"][0]["url"] == "directory/larkmead-hospital-discharge-team/"
    vocab = [u for u in sheltr["fetched"] if "/all/v" in u]
    assert vocab and len(vocab) <= 3  # the vocabularies of a letter or two, never every posting


def test_synonyms_and_needs(site):
    eviction, kicked, plain = search(site, "eviction", "kicked out", "roundtable")
    assert eviction["need"] and "notic quit" in eviction["synonyms"]
    assert kicked["hits"][0]["kind"] == "service"  # a need: services first
    assert not plain["need"]


def test_a_language_is_offered_with_the_directorys_listing(site):
    polski, cymraeg, polish = search(site, "polski", "Cymraeg", "Polish")
    assert polski["languages"] == [{"code": "pl", "name": "Polish", "url": "directory/languages/pl/",
                                    "services": polski["languages"][0]["services"]}]
    assert polski["languages"][0]["services"] >= 10 and polski["total"] == polski["languages"][0]["services"]
    assert {h["kind"] for h in polski["hits"]} == {"service"}
    assert polish["languages"][0]["code"] == "pl" and polish["total"] >= polski["total"]
    assert cymraeg["languages"] == []  # no service lists Welsh here: nothing to offer


def test_facets_narrow_and_count(site):
    everything, coventry_services = search(site, "housing", {"q": "housing", "facets": {"type": ["service"],
                                                                                          "area": ["coventry"]}},
                                           top=100)
    assert coventry_services["total"] < everything["total"]
    assert all(h["kind"] == "service" and "coventry" in h["areas"] for h in coventry_services["hits"])
    assert coventry_services["counts"]["type"]["service"] == coventry_services["total"]
    assert sum(everything["counts"]["type"].values()) == everything["total"]


def test_matched_words_are_highlighted(site):
    (answer,) = search(site, "hospital discharge")
    first = answer["hits"][0]
    assert set(first["matched"]) >= {"hospit", "discharg"}
    assert [w.lower() for w in first["highlight"]] == ["hospital", "discharge"]


def test_the_directorys_search_gets_the_best_services_in_order(site, views):
    answer = node(site, {"services": ["night shelter", "hostel", "sheltr", "polski", "xylophone"]})["services"]
    listed = [v.slug for v in views.directory.listed]
    shelter, hostel, typo, polish, nothing = ([listed[n] for n in a["order"]] for a in answer)
    assert shelter[:2] == ["lantern-wolverhampton-night-shelter", "lantern-walsall-night-shelter"]
    assert "kingfisher-house-hostel" in shelter  # a word of the same meaning
    assert hostel[0] == "kingfisher-house-hostel"
    assert "coventry-cold-weather-shelter" in typo
    assert polish and all("pl" in views.directory.listed[listed.index(s)].service.languages for s in polish)
    assert nothing == []
    assert not [u for a in answer for u in a["fetched"] if "/all/" in u or re.search(r"/r\d+\.json$", u)]


# -- the glossary and the languages file ----------------------------------------------------

def test_the_glossary_is_valid_and_holds_the_needs_people_name():
    groups = [{" ".join(p.terms) for p in g} for g in load_glossary()]
    for pair in (("hostel", "night shelter"), ("rough sleeping", "street homeless"), ("dv", "domestic abuse"),
                 ("eviction", "kicked out"), ("sofa surfing", "no fixed abode"), ("refuge", "safe house"),
                 ("benefits sanction", "sanctioned")):
        wanted = {" ".join(terms(p)) for p in pair}
        assert any(wanted <= g for g in groups), pair


def test_the_languages_file_names_languages_in_english_and_in_themselves():
    names = {code: [p.text for p in phrases] for code, phrases in load_language_names(NAMES).items()}
    assert names["pl"][:2] == ["Polish", "polski"] and "Cymraeg" in names["cy"] and "اردو" in names["ur"]
    assert "ਪੰਜਾਬੀ" in names["pa"] and "العربية" in names["ar"] and "română" in names["ro"]
    assert "en" not in names and set(names) == set(NAMES) - {"en"}


@pytest.mark.parametrize("text, message", [
    ("hostel: night shelter\n", r":1:1: the glossary is a list of groups"),
    ("- [hostel]\n", r":1:3: a group lists at least two"),
    ("- [hostel, night shelter]\n- [refuge, 3]\n", r":2:12: '3' is not text"),
    ("- [hostel, '!!']\n", r":1:12: '!!' has no letters or digits"),
    ("- [hostel, a very long night shelter]\n", r":1:12: 'a very long night shelter' is longer than 3 words"),
    ("- [hostel, the]\n", r":1:12: 'the' has only words too common"),
    ("- [hostel, shelter]\n- [Hostels, refuge]\n", r":2:4: 'Hostels' is already in the group on line 1 as 'hostel'"),
    ("- [hostel, shelter\n", r":2:1: this is not valid YAML"),
])
def test_glossary_mistakes_are_named_with_line_and_column(tmp_path, text, message):
    path = tmp_path / "search-synonyms.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(GlossaryError, match=re.escape(str(path)) + message):
        load_glossary(path)


@pytest.mark.parametrize("text, message", [
    ("xx: [something]\n", r":1:1: 'xx' is not a language code the directory knows"),
    ("en: [English]\n", r":1:1: 'en' is not a language code"),
    ("pl: polski\n", r":1:5: list the names of Polish in square brackets"),
    ("pl: [polski]\ncy: [Polski]\n", r":2:6: 'Polski' is already in the entry on line 1"),
    ("pl: [Polish]\n", r":1:6: 'Polish' is already in the entry on line 1"),
])
def test_language_file_mistakes_are_named_with_line_and_column(tmp_path, text, message):
    path = tmp_path / "search-languages.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(GlossaryError, match=re.escape(str(path)) + message):
        load_language_names(NAMES, path)


def test_a_mistake_in_the_glossary_stops_the_build_and_names_the_line(tmp_path):
    """`c2c build` with a copy of the project whose glossary has a mistake: exit 1, the
    file, line and column on stderr, and nothing built."""
    project = tmp_path / "project"
    subprocess.run(["cp", "-r", str(ROOT / "schemas"), str(ROOT / "plugins"), str(ROOT / "theme"),
                    str(ROOT / "pelicanconf.py"), str(project.mkdir() or project)], check=True)
    glossary = project / "schemas" / "search-synonyms.yaml"
    glossary.write_text(glossary.read_text("utf-8") + "- [shelter, hostel]\n", "utf-8")
    line = glossary.read_text("utf-8").count("\n")
    out = tmp_path / "out"
    packages = tmp_path / "packages"  # the copy's schemas as the package c2c_schemas, ahead of the installed one
    packages.mkdir()
    (packages / "c2c_schemas").symlink_to(project / "schemas")
    result = subprocess.run([*C2C, "build", "--content", str(ROOT / "content"),
                             "--output", str(out), "--settings", str(project / "pelicanconf.py")],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": f"{project / 'plugins'}:{packages}", "PATH": "/usr/bin:/bin",
                                 "C2C_BUILD_DATE": "2026-11-23", "HOME": str(tmp_path)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(rf"search-synonyms\.yaml:{line}:4: 'shelter' is already in the group on line \d+",
                     result.stderr), result.stderr[-2000:]
    assert not out.exists()
