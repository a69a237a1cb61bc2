"""Badges, check pages and logos in built sites: what a visitor, an embedding website and
a reviewer see, and that images are byte-identical across builds and drawn only once."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from c2c_registry.derive import award_state
from c2c_registry.load.registry import load_registry
from c2c_registry.settings import DEFAULTS
from c2c_registry.urls import BADGE_FILES, Urls

from support.clock import BUILD_DATE
from support.content_corpus import ORG
from support.page_kinds import parse
from support.page_text import by_id, main, page, text
from support.project import C2C, ROOT, TINY

URLS = Urls()
GRACE = DEFAULTS["C2C_RENEWAL_GRACE_DAYS"]
OVERDUE = "tamebridge-housing-association"  # renewal_due 2026-10-20: 34 days before the build date
LAPSED, WITHDRAWN, PLEDGED = "connectway-bus-company", "oakhurst-retail-group", "kestrel-domestic-abuse-service"
ORANGE, GREY, GREEN = (244, 119, 56), (80, 90, 95), (0, 112, 60)
MARKER = b"SECRET-LOCATION-MARKER"


def band(site: Path, slug: str) -> tuple[int, ...]:
    with Image.open(site / URLS.badge_image(slug, "web")) as im:
        return im.convert("RGB").getpixel((30, 215))


def near(a, b) -> bool:
    return all(abs(x - y) <= 3 for x, y in zip(a, b, strict=True))


# -- the sample site -------------------------------------------------------------------
def test_every_organisation_has_its_badge_at_the_stable_address(site):
    registry, _ = load_registry(ROOT / "content")
    for org in registry.organisations.values():
        for kind, size in (("web", (500, 250)), ("print", (1600, 800))):
            with Image.open(site / URLS.badge_image(org, kind)) as im:
                assert (im.format, im.size, im.mode) == ("PNG", size, "RGBA"), org.slug
        ET.fromstring((site / URLS.badge_image(org, "svg")).read_bytes())
        assert (site / URLS.badge(org) / "index.html").is_file()


def test_an_overdue_renewal_is_said_by_the_badge_and_the_organisation_page(site):
    assert near(band(site, OVERDUE), ORANGE)
    svg = (site / URLS.badge_image(OVERDUE, "svg")).read_text()
    assert "Awarded 2022 · renewal overdue" in svg and "C2C awarded" not in svg
    slot = text(by_id(main(page(site, "/" + URLS.organisation(OVERDUE))), "badge"))
    assert "Renewal overdue" in slot and "Renewal overdue since 20 October 2026 (34 days)" in slot
    assert "C2C awarded" not in slot
    listing = text(main(page(site, "/" + URLS.organisations())))
    assert "Tamebridge Housing Association Renewal overdue" in listing


def test_lapsed_withdrawn_and_pledged_badges_say_so_never_awarded(site):
    for slug, words in ((LAPSED, "award lapsed"), (WITHDRAWN, "Withdrawn"), (PLEDGED, "not yet awarded")):
        svg = (site / URLS.badge_image(slug, "svg")).read_text()
        assert words in svg and "C2C awarded" not in svg, slug
        assert not near(band(site, slug), GREEN), slug
    assert near(band(site, LAPSED), GREY) and near(band(site, WITHDRAWN), GREY)
    assert near(band(site, "larkmead-community-health-trust"), GREEN)  # renewal due in 2027


def test_the_check_page_of_an_overdue_award(site):
    body = main(page(site, "/" + URLS.badge(OVERDUE)))
    words = text(body)
    assert "was awarded the Commitment to Collaborate award on 15 March 2022" in words
    assert "renewal was due on 20 October 2026 and is overdue by 34 days" in words
    assert "Whole-pathway roundtable, three years on" in words  # the commitments behind it
    embed_html = by_id(body, "embed-html").text
    embed_md = by_id(body, "embed-markdown").text
    assert f'href="/{URLS.badge(OVERDUE)}"' in embed_html and f'src="/{URLS.badge_image(OVERDUE, "web")}"' in embed_html
    assert embed_md == (f"[![Commitment to Collaborate badge: Tamebridge Housing Association, Awarded 2022 · renewal "
                        f"overdue](/{URLS.badge_image(OVERDUE, 'web')})](/{URLS.badge(OVERDUE)})")
    scripts = [s for s in parse(site / URLS.badge(OVERDUE) / "index.html").iter("script")
               if s.get("type") == "application/ld+json"]
    data = json.loads(scripts[0].text)
    assert data["@type"] == "Organization" and data["name"] == "Tamebridge Housing Association"
    credential = data["hasCredential"]
    assert credential["dateCreated"] == "2022-03-15" and credential["expires"] == "2026-10-20"
    assert "renewal overdue" in data["award"]


def test_the_check_page_of_a_lapsed_award_offers_no_badge_to_embed(site):
    body = main(page(site, "/" + URLS.badge(LAPSED)))
    assert "the award has lapsed" in text(body)
    assert by_id(body, "embed-html") is None
    assert 'application/ld+json' not in (site / URLS.badge(LAPSED) / "index.html").read_text()


def test_badges_page_and_home_count_the_same_holders(site):
    registry, _ = load_registry(ROOT / "content")
    today = date.fromisoformat(BUILD_DATE)
    states = {o.slug: award_state(o, today, GRACE) for o in registry.organisations.values()}
    current = sorted(registry.organisations[s].name for s, st in states.items() if st == "awarded")
    overdue = [s for s, st in states.items() if st == "renewal-overdue"]
    badges = main(page(site, "/" + URLS.badges()))
    holders = [text(h) for h in badges.iter("h3")]
    assert holders[: len(current)] == current and len(holders) == len(current) + len(overdue)
    assert f"{len(current)} organisations hold the C2C badge, and {len(overdue)} more have a renewal overdue" in text(badges)
    home = text(main(page(site, "/")))
    assert f"{len(current)} holding the C2C award (and {len(overdue)} with the renewal overdue)" in home


def test_logos_are_shown_with_webp_png_and_alt_text(site):
    org = "brightpath-youth-trust"
    for size in (96, 240):
        for fmt in ("webp", "png"):
            with Image.open(site / URLS.logo(org, size, fmt)) as im:
                assert (im.format, im.size, im.mode) == (fmt.upper(), (size, size), "RGBA")
    picture = next(main(page(site, "/" + URLS.organisation(org))).iter("picture"))
    source, img = picture.find("source"), picture.find("img")
    assert source.get("type") == "image/webp" and source.get("srcset") == "/" + URLS.logo(org, 240, "webp")
    assert img.get("src") == "/" + URLS.logo(org, 240, "png") and img.get("alt") == "Brightpath Youth Trust logo"
    listing = main(page(site, "/" + URLS.organisations()))
    assert "/" + URLS.logo(org, 96, "png") in [i.get("src") for i in listing.iter("img")]


def test_a_hostile_name_is_only_text_in_the_svg(hostile_site):
    svg = (hostile_site / URLS.badge_image("hostile-charity", "svg")).read_bytes()
    root = ET.fromstring(svg)
    assert not [el for el in root.iter() if el.tag.endswith("script") or any(a.startswith("on") for a in el.attrib)]
    assert 'Hostile "><script>alert("org-name")</script> Charity' in root.find("{http://www.w3.org/2000/svg}title").text


# -- two builds of a corpus of names, and a rebuild -------------------------------------
def _org(name: str, c2c: str, extra: str = "") -> str:
    return ORG.replace("Corpus Test Organisation", json.dumps(name, ensure_ascii=False)).replace(
        "c2c:\n  status: pledged\n", c2c) + extra


CORPUS = {
    "organisations/long-name.yaml": _org("The Extraordinarily Long-Named West Midlands Regional Partnership for "
                                         "Preventing and Relieving Homelessness Among Young People and Families",
                                         "c2c:\n  status: awarded\n  awarded: 2025-01-10\n"),
    "organisations/arabic-name.yaml": _org("مؤسسة الأمل للإسكان", "c2c:\n  status: awarded\n  awarded: 2022-01-10\n"
                                          "  renewal_due: 2025-01-10\n", "logo: exif-photo.jpg\n"),
    "organisations/japanese-name.yaml": _org("東京ハウジング協会", "c2c:\n  status: lapsed\n  awarded: 2020-05-01\n"),
    "organisations/withdrawn-org.yaml": _org("Withdrawn Org", "c2c:\n  status: withdrawn\n"),
}


def _exif_jpeg() -> bytes:
    """A landscape photo whose EXIF says 'turn me upright' (orientation 6), with a
    description standing in for a location, an sRGB ICC profile and a comment."""
    im = Image.new("RGB", (300, 150), (200, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010E] = MARKER.decode()
    out = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    im.save(out, "JPEG", exif=exif.tobytes(), icc_profile=icc, comment=MARKER)
    return out.getvalue()


def _build(content: Path, output: Path, cache: Path) -> None:
    result = subprocess.run(
        [*C2C, "build", "--content", str(content), "--output", str(output),
         "--build-date", BUILD_DATE, "--settings", str(ROOT / "pelicanconf.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "C2C_IMAGE_CACHE": str(cache)},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _cached(cache: Path) -> dict[str, int]:
    return {p.relative_to(cache).as_posix(): p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus built twice with empty caches, then rebuilt with one name changed."""
    tmp = tmp_path_factory.mktemp("badge-corpus")
    content = tmp / "content"
    shutil.copytree(TINY, content)
    for rel, body in CORPUS.items():
        (content / rel).write_text(body, "utf-8")
    (content / "organisations" / "logos").mkdir(exist_ok=True)
    (content / "organisations" / "logos" / "exif-photo.jpg").write_bytes(_exif_jpeg())
    builds = {}
    for name in ("first", "second"):
        _build(content, tmp / name, tmp / f"cache-{name}")
        builds[name] = tmp / name
    before = _cached(tmp / "cache-first")
    path = content / "organisations" / "withdrawn-org.yaml"
    path.write_text(path.read_text("utf-8").replace("Withdrawn Org", "Renamed Withdrawn Org"), "utf-8")
    _build(content, tmp / "rebuild", tmp / "cache-first")
    return builds | {"rebuild": tmp / "rebuild", "before": before, "after": _cached(tmp / "cache-first")}


def test_two_builds_with_empty_caches_are_byte_identical(corpus):
    first, second = _files(corpus["first"]), _files(corpus["second"])
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    images = [n for n in first if n.endswith((".png", ".webp", ".svg")) and n.startswith(("badges/", "organisations/"))]
    assert len(images) >= 6 * len(BADGE_FILES)


def test_a_rebuild_draws_only_what_changed(corpus):
    before, after = corpus["before"], corpus["after"]
    assert all(after[name] == mtime for name, mtime in before.items()), "a cached file was drawn again"
    new = {name.rsplit("/", 1)[0] for name in after.keys() - before.keys()}
    assert len(new) == 1 and next(iter(new)).startswith("badges/")  # the renamed organisation's badge only
    first, rebuilt = _files(corpus["first"]), _files(corpus["rebuild"])
    changed = {n for n in first if n.endswith((".png", ".svg", ".webp")) and first[n] != rebuilt.get(n)}
    assert changed == {URLS.badge_image("withdrawn-org", kind) for kind in BADGE_FILES}


def test_corpus_names_in_any_script_are_drawn(corpus):
    site = corpus["first"]
    assert near(band(site, "arabic-name"), ORANGE)  # renewal due 2025-01-10: overdue
    assert "مؤسسة الأمل للإسكان" in (site / URLS.badge_image("arabic-name", "svg")).read_text()
    assert "東京ハウジング" in (site / URLS.badge_image("japanese-name", "svg")).read_text()
    assert near(band(site, "japanese-name"), GREY)


def test_logos_are_upright_and_carry_no_metadata(corpus):
    site = corpus["first"]
    for size in (96, 240):
        for fmt in ("webp", "png"):
            data = (site / URLS.logo("arabic-name", size, fmt)).read_bytes()
            assert MARKER not in data
            with Image.open(io.BytesIO(data)) as im:
                assert im.size == (size, size) and im.mode == "RGBA"
                assert not im.getexif() and not ({"exif", "icc_profile", "xmp", "comment"} & im.info.keys())
                # 300 × 150 turned upright is 150 × 300: transparent at the sides, red in the middle
                assert im.getpixel((size // 10, size // 2))[3] == 0
                r, g, b, a = im.getpixel((size // 2, size // 2))
                assert a == 255 and r > 180 and g < 70
