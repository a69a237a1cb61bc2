"""The directory's small views as plain functions: which alerts show when and where,
telephone and directions links, and JSON that cannot end its <script> element."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import unquote

from c2c_registry.model import Alert, Location
from c2c_registry.settings import DEFAULTS
from c2c_views.directory.alerts import active_alerts, alerts_for
from c2c_views.directory.links import directions_href, tel_href
from c2c_views.templates import script_json

from support.clock import BUILD_DATE

TODAY = date.fromisoformat(BUILD_DATE)


def test_script_json_cannot_close_its_script_element():
    out = str(script_json({"name": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == {"name": "</script><script>alert(1)</script> & <!--"}


def test_alerts_show_only_between_their_dates_and_for_their_areas():
    def alert(slug, start, end, areas=(), level="info"):
        return Alert(slug, "", slug, "", level, list(areas), date.fromisoformat(start), date.fromisoformat(end))

    swep = alert("swep", "2026-11-20", "2026-11-27", level="warning")
    walsall = alert("walsall", "2026-11-23", "2026-11-23", ["walsall"])
    old = alert("old", "2026-03-02", "2026-03-09")
    assert active_alerts([old, walsall, swep], TODAY) == [swep, walsall]
    assert active_alerts([swep], date(2026, 11, 28)) == []
    assert active_alerts([swep], date(2026, 11, 20)) == [swep]
    areas = ["coventry", "dudley", "walsall", "west-midlands"]
    assert alerts_for([swep, walsall], areas, ["coventry"]) == [swep]
    assert alerts_for([swep, walsall], areas, ["walsall", "dudley"]) == [swep, walsall]
    assert alerts_for([swep, walsall], areas, ["west-midlands"]) == [swep, walsall]
    assert alerts_for([swep, walsall], areas) == [swep, walsall]
    regional = alert("regional", "2026-11-23", "2026-11-23", ["west-midlands"])
    assert alerts_for([regional], areas, ["dudley"]) == [regional]


# ---- Small pure helpers --------------------------------------------------------------------

def test_links_helpers():
    assert tel_href("0121 496 0000") == "tel:01214960000"
    assert tel_href("+44 121 496 0000") == "tel:+441214960000"
    template = DEFAULTS["C2C_DIRECTIONS_URL"]
    assert directions_href(Location("", ["1 Test Street"], "Coventry", "CV1 1AA", 52.4, -1.51), template) \
        .endswith("destination=52.4,-1.51")
    no_coords = directions_href(Location("", ["1 Test Street"], "Coventry", "CV1 1AA"), template)
    assert unquote(no_coords.split("destination=")[1]) == "1 Test Street, Coventry, CV1 1AA"
