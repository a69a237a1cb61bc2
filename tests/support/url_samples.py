"""A sample of every kind of address the URL map (c2c_registry.urls.Urls) forms, and the
folders and files those addresses put things in: the URL tests compare the code and the
built site against them."""

from __future__ import annotations

from c2c_registry.urls import Urls, save_as


def formed_urls() -> list[str]:
    """A sample of every kind of address the map forms."""
    u = Urls()
    return [
        u.home(), u.organisations(), u.organisation("x"), u.commitments(), u.commitment("x"),
        *(u.dimension(d) for d in ("stages", "themes", "areas", "sectors")),
        u.term("stages", "x"), u.stage_narrowed("x", "areas", "y"), u.stage_narrowed("x", "sectors", "y"),
        u.progress(), u.progress_list("overdue"), u.page("about"), u.directory(), u.service("x"), u.directory_area("x"),
        u.directory_stage("x"), u.directory_access("x"), u.directory_language("x"), u.directory_print("x", "y"),
        u.shortlist(), u.services_json(), u.service_worker(), u.theme("x"),
        u.paged(u.directory(), 2), u.directory_data("filters", "x"), u.directory_data("text", "all"),
        u.directory_cards(1), u.not_found(), u.cover_your_tracks(), u.robots(), u.headers(), u.sitemap(),
        u.badges(), u.badge("x"), *(u.badge_image("x", kind) for kind in ("web", "print", "svg")),
        u.logo("x", 96, "webp"), u.logo("x", 96, "png"),
        u.search(), u.search_manifest(), u.search_shard("x"),
        u.data(), u.data_table("x", "csv"), u.data_table("x", "json"), u.datapackage(), u.hsds_services(),
        u.hsds_service("x"), u.hsds_page(1), u.data_schemas(), u.data_schema("x"), u.feed(),
        u.submit(), u.submit_service(),
    ]


def address_segments() -> tuple[set[str], set[str]]:
    """The folders and the files the map puts addresses in (first two levels)."""
    folders, files = set(), set()
    for url in formed_urls():
        parts = save_as(url).split("/")
        for depth, part in enumerate(parts[:2]):
            if not part or part == "x":
                continue
            is_last = depth == len(parts) - 1
            (files if is_last else folders).add(part)
    return folders, files
