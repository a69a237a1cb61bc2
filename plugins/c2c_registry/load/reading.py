"""Read a content file from disk, refusing what no content file can be.

Only an ordinary file is opened (a symbolic link is never followed, so nothing outside
content/ is read; a device or pipe is never waited on), at most MAX_FILE_BYTES are read
whatever the file claims, and the text must be UTF-8 without control characters, which
are reported at their line and column.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from .positions import SourceError

MAX_FILE_BYTES = 1_000_000

# Characters no content file needs, typed into it: C0 and C1 controls but tab and line
# ends, the Unicode line and paragraph separators (YAML counts them as line breaks, so
# every later line number would be wrong) and the two non-characters.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_CHAR_NAMES = {
    "\x00": "NUL", "\x07": "bell", "\x08": "backspace", "\x0b": "vertical tab", "\x0c": "form feed",
    "\x1b": "escape", "\x7f": "delete", "\x85": "next line", "\u2028": "line separator",
    "\u2029": "paragraph separator",
}


def char_name(char: str) -> str:
    """'U+001B, escape': an invisible character named so it can be found and deleted."""
    name = _CHAR_NAMES.get(char)
    return f"U+{ord(char):04X}" + (f", {name}" if name else "")


def read_text(path: Path) -> str:
    """File contents as text: an ordinary file only (a symbolic link is never followed, a
    device or pipe never read), size-limited, UTF-8 (a BOM is allowed), LF line endings,
    and no control characters but tabs."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise SourceError("special-file", _open_problem(err), field="(file name)") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise SourceError("special-file", NOT_A_FILE, field="(file name)")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        size = max(info.st_size, len(data))
        raise SourceError(
            "file-too-large",
            f"the file is {size / 1_000_000:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1_000_000} MB. Split it or remove what is not content."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(
            "not-utf8", "the file is not UTF-8 text. Save it as UTF-8 in your editor.", line=line
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = _RAW_CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        if found.group() == "\x00":
            raise SourceError("not-utf8", "the file contains a NUL character, so it is not a text file. "
                              "Save it again as plain UTF-8 text.", line, column)
        more = len(_RAW_CONTROL.findall(text)) - 1
        raise SourceError(
            "control-character",
            f"this line has an invisible control character ({char_name(found.group())}) at column {column}; "
            "delete it (it often comes with text copied from another program)"
            + (f". The file has {more} more like it" if more else ""),
            line, column,
        )
    return text


NOT_A_FILE = ("this is not an ordinary file (a device, a pipe or a folder named like a file); "
              "put the file itself here")
SYMLINK = ("this is a symbolic link, not a file; put the file itself here (links are not followed, "
           "so nothing outside content/ is read)")


def _open_problem(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return SYMLINK
    if err.errno in (errno.EACCES, errno.EPERM):
        return "the file cannot be opened: permission denied. Make it readable"
    if err.errno == errno.ENOENT:
        return "the file disappeared while it was being checked; run `c2c validate` again"
    if err.errno == errno.EISDIR:
        return NOT_A_FILE
    reason = (err.strerror or "an error from the operating system").lower()
    return f"the file cannot be opened ({reason})"
