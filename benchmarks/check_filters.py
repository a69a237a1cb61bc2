"""One area and "open now" in headless Chromium on a built site, against the build's answer.

    PYTHONPATH=plugins .venv/bin/python benchmarks/check_filters.py --site /tmp/big/output

The directory's filters read compact split data and fetch the cards of matches that are
not on the page (issue 17). This opens /directory/?area=<area>&open=1 at fixed clocks,
shows every match ("Show more services" until it goes), and compares the cards with
what services.json and the Python hours engines say: the same services as before the
change. A check on the large synthetic registry, too slow for the test suite (which
checks the sample content in tests/browser/test_paged_lists.py).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from c2c_views.directory.opening import describe_record  # noqa: E402

LONDON = ZoneInfo("Europe/London")
CLOCKS = (datetime(2026, 11, 23, 10, 0, tzinfo=LONDON), datetime(2026, 11, 24, 19, 30, tzinfo=LONDON),
          datetime(2026, 12, 25, 12, 0, tzinfo=LONDON))


def open_at(s: dict, when: datetime, window: list[int]) -> bool:
    return s["status"] == "active" and describe_record(s, when, window).startswith("Open")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--areas", nargs="*", default=["wolverhampton", "birmingham", "coventry"])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    data = json.loads((args.site / "directory" / "services.json").read_text("utf-8"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    same = True
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for area in args.areas:
            for when in CLOCKS:
                expected = [s["slug"] for s in data["services"] if s["status"] != "closed"
                            and area in s["in"]["area"] and open_at(s, when, data["window"])]
                context = browser.new_context(timezone_id="Europe/London", service_workers="block")
                page = context.new_page()
                page.clock.set_fixed_time(when)
                page.goto(f"{base}/directory/?area={area}&open=1")
                while True:
                    page.wait_for_selector("#results:not([aria-busy])", state="attached", timeout=120_000)
                    if not page.locator(".js-show-more").is_visible():
                        break
                    page.locator(".js-show-more").click()
                shown = page.eval_on_selector_all("#results .js-service-card", "cs => cs.map(c => c.dataset.slug)")
                context.close()
                same &= shown == expected
                print(f"{area:<16} {when:%a %d %b %H:%M}  expected {len(expected):>4}  shown {len(shown):>4}  "
                      f"{'same' if shown == expected else 'DIFFERENT'}")
        browser.close()
    httpd.shutdown()
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
