"""The exit control is on every page the build writes, straight after the skip link, a
real link to C2C_QUICK_EXIT_URL with its script, and its hint leads to "Cover your tracks",
which says what the exit clears and what only the person can (also linked from every
footer)."""

from __future__ import annotations

from c2c_registry.settings import DEFAULTS
from c2c_registry.urls import Urls

from support.page_kinds import html_files
from support.page_text import by_class, main, page, parse, text

URLS = Urls()


def test_every_page_starts_with_the_exit_control_and_its_hint(site):
    files = html_files(site)
    assert len(files) > 100
    for file in files:
        body = parse(file).find(".//body")
        firsts = [el for el in body if isinstance(el.tag, str)][:3]
        assert "govuk-skip-link" in firsts[0].get("class"), file
        exit_link = by_class(firsts[1], "js-quick-exit", "a")
        assert exit_link and exit_link[0].get("href") == DEFAULTS["C2C_QUICK_EXIT_URL"], file
        assert text(exit_link[0]) == "Emergency Exit this page", file
        [hint] = by_class(firsts[1], "app-quick-exit__hint", "a")
        assert (hint.get("href"), text(hint)) == ("/" + URLS.cover_your_tracks(), "Cover your tracks"), file
        assert firsts[2].tag == "script" and firsts[2].get("src") == "/" + URLS.theme("js/quick-exit.js"), file
        footer = body.find(".//footer")
        assert ("/" + URLS.cover_your_tracks(), "Cover your tracks") in [(a.get("href"), text(a)) for a in footer.iter("a")]


def test_cover_your_tracks_says_what_exit_clears_and_what_it_cannot(site):
    words = text(main(page(site, "/" + URLS.cover_your_tracks())))
    for said in ("Before it leaves, it deletes everything this site kept on this device",
                 "your shortlist of services", "any unfinished form on the Take part pages",
                 "including services saved for offline use",
                 "This site never keeps a copy of a page whose web address holds what you searched for.",
                 "What only you can clear", "Your browsing history.",
                 "earlier pages stay in the list until you delete them",
                 "Android phone: Chrome", "iPhone: Safari", "Samsung phone: Samsung Internet",
                 "Exit this page empties the shortlist on this device"):
        assert said in words, said
    shortlist = text(main(page(site, "/" + URLS.shortlist())))
    assert "Only kept on this device, and emptied by Exit this page." in shortlist
