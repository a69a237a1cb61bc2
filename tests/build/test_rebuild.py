"""Incremental rebuilds: a rebuild into the same folder renders only the pages whose
inputs changed, and leaves exactly the bytes a cold build writes, across a battery of
edits: a record's text, an item moving between lists, a new and a deleted file, a
template, a setting, the build date crossing a deadline, a static file, and a published
page changed by hand. The cold builds it compares with render every page in one process
with nothing noted or kept (C2C_INCREMENTAL=0), so they also show that noting what pages
read changes no byte. `--explain` says why each page was rendered."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from c2c_registry.urls import Urls, save_as

from support.clock import BUILD_DATE
from support.project import C2C, ROOT

URLS = Urls()


class Project:
    """A copy of the sample content and of the theme, with settings that build them."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.content = tmp_path / "content"
        shutil.copytree(ROOT / "content", self.content)
        self.theme = tmp_path / "theme"
        shutil.copytree(ROOT / "theme", self.theme, ignore=shutil.ignore_patterns("scss"))
        self.settings = tmp_path / "pelicanconf.py"
        self.settings.write_text((ROOT / "pelicanconf.py").read_text()
                                 + f"\nTHEME = {str(self.theme)!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n")
        self.site = tmp_path / "site"
        self.colds = 0

    def build(self, output: Path, *, date: str = BUILD_DATE, cold: bool = False) -> str:
        cache = self.tmp / (f"cold-cache-{self.colds}" if cold else "cache")
        env = {**os.environ, "C2C_PARSE_CACHE": str(cache / "parsed"), "C2C_IMAGE_CACHE": str(cache / "images"),
               "C2C_WORKERS": "1" if cold else "", "C2C_INCREMENTAL": "0" if cold else "1"}
        result = subprocess.run(
            [*C2C, "build", "--content", str(self.content), "--output", str(output), "--build-date", date,
             "--settings", str(self.settings), "--explain"],
            cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def rebuild(self, date: str = BUILD_DATE) -> set[str]:
        """Rebuild the site; the pages rendered, after checking the bytes against a cold build."""
        said = self.build(self.site, date=date)
        self.colds += 1
        cold = self.tmp / f"cold-{self.colds}"
        self.build(cold, date=date, cold=True)
        rebuilt, fresh = files(self.site), files(cold)
        assert sorted(rebuilt) == sorted(fresh), "the rebuild and a cold build wrote different files"
        assert [name for name in rebuilt if rebuilt[name] != fresh[name]] == []
        shutil.rmtree(cold)
        return rendered(said)

    def edit(self, relpath: str, old: str, new: str) -> None:
        path = self.tmp / relpath
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {relpath}"
        path.write_text(text.replace(old, new, 1), "utf-8")


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rendered(explained: str) -> set[str]:
    """The pages `--explain` says were rendered."""
    return set(re.findall(r"^rendered /(\S*): ", explained, re.M))


def pages(site: Path) -> set[str]:
    return {str(p.relative_to(site).parent) + "/" if p.parent != site else URLS.home()
            for p in site.rglob(save_as(URLS.home()))}


def test_a_rebuild_renders_only_what_changed_and_writes_what_a_cold_build_writes(tmp_path):
    project = Project(tmp_path)
    first = project.build(project.site)
    everything = rendered(first)
    assert URLS.service("canal-street-day-centre") in everything and len(everything) > 300

    # Nothing changed: nothing rendered, and not one file of the site written again.
    before = {p: p.stat().st_mtime_ns for p in project.site.rglob("*") if p.is_file()}
    said = project.build(project.site)
    assert rendered(said) == set() and f"(0 rendered, {len(everything)} unchanged)" in said
    assert {p: p.stat().st_mtime_ns for p in project.site.rglob("*") if p.is_file()} == before

    # A record's text, a service moving between stages, a new file and a deleted one.
    project.edit("content/services/canal-street-day-centre.yaml", "summary: ", "summary: Changed since the last build. ")
    project.edit("content/services/rainbow-doorway.yaml", "stages: [targeted-prevention, crisis-prevention-and-relief]",
                 "stages: [targeted-prevention, recovery]")
    new = project.content / "services" / "canal-street-evening-centre.yaml"
    new.write_text((project.content / "services" / "canal-street-day-centre.yaml").read_text()
                   .replace("name: Canal Street Day Centre", "name: Canal Street Evening Centre"))
    (project.content / "services" / "elmdon-community-pantry.yaml").unlink()
    untouched = project.site / save_as(URLS.organisation("oakhurst-retail-group"))
    kept_since = untouched.stat().st_mtime_ns
    again = project.rebuild()
    assert {URLS.service("canal-street-day-centre"), URLS.service("canal-street-evening-centre"),
            URLS.directory_stage("recovery"), URLS.directory_stage("crisis-prevention-and-relief"),
            URLS.service("rainbow-doorway")} <= again
    assert len(again) < len(everything) / 4, again
    assert URLS.organisation("oakhurst-retail-group") not in again
    assert untouched.stat().st_mtime_ns == kept_since  # an unchanged page's file is not written again
    assert not (project.site / URLS.service("elmdon-community-pantry")).exists()
    assert "Changed since the last build." in (project.site / save_as(URLS.service("canal-street-day-centre"))).read_text()

    # A template: only the pages made from it.
    project.edit("theme/templates/directory_print.html", "Print this list", "Print this list now")
    vocab = {kind: [line.split(":", 1)[1].strip() for line in (ROOT / "schemas" / "vocabularies" / f"{kind}.yaml")
                    .read_text().splitlines() if line.startswith("- id:")] for kind in ("areas", "stages")}
    prints = pages(project.site) & {URLS.directory_print(area, stage) for area in vocab["areas"]
                                    for stage in ["", *vocab["stages"]]}
    assert len(prints) > 20 and project.rebuild() == prints

    # A setting, and the build date moving past deadlines: every page, as a cold build.
    project.edit("pelicanconf.py", "C2C_BUILD_DATE = None", "C2C_BUILD_DATE = None\nC2C_STALE_AFTER_DAYS = 400")
    later = project.build(project.site)  # the setting alone
    assert "the code, a package, a setting or the build date changed" in later and len(rendered(later)) > 300
    assert len(project.rebuild(date="2027-09-30")) > 300
    assert "Overdue" in (project.site / save_as(URLS.progress())).read_text()

    # A static file: copied as it is, no page rendered. A published page changed by hand: rendered again.
    project.edit("theme/static/css/app.css", "", "/* a new rule */\n")
    home = project.site / save_as(URLS.home())
    home.write_text(home.read_text().replace("</main>", "<p>Changed by hand</p></main>"))
    # Files that are not pages are kept when the published one is the same bytes: one changed
    # by hand (even to the same size) or deleted is written again, as a cold build writes it.
    table, badge = project.site / URLS.data_table("services", "csv"), project.site / URLS.badge_image(
        "tamebridge-housing-association", "web")
    table.write_bytes(table.read_bytes().replace(b"Canal", b"Cabal"))
    badge.unlink()
    assert project.rebuild(date="2027-09-30") == {URLS.home()}
    assert (project.site / URLS.theme("css/app.css")).read_text().startswith("/* a new rule */")
    assert b"Cabal" not in table.read_bytes() and badge.is_file()


def test_explain_says_why_each_page_was_rendered(tmp_path):
    project = Project(tmp_path)
    assert "rendered /: this is the first build into this folder" in project.build(project.site)
    project.edit("content/services/canal-street-day-centre.yaml", "summary: ", "summary: Changed. ")
    said = project.build(project.site)
    service = URLS.service("canal-street-day-centre")
    assert f"rendered /{service}: what its writer gave it changed: jsonld, view" in said
    prints = re.findall(rf"^rendered /{re.escape(URLS.directory_print('birmingham'))}: (.*)$", said, re.M)
    assert prints == ["what it read changed: views.directory.prints['birmingham'][0].services (all of it)"]
    project.edit("theme/templates/directory_listing.html", "Filter these services further",
                 "Filter these services more")
    said = project.build(project.site)
    assert f"rendered /{URLS.directory_area('birmingham')}: its template (or one it extends, includes or imports) " \
           "changed" in said
    assert f"rendered /{service}:" not in said  # a service page is not made from that template


def test_a_failed_rebuild_leaves_the_published_site_and_its_records_as_they_were(tmp_path):
    project = Project(tmp_path)
    project.build(project.site)
    before = files(project.site)
    project.edit("content/services/canal-street-day-centre.yaml", "name: Canal Street Day Centre", "name: [Broken")
    result = subprocess.run([*C2C, "build", "--content", str(project.content), "--output", str(project.site),
                             "--build-date", BUILD_DATE, "--settings", str(project.settings)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "C2C_PARSE_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 1 and "[yaml-syntax]" in result.stdout
    assert files(project.site) == before
    staging = project.site.with_name(".site-building")
    assert [p for p in staging.rglob("*") if p.is_file()] == []  # nothing half-built is left to publish
    project.edit("content/services/canal-street-day-centre.yaml", "name: [Broken", "name: Canal Street Day Centre")
    assert rendered(project.build(project.site)) == set()
