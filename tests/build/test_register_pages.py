"""The register's pages (organisations, commitments, stages, themes, areas, progress,
home) of the tiny fixture site, built by real Pelican through `c2c build`, and the
pages read back as a browser would."""

from pathlib import Path

import pytest

from support.page_text import by_class, by_id, links, main, page, text
from support.project import TINY, build_site

SVG = "{http://www.w3.org/2000/svg}"
STAGES = ["universal-prevention", "targeted-prevention", "crisis-prevention-and-relief",
          "recovery", "move-on-support", "settled-home"]
PLEDGE_TEXT = {
    "universal-prevention": "Universal pledge text", "targeted-prevention": "Targeted pledge text",
    "crisis-prevention-and-relief": "Crisis pledge text", "recovery": "Recovery pledge text",
    "move-on-support": "Move-on pledge text", "settled-home": "Settled-home pledge text",
}


@pytest.fixture
def tiny(tiny_site) -> Path:
    return tiny_site


def test_every_page_of_the_tiny_site_is_written(tiny):
    for url in ["/", "/organisations/", "/organisations/alpha-trust/", "/organisations/beta-housing/",
                "/pledges/", "/pledges/alpha-trust-2021/", "/stages/", "/progress/", "/about/",
                "/themes/accommodation/", "/areas/coventry/", "/sectors/health/", "/404.html"]:
        assert page(tiny, url).find(".//h1") is not None, url
    for stage in STAGES:
        assert (tiny / "stages" / stage / "index.html").is_file()
    assert (tiny / "sitemap.xml").is_file() and (tiny / "robots.txt").is_file()


def test_each_pledge_is_on_its_organisation_commitment_and_exactly_its_stage_page(tiny):
    org_page = text(main(page(tiny, "/organisations/alpha-trust/")))
    commitment_page = text(main(page(tiny, "/pledges/alpha-trust-2021/")))
    for stage, pledge in PLEDGE_TEXT.items():
        assert pledge in org_page and pledge in commitment_page
        for other in STAGES:
            listed = " ".join(text(ul) for ul in by_class(main(page(tiny, f"/stages/{other}/")), "app-pledge-list"))
            assert (pledge in listed) == (other == stage), (pledge, other)


def test_pledges_are_laid_out_in_the_three_groups(tiny):
    grid = by_class(main(page(tiny, "/pledges/alpha-trust-2021/")), "app-stage-grid")[0]
    groups = by_class(grid, "app-stage-grid__group", "section")
    assert [g.get("aria-label") for g in groups] == ["Prevent", "Help", "Create pathways"]
    assert "Universal pledge text" in text(groups[0]) and "Crisis pledge text" in text(groups[1])
    assert "Settled-home pledge text" in text(groups[2])


def test_action_plan_records_mark_overdue_in_words(tiny):
    """The action plan is records grouped under their pledge (no table to scroll
    sideways): each action's status first, then the action and its facts."""
    plan = by_class(main(page(tiny, "/pledges/alpha-trust-2021/")), "app-plan", "section")[0]
    records = by_class(plan, "app-action", "li")
    rows = {text(by_class(li, "app-action__text")[0]): text(li) for li in records}
    keys = [text(dt) for dt in records[0].iter("dt")]
    assert keys[:3] == ["Lead", "Deadline", "How impact is tracked"] and keys[-1] == "Latest update"
    assert "Universal pledge text" in text(by_class(plan, "app-plan__pledge")[0])
    assert "Overdue" in rows["Overdue planned action"] and "Overdue" in rows["Overdue in-progress action"]
    assert "Overdue" not in rows["Dropped action, past due"] and "Overdue" not in rows["Done action"]
    assert "Due soon" in rows["Due-soon action"]
    assert "10 January 2022: Second cohort trained." in rows["Overdue in-progress action"]
    assert "Move-On Support" in rows["Future planned action"]  # the action's own stage


def test_discussion_log_by_section(tiny):
    body = text(main(page(tiny, "/pledges/alpha-trust-2021/")))
    for heading in ["What is already in place", "Gaps in provision", "Opportunities to do more"]:
        assert heading in body
    assert "Discharge liaison posts" in text(main(page(tiny, "/stages/recovery/")))


def test_markdown_is_rendered_and_script_removed(tiny):
    org = main(page(tiny, "/organisations/alpha-trust/"))
    assert [text(b) for b in org.iter("strong") if text(b) == "two hospitals"]
    link = [a for a in org.iter("a") if text(a) == "our site"][0]
    assert link.get("href") == "https://alpha.example.org" and "noopener" in link.get("rel")
    raw = (tiny / "pledges/alpha-trust-2021/index.html").read_text()
    assert "alert(1)" not in raw and "Our story, with" in raw


def test_partners_collaborators_and_badge_slot(tiny):
    org = main(page(tiny, "/organisations/alpha-trust/"))
    assert ("/organisations/beta-housing/", "Beta Housing") in links(org)
    assert "Renewal overdue" in text(by_id(org, "badge"))  # renewal_due 2022-06-01 < build date: never "C2C awarded"
    assert "Pledged" in text(by_id(main(page(tiny, "/organisations/beta-housing/")), "badge"))
    commitment = text(main(page(tiny, "/pledges/alpha-trust-2021/")))
    assert "Beta Housing, Local GP practices" in commitment
    assert "Due for review" in commitment  # review_due 2022-06-01 < build date


def test_stage_page_filters_by_area_and_sector_as_links(tiny):
    stage = main(page(tiny, "/stages/recovery/"))
    hrefs = dict(links(stage))
    assert "/stages/recovery/areas/solihull/" in hrefs and "/stages/recovery/sectors/health/" in hrefs
    assert "/stages/recovery/areas/coventry/" not in hrefs  # nothing there: no empty page linked
    narrowed = text(main(page(tiny, "/stages/recovery/areas/solihull/")))
    assert "Recovery pledge text" in narrowed and "Area: Solihull" in narrowed


def test_theme_area_and_sector_pages_cut_the_same_data(tiny):
    assert "Crisis pledge text" in text(main(page(tiny, "/themes/accommodation/")))
    assert "Crisis pledge text" not in text(main(page(tiny, "/themes/drugs-alcohol/")))
    assert "Universal pledge text" in text(main(page(tiny, "/areas/solihull/")))
    assert "Universal pledge text" not in text(main(page(tiny, "/areas/coventry/")))
    assert "Universal pledge text" in text(main(page(tiny, "/sectors/health/")))
    assert "Nothing has been pledged here yet." in text(main(page(tiny, "/sectors/faith/")))


def _progress_figures(site: Path) -> dict[str, str]:
    root = main(page(site, "/progress/"))
    return {td.get("data-status"): text(td) for td in root.iter("td") if td.get("data-status")}


def test_progress_counts_match_the_content_for_the_build_date(tiny, tmp_path):
    assert _progress_figures(tiny) == {"planned": "2", "in-progress": "2", "done": "1", "dropped": "1",
                                       "overdue": "2", "due-soon": "1"}
    earlier = tmp_path / "earlier"
    assert build_site(TINY, earlier, "2026-01-10").returncode == 0
    assert _progress_figures(earlier) == {"planned": "2", "in-progress": "2", "done": "1", "dropped": "1",
                                               "overdue": "0", "due-soon": "1"}


def test_progress_upstream_share_and_gaps(tiny):
    root = main(page(tiny, "/progress/"))
    cells = {td.get("data-upstream"): text(td) for td in root.iter("td") if td.get("data-upstream")}
    assert cells["pledges-prevention"] == "2 (33%)" and cells["pledges-crisis"] == "1 (17%)"
    assert cells["actions-after-crisis"] == "3 (50%)"
    matrix = {td.get("data-cell"): text(td) for td in root.iter("td") if td.get("data-cell")}
    assert matrix["recovery/birmingham"] == "1" and matrix["recovery/coventry"] == "Gap"
    svgs = list(root.iter(SVG + "svg"))
    assert len(svgs) == 3
    assert all(svg.get("role") == "img" and svg.find(SVG + "title") is not None for svg in svgs)


def test_home_page_shows_stages_counts_and_latest(tiny):
    home = main(page(tiny, "/"))
    pathway = by_class(home, "app-pathway", "ol")[0]
    assert [text(a) for a in pathway.iter("a")] == ["Universal Prevention", "Targeted Prevention",
                                                    "Crisis Prevention & Relief", "Recovery",
                                                    "Move-On Support", "Settled Home"]
    stats = text(by_class(home, "app-stats", "ul")[0])
    assert "2 organisations" in stats and "6 pledges" in stats and "6 actions, 1 done" in stats
    assert ("/pledges/alpha-trust-2021/", "Alpha roundtable") in links(home)


def test_plain_pelican_refuses_invalid_content(tmp_path):
    import shutil
    import subprocess
    import sys

    from support.project import ROOT

    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    (content / "organisations/beta-housing.yaml").write_text("name: [unclosed\n")
    result = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
                             "-o", str(tmp_path / "out"), "--fatal", "warnings"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "content/organisations/beta-housing.yaml:2:1: (file): this is not valid YAML" in result.stderr
    assert not (tmp_path / "out").exists()


def test_index_pages_list_everything(tiny):
    orgs = main(page(tiny, "/organisations/"))
    assert ("/organisations/alpha-trust/", "Alpha Health Trust") in links(orgs)
    assert "Health · Birmingham, Solihull · 1 commitment" in text(orgs)
    commitments = main(page(tiny, "/pledges/"))
    row = next(tr for tr in commitments.iter("tr") if "Alpha roundtable" in text(tr))
    assert text(row) == "Alpha roundtable Alpha Health Trust 1 June 2021 6 6"
    stages = main(page(tiny, "/stages/"))
    assert [text(h) for h in stages.iter("h2")][:2] == ["Universal Prevention", "Targeted Prevention"]
    assert "1 pledge · 1 action · 0 services" in text(stages)
    areas = text(main(page(tiny, "/areas/")))
    assert "Birmingham (E08000025)" in areas and "West Midlands (region-wide) (E12000005)" in areas


def test_a_site_published_under_its_own_address_links_absolutely(tmp_path):
    """publishconf.py sets SITEURL: every internal link must carry it (macros included)."""
    import os
    import subprocess

    from support.project import C2C, ROOT

    out = tmp_path / "out"
    result = subprocess.run(
        [*C2C, "build", "--content", str(TINY), "--output", str(out),
         "--build-date", "2026-11-23", "--settings", str(ROOT / "publishconf.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "C2C_SITEURL": "https://c2c.test"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for html_file in out.rglob("*.html"):
        root = page(out, "/" + str(html_file.relative_to(out)))
        for el in root.iter():
            for attr in ("href", "src", "action"):
                value = el.get(attr) or ""
                assert not (value.startswith("/") and not value.startswith("//")), (html_file, attr, value)
