"""The built sample site, read as files: every page type exists, every page is valid
HTML, no internal link is broken, external links cannot reach back into the page, and
the Content-Security-Policy forbids inline script and third-party origins."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import html5lib
import pytest

from support.page_kinds import PAGE_TYPES, html_files, ids_in, page_file, parse, resolve, url_path_of

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "form": "action",
                   "iframe": "src", "use": "href", "image": "href"}


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_is_built(site, page_type):
    assert page_file(site, page_type) is not None, (
        f"no '{page_type}' page in the build: nothing matches {PAGE_TYPES[page_type]}"
    )


def test_every_page_is_valid_html(site):
    """html5lib in strict mode raises on the first parse error (bad nesting, stray end
    tags, unescaped characters, a missing doctype...). Every built page, not a sample."""
    problems = []
    for file in html_files(site):
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(file.read_bytes())
        except html5lib.html5parser.ParseError as err:
            problems.append(f"{file.relative_to(site)}: {err}")
    assert not problems, "invalid HTML:\n" + "\n".join(problems[:30])


def test_pages_have_the_document_basics(site):
    """What strict parsing does not check: language, one title, one h1, one main, unique
    ids, the viewport meta, and labelled landmarks."""
    problems = []
    for file in html_files(site):
        tree = parse(file)
        where = file.relative_to(site)
        html = tree if tree.tag == "html" else tree.find(".//html")
        if not (html is not None and html.get("lang")):
            problems.append(f"{where}: <html> has no lang")
        titles = tree.findall(".//title")
        if len(titles) != 1 or not (titles[0].text or "").strip():
            problems.append(f"{where}: needs exactly one non-empty <title>")
        for tag in ("h1", "main"):
            n = len(tree.findall(f".//{tag}"))
            if n != 1:
                problems.append(f"{where}: {n} <{tag}> elements (want 1)")
        ids = [el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            problems.append(f"{where}: duplicate ids {dupes}")
        if not any(m.get("name") == "viewport" for m in tree.findall(".//meta")):
            problems.append(f"{where}: no viewport meta")
    assert not problems, "\n".join(problems[:40])


def _links(site, file):
    for el in parse(file).iter():
        if not isinstance(el.tag, str):
            continue
        attr = LINK_ATTRIBUTES.get(el.tag)
        for name in filter(None, (attr, "xlink:href" if el.tag in ("use", "image", "a") else None)):
            value = el.get(name)
            if value is not None:
                yield el, name, value.strip()
        if el.tag in ("img", "source") and el.get("srcset"):
            for candidate in el.get("srcset").split(","):
                yield el, "srcset", candidate.strip().split(" ")[0]


def test_no_broken_internal_links(site):
    """Every internal href/src in every built page points to a file in the output; a
    #fragment must be an id on the target page; a folder URL needs its index.html."""
    broken = []
    for file in html_files(site):
        here = url_path_of(site, file)
        for el, attr, value in _links(site, file):
            if value == "":
                broken.append(f"{file.relative_to(site)}: empty {attr} on <{el.tag}>")
                continue
            found = resolve(site, here, value)
            if found is None:
                continue
            target, fragment = found
            if target is None:
                broken.append(f"{here}: <{el.tag} {attr}={value!r}> -> no such file")
            elif fragment and target.suffix == ".html" and fragment not in ids_in(target):
                broken.append(f"{here}: <{el.tag} {attr}={value!r}> -> no id '{fragment}' on the target page")
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(sorted(set(broken))[:40])


def test_sitemap_lists_only_real_pages(site):
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs, "the sitemap lists no pages"
    missing = []
    for loc in locs:
        path = urlsplit(loc).path
        target, _ = resolve(site, "/", path)
        if target is None:
            missing.append(loc)
    assert not missing, f"sitemap entries with no page: {missing[:10]}"
    robots = (site / "robots.txt").read_text("utf-8")
    assert robots.startswith("User-agent: *\n")
    for line in robots.splitlines():
        if line.startswith("Sitemap:"):
            assert line.split(None, 1)[1].startswith(("https://", "http://")), "Sitemap: needs an absolute URL"


def test_external_links_have_rel_noopener(site):
    bad = []
    for file in html_files(site):
        for el in parse(file).iter("a"):
            href = (el.get("href") or "").strip()
            if urlsplit(href).scheme in ("http", "https") or href.startswith("//"):
                rel = (el.get("rel") or "").split()
                if "noopener" not in rel:
                    bad.append(f"{url_path_of(site, file)}: {href}")
    assert not bad, "external links without rel=noopener:\n" + "\n".join(sorted(set(bad))[:30])


CSP_DIRECTIVE = re.compile(r"^[a-z-]+(\s+\S+)*$")


def _csp_problems(csp: str) -> list[str]:
    problems = []
    directives = {}
    for part in filter(None, (p.strip() for p in csp.split(";"))):
        assert CSP_DIRECTIVE.match(part), f"malformed CSP directive {part!r}"
        name, *sources = part.split()
        directives[name] = sources
    for name, sources in directives.items():
        for source in sources:
            if source in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:"):
                problems.append(f"{name} allows {source}")
            elif not source.startswith("'") and source not in ("data:",):
                problems.append(f"{name} allows a third-party origin {source}")
    for required in ("default-src", "script-src", "object-src", "base-uri"):
        if required not in directives:
            problems.append(f"no {required}")
    if directives.get("script-src") != ["'self'"]:
        problems.append(f"script-src should be just 'self', not {directives.get('script-src')}")
    if directives.get("object-src") != ["'none'"]:
        problems.append("object-src should be 'none'")
    return problems


def test_every_page_has_the_meta_csp(site):
    policies = set()
    for file in html_files(site):
        metas = [m for m in parse(file).findall(".//meta")
                 if (m.get("http-equiv") or "").lower() == "content-security-policy"]
        assert len(metas) == 1, f"{file.relative_to(site)}: {len(metas)} CSP meta tags"
        policies.add(metas[0].get("content"))
        head = [el for el in parse(file).find(".//head") if isinstance(el.tag, str)]
        first_resource = next((i for i, el in enumerate(head) if el.tag in ("link", "script", "style", "base")), len(head))
        assert head.index(metas[0]) < first_resource, f"{file.relative_to(site)}: the CSP meta must come before any resource"
    assert len(policies) == 1, f"pages carry different policies: {policies}"
    (csp,) = policies
    assert not _csp_problems(csp), _csp_problems(csp)


def test_headers_file_carries_the_same_policy(site):
    text = (site / "_headers").read_text("utf-8")
    assert text.startswith("/*\n")
    headers = dict(line.strip().split(": ", 1) for line in text.splitlines()[1:] if line.strip())
    csp = headers["Content-Security-Policy"]
    assert not _csp_problems(csp), _csp_problems(csp)
    assert "frame-ancestors 'none'" in csp
    assert headers.get("X-Content-Type-Options") == "nosniff"
    meta = next(m.get("content") for m in parse(site / "index.html").findall(".//meta")
                if (m.get("http-equiv") or "").lower() == "content-security-policy")
    assert csp.startswith(meta), "_headers and the meta tag must carry the same policy"


def test_no_inline_script_or_style_in_any_page(site):
    """The CSP would block these; finding them here names the page and the markup."""
    problems = []
    for file in html_files(site):
        where = url_path_of(site, file)
        for el in parse(file).iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag == "script":
                kind = (el.get("type") or "").lower()
                if kind in ("application/ld+json", "application/json"):  # data, never run
                    continue
                src = el.get("src") or ""
                if not src:
                    problems.append(f"{where}: inline <script>")
                elif urlsplit(src).netloc:
                    problems.append(f"{where}: third-party script {src}")
            if el.tag == "style":
                problems.append(f"{where}: <style> element")
            if el.get("style") is not None:
                problems.append(f"{where}: style attribute on <{el.tag}>")
            for name in el.keys():
                if isinstance(name, str) and name.lower().startswith("on"):
                    problems.append(f"{where}: event handler attribute {name} on <{el.tag}>")
            for name in ("href", "src", "action", "formaction"):
                value = re.sub(r"[\s\x00-\x1f]", "", (el.get(name) or "")).lower()
                if value.startswith(("javascript:", "vbscript:", "data:text/html")):
                    problems.append(f"{where}: {name}={el.get(name)!r} on <{el.tag}>")
            if el.tag == "link" and urlsplit(el.get("href") or "").netloc:
                problems.append(f"{where}: third-party <link> {el.get('href')}")
    assert not problems, "\n".join(sorted(set(problems))[:40])
