"""Read YAML into plain data while remembering where every value came from.

PyYAML's composer gives nodes with line and column marks; we build Python values from
those nodes ourselves so that we can (a) keep a position for every key and value,
(b) reject what a registry file never needs and an attacker might use: duplicate keys,
anchors and aliases (alias bombs), merge keys and custom tags, and (c) keep dates as the
text the author wrote, so the JSON Schema checks them as strings. Where each value was is
kept in a SourceMap (positions.py).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..rules.problems import shown
from .positions import Path_, SourceError, SourceMap, dotted

try:  # libyaml is ~8x faster; fall back to pure Python where it is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_NODES = 50_000
MAX_DEPTH = 20  # registry files nest 5 deep; libyaml slows quadratically with depth

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_constructor = yaml.constructor.SafeConstructor()


def parse_yaml(text: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain data and a SourceMap."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise SourceError("empty-file", "the file is empty; it needs the fields described in the README.")
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = err.problem or err.context or "cannot be read"
        bad_line = text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""
        if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())]:
            raise SourceError(
                "yaml-syntax", "this line is indented with a tab; YAML needs spaces. Replace the tab with spaces.",
                line, 1,
            ) from None
        raise SourceError("yaml-syntax", _syntax_message(problem), line, col) from None
    except yaml.YAMLError:
        raise SourceError("yaml-syntax", _syntax_message("")) from None
    if node is None:
        raise SourceError("empty-file", "the file is empty; it needs the fields described in the README.")
    smap = SourceMap()
    builder = _Builder(smap)
    return builder.build(node, ()), smap


# What the YAML parser says, in words for the person who wrote the file. The parser's own
# words are kept where they are plain; its names for grammar (<block end>) never are.
_SYNTAX_HINTS = (
    ("tab character", "a tab is used where YAML needs spaces. Replace the tab with spaces"),
    ("mapping values are not allowed", "a ': ' appears where YAML does not expect one. Put text containing ': ' "
                                       "in quotes, or check the indentation"),
    ("could not find expected ':'", "a line has no ': ' between the field name and its value, or a quoted text "
                                    "is not closed"),
    ("unknown escape character", "a backslash in double-quoted text starts an escape YAML does not know. Use "
                                 "single quotes, or write \\\\ for a backslash"),
    ("end of stream", "the file ends inside a quoted text or a bracket. Check that every quote and bracket is "
                      "closed"),
    ("document start", "a line cannot be read as a field: check its indentation, and put text containing ': ' "
                       "in quotes"),
    ("block end", "the indentation of this line does not match the lines above it"),
    ("block sequence entries", "a line starting with '- ' is where a value belongs. Check the indentation"),
    ("did not find expected key", "this line is not a field (name: value) where one was expected. Check its "
                                  "indentation, and put text containing ': ' in quotes"),
    ("expected '-' indicator", "a list item (a line starting with '- ') was expected here. Check the indentation "
                               "of the list"),
    ("expected node content", "a value is missing here, or starts with a character YAML reserves. Put the text "
                              "in quotes"),
    ("comment or line break", "something follows a value on the same line. Put the whole value in quotes"),
    ("directive", "a line starting with % is read as a YAML instruction. Put the text in quotes"),
    ("mapping keys are not allowed", "a field name appears where YAML does not expect one. Check the indentation"),
    ("escape code", "a \\u or \\x escape in double-quoted text is not a character. Use single quotes, or "
                    "write the character itself"),
    ("cannot start any token", "a line starts with a character YAML reserves (such as @, ` or %). Put the text "
                               "in quotes"),
)


def _syntax_message(problem: str) -> str:
    for words, hint in _SYNTAX_HINTS:
        if words in problem:
            return f"this is not valid YAML: {hint}."
    plain = re.sub(r"<[^<>]*>", "a value", problem) if problem else ""
    said = f" ({plain})" if plain and len(plain) < 80 and not re.search(r"[\\{}]", plain) else ""
    return (f"this is not valid YAML{said}. Check indentation and that text containing ': ' or starting "
            "with a special character is in quotes.")


def _compose(text: str) -> yaml.Node | None:
    """`yaml.compose`, without recursion and refusing what registry files never hold
    before it costs anything: PyYAML's composer recurses once per nesting level (a file of
    100,000 `[` crashes the process) and libyaml slows quadratically with depth, so depth
    is limited as the events arrive; an alias is refused at once, so an alias bomb is
    never expanded."""
    loader: Any = _Loader(text)  # events and marks typed loosely: C and Python loaders differ
    try:
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # DocumentStart
        stack: list[yaml.Node] = []
        keys: list[bool] = []  # for each open mapping: is its next node a key?
        root: yaml.Node | None = None
        count = 0
        while root is None:
            event: Any = loader.get_event()
            start: Any = event.start_mark
            at = (start.line + 1, start.column + 1)
            count += 1
            if count > 2 * MAX_NODES:  # start and end events: two per list or mapping
                raise SourceError(
                    "file-too-large", f"the file has more than {MAX_NODES} values; it is too large.", *at,
                )
            if isinstance(event, yaml.AliasEvent):
                raise SourceError(
                    "yaml-alias", "YAML aliases (*name) are not allowed; write the value out.", *at,
                )
            node: yaml.Node
            if isinstance(event, yaml.ScalarEvent):
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag == "tag:yaml.org,2002:merge":
                    raise SourceError("yaml-alias", "YAML merge keys (<<) are not allowed; write the fields out in full.", *at)
                end: Any = event.end_mark
                node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise SourceError(
                        "nesting-depth", f"the fields are nested more than {MAX_DEPTH} levels deep; registry files "
                        "never need that. Check the brackets and indentation.", *at,
                    )
                kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(kind, None, event.implicit)
                stack.append(kind(tag, [], start, None, flow_style=event.flow_style))
                keys.append(True)
                continue
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node = stack.pop()
                node.end_mark = event.end_mark
                keys.pop()
            else:  # pragma: no cover - the parser emits nothing else inside a document
                raise SourceError("yaml-syntax", f"this is not valid YAML (unexpected {type(event).__name__}).")
            if not stack:
                root = node
            elif isinstance(stack[-1], yaml.MappingNode):
                if keys[-1]:
                    stack[-1].value.append((node, None))
                else:
                    stack[-1].value[-1] = (stack[-1].value[-1][0], node)
                keys[-1] = not keys[-1]
            else:
                stack[-1].value.append(node)
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            extra: Any = loader.get_event()
            raise SourceError(
                "yaml-syntax", "the file holds more than one YAML document (a second '---' line?); keep one.",
                extra.start_mark.line + 1, extra.start_mark.column + 1,
            )
        return root
    finally:
        loader.dispose()


class _Builder:
    def __init__(self, smap: SourceMap):
        self.smap = smap
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            raise self._error(node, "yaml-alias", "YAML aliases (*name) are not allowed; write the value out.")
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise self._error(node, "file-too-large", f"the file has more than {MAX_NODES} values; it is too large.")
        self.smap.values[path] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self._error(node, "yaml-tag", _tag_message(node.tag))
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        if node.tag != "tag:yaml.org,2002:map":
            raise self._error(node, "yaml-tag", _tag_message(node.tag))
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._error(key_node, "yaml-alias", "YAML merge keys (<<) are not allowed; write the fields out in full.")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._error(
                    key_node, "field-name",
                    f"field names must be words, but this one is {_kind(key_node)}. Check the brackets, "
                    "and the '?' or ':' at the start of the line.",
                )
            if key_node.tag != "tag:yaml.org,2002:str":
                said = shown(key_node.value) if key_node.value else "the empty name before ':'"
                raise self._error(
                    key_node, "field-name",
                    f"field names must be words, but {said} is read as {_kind(key_node)}. "
                    "Put it in quotes or rename it.",
                )
            key = key_node.value
            if key in result:
                first = self.smap.key(path + (key,))
                raise self._error(
                    key_node, "duplicate-key",
                    f"the field {shown(key)} appears twice (first on line {first.line}); "
                    "keep one.",
                    field=dotted(path + (key,)),
                )
            self.smap.keys[path + (key,)] = _pos(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        self.smap.raw[path] = node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # keep the author's text; the schema checks the date
        if node.tag not in _PLAIN_TAGS:
            raise self._error(node, "yaml-tag", _tag_message(node.tag))
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        try:
            return _constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            return node.value

    def _error(self, node: yaml.Node, rule: str, message: str, field: str = "") -> SourceError:
        return SourceError(rule, message, *_pos(node), field or "(file)")


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
    return (f"custom YAML tags ({shown}) are not allowed; write a plain value, and put text "
            "that starts with '!' in quotes.")


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a set of fields"
    return {
        "tag:yaml.org,2002:int": "a number",
        "tag:yaml.org,2002:float": "a number",
        "tag:yaml.org,2002:bool": "a true/false value",
        "tag:yaml.org,2002:null": "an empty value",
        "tag:yaml.org,2002:timestamp": "a date",
    }.get(node.tag, "not plain text")


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split a Markdown file into (front matter YAML, body, line where the YAML starts - 1)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(
            "front-matter", "the file must start with a line '---', then the YAML fields, then another '---'."
        )
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), 1
    raise SourceError("front-matter", "the YAML front matter has no closing '---' line.")
