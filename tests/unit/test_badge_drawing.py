"""C2C badges as images: the award rule, and what the drawn PNG and SVG files show.

Each badge is drawn with the real fonts and Pillow, then opened again with Pillow and
checked for its size and mode, its status colour, and that the name is really drawn
(the name area differs between two names, and is not blank), for a long name, names in
Arabic, Hebrew, Chinese and Japanese, and every status.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PIL import Image, ImageChops, ImageDraw, features

from c2c_badges import draw as draw_module
from c2c_badges import subsets
from c2c_badges.cache import DEFAULT_FOLDER
from c2c_badges.fonts import FontSet, paragraph_rtl
from c2c_badges.images import badge_files, load_artwork
from c2c_badges.layout import NAME_BOX, Layout, badge_layout, fit_name, tokens
from c2c_registry.derive import AWARD_STATES, award_state, holds_award, renewal_overdue_days
from c2c_registry.model import Organisation
from c2c_registry.urls import Urls
from c2c_views.badges import badge_view, duration_words

from support.project import ROOT

TODAY = date(2026, 11, 23)
GRACE = 30
WEB = (500, 250)
PRINT = (1600, 800)
SCALE = WEB[0] / PRINT[0]
NAME_AREA = tuple(round(v * SCALE) for v in NAME_BOX)  # where the name is drawn on the web PNG
BAND_POINT = (30, 215)  # inside the status band, clear of its text
BAND_COLOURS = {"awarded": (0, 112, 60), "renewal-overdue": (244, 119, 56), "lapsed": (80, 90, 95),
                "withdrawn": (80, 90, 95), "pledged": (29, 112, 184)}

LONG = ("The Extraordinarily Long-Named West Midlands Regional Partnership for Preventing and Relieving "
        "Homelessness Among Young People, Care Leavers and Families in Every Borough")
NAMES = {
    "latin": "Tamebridge Housing Association",
    "latin-other": "Mercia Gate Housing Options Service",
    "long": LONG,
    "arabic": "مؤسسة الأمل للإسكان والرعاية",
    "arabic-other": "جمعية البيت الآمن",
    "hebrew": "בית חם לכולם עמותה",
    "chinese": "东方住房协会",
    "japanese": "東京ハウジング協会",
    "mixed": "Café Ñandú — Zoë’s Trust 東京 مرکز 🏠",
}


def org(name: str = NAMES["latin"], status: str = "awarded", awarded: date | None = date(2022, 3, 15),
        renewal_due: date | None = None) -> Organisation:
    return Organisation(slug="test-org", source="content/organisations/test-org.yaml", name=name, sector="housing",
                        areas=["birmingham"], summary="A test organisation.", c2c_status=status,
                        awarded=awarded if status in ("awarded", "lapsed") else None, renewal_due=renewal_due)


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet(prepared_dir=ROOT / DEFAULT_FOLDER / "fonts")  # the builds' own, made once


def draw(fonts: FontSet, record: Organisation) -> dict[str, bytes]:
    return badge_files(badge_view(record, TODAY, GRACE, Urls()), fonts, None)


def web(files: dict[str, bytes]) -> Image.Image:
    return Image.open(io.BytesIO(files["badge.png"]))


# -- the rule --------------------------------------------------------------------------
@pytest.mark.parametrize(("record", "state"), [
    (org(), "awarded"),
    (org(renewal_due=TODAY + timedelta(days=10)), "awarded"),
    (org(renewal_due=TODAY - timedelta(days=GRACE)), "awarded"),  # the last day of grace
    (org(renewal_due=TODAY - timedelta(days=GRACE + 1)), "renewal-overdue"),
    (org(status="lapsed", renewal_due=TODAY - timedelta(days=400)), "lapsed"),
    (org(status="withdrawn"), "withdrawn"),
    (org(status="pledged"), "pledged"),
])
def test_award_state_is_one_rule_with_a_grace_period(record, state):
    assert award_state(record, TODAY, GRACE) == state
    assert holds_award(record, TODAY, GRACE) == (state in ("awarded", "renewal-overdue"))
    assert state in AWARD_STATES


def test_overdue_in_words():
    assert renewal_overdue_days(org(renewal_due=date(2026, 10, 20)), TODAY) == 34
    assert [duration_words(d) for d in (1, 34, 130, 496, 1000)] == ["1 day", "34 days", "4 months", "16 months", "2 years"]
    view = badge_view(org(renewal_due=date(2025, 7, 15)), TODAY, GRACE, Urls())
    assert view.label == "Renewal overdue" and view.status_line == "Awarded 2022 · renewal overdue"
    assert "renewal was due on 15 July 2025 and is overdue by 16 months" in view.summary
    assert view.holds and "badge.png" in view.embed_html and view.embed_markdown.startswith("[![")


# -- text layout -----------------------------------------------------------------------
def test_raqm_is_there_to_shape_right_to_left_text():
    assert features.check("raqm"), "Pillow's raqm layout is missing: install the libfribidi0 system package"


def test_arabic_letters_are_joined(fonts):
    """Shaped, four beh letters take their joined (initial, medial, final) forms, much
    narrower than four separate letters."""
    font = fonts.font(1, 100)
    joined = fonts.width(fonts.runs("بببب", fonts.order_for("بببب")), 100)
    assert joined < 0.7 * 4 * font.getlength("ب")


def test_right_to_left_words_run_from_the_right(fonts):
    """The first Hebrew word is drawn at the right end of the line."""
    def render(text: str) -> Image.Image:
        im = Image.new("L", (700, 160), 0)
        draw = ImageDraw.Draw(im)
        x = 10
        for run in fonts.runs(text, fonts.order_for(text)):
            font = fonts.font(run.font, 100)
            draw.text((x, 130), run.text, font=font, fill=255, anchor="ls", direction="rtl" if run.rtl else "ltr")
            x += font.getlength(run.text, direction="rtl" if run.rtl else "ltr")
        return im

    whole, first = render("בית חם"), render("בית")
    wl, _, wr, _ = whole.getbbox()
    fl, _, fr, _ = first.getbbox()
    at_right = whole.crop((wr - (fr - fl), 0, wr, 160))
    at_left = whole.crop((wl, 0, wl + (fr - fl), 160))
    alone = first.crop((fl, 0, fr, 160))
    assert ImageChops.difference(at_right, alone).getbbox() is None
    assert ImageChops.difference(at_left, alone).getbbox() is not None


def test_mixed_directions_are_ordered_by_run(fonts):
    """An Arabic name followed by Latin letters: the Latin run is on the left."""
    runs = fonts.runs("مؤسسة ABC", fonts.order_for("مؤسسة ABC"))
    assert [r.rtl for r in runs] == [False, True] and runs[0].text == "ABC"
    assert paragraph_rtl("مؤسسة ABC") and not paragraph_rtl("ABC مؤسسة")


def test_every_script_has_a_font_and_cjk_breaks_between_characters(fonts):
    for key in ("arabic", "hebrew", "chinese", "japanese"):
        assert all(c.isspace() or any(fonts.covers(i, c) for i in range(len(fonts.paths))) for c in NAMES[key]), key
    assert fonts.drawable("Home 🏠 Trust") == "Home Trust"  # no font has emoji: left out, never a box
    assert tokens("東京ハウジング協会") == list("東京ハウジング協会")
    assert tokens("Tamebridge Housing") == ["Tamebridge ", "Housing"]


def test_a_long_name_is_wrapped_and_fitted(fonts):
    size, lines = fit_name(LONG, fonts)
    assert len(lines) >= 4 and " ".join(lines) == LONG
    left, top, right, bottom = NAME_BOX
    order = fonts.order_for(LONG)
    assert all(fonts.width(fonts.runs(line, order), size) <= right - left for line in lines)
    short_size, short_lines = fit_name("Tamebridge", fonts)
    assert short_size > size and short_lines == ["Tamebridge"]


# -- the images ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def drawn(fonts) -> dict[str, dict[str, bytes]]:
    """Badges for every name (awarded) and for every status (the first name)."""
    out = {key: draw(fonts, org(name)) for key, name in NAMES.items()}
    overdue = org(renewal_due=TODAY - timedelta(days=GRACE + 1))
    out |= {"state-" + state: draw(fonts, record) for state, record in {
        "awarded": org(), "renewal-overdue": overdue, "lapsed": org(status="lapsed"),
        "withdrawn": org(status="withdrawn"), "pledged": org(status="pledged")}.items()}
    return out


def test_each_badge_is_a_web_png_a_print_png_and_an_svg(drawn):
    for key, files in drawn.items():
        assert sorted(files) == ["badge-print.png", "badge.png", "badge.svg"], key
        small, large = web(files), Image.open(io.BytesIO(files["badge-print.png"]))
        assert (small.format, small.size, small.mode) == ("PNG", WEB, "RGBA"), key
        assert (large.format, large.size, large.mode) == ("PNG", PRINT, "RGBA"), key
        assert not small.info and not large.info, f"{key}: metadata in the PNG: {small.info or large.info}"


@pytest.mark.parametrize("key", ["latin", "long", "arabic", "hebrew", "chinese", "japanese", "mixed"])
def test_the_name_is_drawn(drawn, key):
    """Another name changes the name area and nothing else; the name area has ink."""
    other = "arabic-other" if key == "arabic" else "latin-other" if key != "latin-other" else "latin"
    a, b = web(drawn[key]).convert("RGB"), web(drawn[other]).convert("RGB")
    changed = ImageChops.difference(a, b).getbbox()
    assert changed is not None, f"{key}: the badge does not change with the name"
    left, top, right, bottom = NAME_AREA
    assert left - 2 <= changed[0] and changed[2] <= right + 2 and top - 2 <= changed[1] and changed[3] <= bottom + 2
    ink = a.crop(NAME_AREA).convert("L").point(lambda p: 255 if p < 100 else 0).histogram()[255]
    assert ink > 800, f"{key}: hardly anything drawn in the name area ({ink} dark pixels)"


def test_right_to_left_names_are_right_aligned(drawn):
    for key, files in (("arabic", drawn["arabic"]), ("latin", drawn["latin"])):
        box = web(files).convert("L").crop(NAME_AREA).point(lambda p: 255 if p < 100 else 0).getbbox()
        width = NAME_AREA[2] - NAME_AREA[0]
        if key == "arabic":
            assert box[2] > width - 15 and box[0] > 10
        else:
            assert box[0] < 8


@pytest.mark.parametrize("state", list(BAND_COLOURS))
def test_each_status_has_its_own_band_and_words(drawn, state):
    files = drawn["state-" + state]
    pixel = web(files).convert("RGB").getpixel(BAND_POINT)
    assert all(abs(p - q) <= 3 for p, q in zip(pixel, BAND_COLOURS[state], strict=True)), (state, pixel)
    svg = files["badge.svg"].decode()
    words = {"awarded": "C2C awarded 2022", "renewal-overdue": "Awarded 2022 · renewal overdue",
             "lapsed": "Awarded 2022 · award lapsed", "withdrawn": "Withdrawn · not an award holder",
             "pledged": "Pledged · not yet awarded"}[state]
    assert f">{words}</text>" in svg
    if state not in ("awarded", "renewal-overdue"):  # never the award's colours
        emblem = web(files).convert("RGB").crop((19, 19, 169, 169))
        assert all(max(c) - min(c) < 12 for _, c in emblem.getcolors(100_000)), f"{state}: the emblem is in colour"


def test_overdue_and_awarded_badges_differ_only_in_the_frame_and_band(drawn):
    a, b = web(drawn["state-awarded"]).convert("RGB"), web(drawn["state-renewal-overdue"]).convert("RGB")
    card = (20, 20, WEB[0] - 20, round(590 * SCALE))  # inside the frame, above the band
    assert ImageChops.difference(a.crop(card), b.crop(card)).getbbox() is None
    assert ImageChops.difference(a, b).getbbox() is not None


def test_the_svg_is_text_in_embedded_fonts_and_fetches_nothing(drawn):
    for key in ("latin", "arabic", "chinese", "mixed"):
        svg = drawn[key]["badge.svg"].decode()
        root = ET.fromstring(svg)  # well-formed XML
        texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert NAMES[key].replace(" 🏠", "") in " ".join(texts) or all(
            word in " ".join(texts) for word in NAMES[key].replace(" 🏠", "").split()), key
        assert svg.count("@font-face") >= 1 and "data:font/woff;base64," in svg
        urls = re.findall(r"""(?:href|src)\s*[=:(]\s*["']?([a-z]+:)""", svg)
        assert set(urls) <= {"data:"}, urls
        assert len(svg) < 60_000, f"{key}: {len(svg)} bytes"
    assert 'direction="rtl"' in drawn["arabic"]["badge.svg"].decode()


def test_drawing_is_deterministic(fonts):
    record = org(NAMES["mixed"])
    assert draw(fonts, record) == draw(FontSet(prepared_dir=fonts.prepared_dir), record)


def _in_order(layout: Layout, fonts: FontSet, width: int) -> bytes:
    """The badge drawn the plain way: shapes, then every text in the layout's order, the
    emblem's last; draw_png draws the shared parts once and must give the same bytes."""
    scale = width / PRINT[0]
    image = draw_module._shapes(layout.band, layout.arcs, (width, round(PRINT[1] * scale)))
    pen = ImageDraw.Draw(image)
    for text in [*layout.texts, *([layout.emblem_text] if layout.emblem_text else [])]:
        draw_module._text(pen, text, fonts, scale)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("key", ["latin", "long", "arabic", "japanese"])
@pytest.mark.parametrize("holds", [True, False])
def test_drawing_the_shared_parts_once_gives_the_same_pixels(fonts, key, holds):
    layout = badge_layout(NAMES[key], "C2C awarded 2022", "awarded" if holds else "lapsed", holds, fonts, False)
    for width in (WEB[0], PRINT[0]):
        assert draw_module.draw_png(layout, fonts, width) == _in_order(layout, fonts, width), (key, width)


def test_a_name_over_the_emblem_is_drawn_in_the_plain_order(fonts):
    """Where a text's ink would meet the emblem's, the emblem is drawn last, as before."""
    layout = badge_layout(NAMES["latin"], "C2C awarded 2022", "awarded", True, fonts, False)
    over = layout.texts[1]
    layout = replace(layout, texts=(*layout.texts, replace(over, x=120.0, baseline=320.0)))
    for width in (WEB[0], PRINT[0]):
        assert draw_module.draw_png(layout, fonts, width) == _in_order(layout, fonts, width)


def test_a_name_cut_from_the_smaller_prepared_font_is_the_same_font(fonts):
    """The SVG's font is cut from the smallest prepared cut that has its characters: it
    must be the same bytes as one cut from the larger cut (else badges would depend on it)."""
    (basic, basic_chars), (repertoire, _) = subsets.prepared(fonts.paths[0], fonts.prepared_dir)
    for name, status in ((NAMES["latin"], "C2C awarded 2022"), (LONG, "Pledged · not yet awarded"),
                         ("St Basil’s — “Help” … Now", "Awarded 2021 · renewal overdue"),
                         ("Office ffi fl Waffle 2024", "Withdrawn · not an award holder")):
        chars = "".join(sorted(set(name + status + "Commitment to Collaborate C2C")))
        assert all(ord(c) in basic_chars for c in chars)
        fonts_cut = []
        for path in (basic, repertoire):
            font = subsets.cut(path, chars, often=True)
            font.flavor = "woff"
            out = io.BytesIO()
            font.save(out)
            fonts_cut.append(out.getvalue())
        assert fonts_cut[0] == fonts_cut[1], name


def test_artwork_replaces_the_emblem_and_is_grey_when_not_an_award(fonts, tmp_path):
    art = tmp_path / "official.png"
    Image.new("RGB", (600, 600), (200, 30, 120)).save(art)
    artwork = load_artwork(str(art))
    assert artwork is not None
    awarded = web(badge_files(badge_view(org(), TODAY, GRACE, Urls()), fonts, artwork)).convert("RGB")
    lapsed = web(badge_files(badge_view(org(status="lapsed"), TODAY, GRACE, Urls()), fonts, artwork)).convert("RGB")
    assert awarded.getpixel((94, 94)) == (200, 30, 120)
    r, g, b = lapsed.getpixel((94, 94))
    assert max(r, g, b) - min(r, g, b) <= 2  # grey
    svg = badge_files(badge_view(org(), TODAY, GRACE, Urls()), fonts, artwork)["badge.svg"].decode()
    assert "data:image/png;base64," in svg


def test_missing_or_bad_artwork_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"C2C_BADGE_ARTWORK: there is no file .*nowhere\.png"):
        load_artwork(str(tmp_path / "nowhere.png"))
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"not an image at all")
    with pytest.raises(ValueError, match=r"C2C_BADGE_ARTWORK: .*fake\.png: this is not an image"):
        load_artwork(str(fake))
    assert load_artwork("") is None
