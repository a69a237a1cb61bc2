"""Watch a browser context for anything the site must never do: run script from content
(a dialog opens), break its own Content-Security-Policy, log a console error, throw, fail
to load one of its own files, or contact any host other than the site itself."""

from __future__ import annotations

from urllib.parse import urlsplit

from support.project import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Runs before any page script and, as an init script, regardless of the page's CSP.
_RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
    + `at ${e.sourceFile || "?"}:${e.lineNumber || "?"} (${(e.sample || "").slice(0, 60)})`);
});
"""


class Watcher:
    """Attach to a fresh context; `problems` collects everything wrong, in order."""

    def __init__(self, context, base_url: str, axe: bool = False):
        self.base = urlsplit(base_url)
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        context.add_init_script(_RECORD_CSP)
        if axe:
            # Init scripts are not subject to the page's CSP, so axe runs on the real
            # policy; no bypass_csp context is needed.
            context.add_init_script(path=str(AXE))
        context.route("**/*", self._route)
        context.on("page", self.attach)

    def attach(self, page) -> None:
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.problems.append(f"uncaught script error on {page.url}: {err}"))
        page.on("response", self._response)
        page.on("requestfailed", self._failed)

    def _route(self, route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob", "about"):
            route.continue_()
        elif (url.scheme, url.netloc) != (self.base.scheme, self.base.netloc):
            self.problems.append(f"request to another host: {route.request.url}")
            route.abort()
        else:
            route.continue_()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        self.problems.append(f"a {dialog.type} dialog opened: {dialog.message!r}")
        dialog.dismiss()

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def _response(self, response) -> None:
        if response.status >= 400 and not response.url.endswith("/404.html"):
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def _failed(self, request) -> None:
        # ERR_ABORTED: cancelled by the next navigation (a late favicon, say) or by _route
        # above, which has already reported it.
        if urlsplit(request.url).netloc == self.base.netloc and request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def visit(self, page, url: str) -> None:
        """Load a page, let deferred scripts run, and collect its CSP violations."""
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url}: HTTP {response and response.status}"
        page.wait_for_timeout(50)
        for violation in page.evaluate("window.__cspViolations || []"):
            self.problems.append(f"CSP violation on {url}: {violation}")


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A and AA rules on the current page: one line per violation.

    Run with the page scrolled to the top (and put back after): axe's target-size rule
    takes a `position: sticky` element (the exit control on every page) for an ordinary
    one, so on a scrolled page it reports whatever passes under it as obscured
    (dequelabs/axe-core#3720)."""
    result = page.evaluate(
        """(tags) => { const x = scrollX, y = scrollY; scrollTo(0, 0);
            return axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
              .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)})))
              .finally(() => scrollTo(x, y)); }""",
        AXE_TAGS,
    )
    lines = []
    for v in result:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        lines += [f"    {n}" for n in v["nodes"]]
    return lines
