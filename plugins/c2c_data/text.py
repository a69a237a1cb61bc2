"""Sanitised HTML (from `c2c_registry.markup`) back to plain text, for data files that
carry text rather than markup: paragraphs and list items each become a paragraph."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.flush()
    return "\n\n".join(parser.paragraphs)
