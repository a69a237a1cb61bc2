"""A build process kept warm for `c2c serve --watch`.

Starting Python and importing Pelican, the plugins, the badge fonts' tools and the
bank-holiday tables takes longer than rebuilding the few pages one saved file touches.
So the watch server starts this process once: it imports all of that, then, for each
rebuild asked for, forks a child that runs an ordinary `c2c build` and exits. A child
starts with everything imported and nothing left over from the last build; a failed or
crashed build is only a child that exited, and the next is a fresh fork.

The code the children run is the code imported at start-up; its digest (what the page
records are kept against, c2c_views/reuse.py) is taken then too, so the records can
never claim code the children did not run. When a plugin's file changes, the watch
server starts a new one of these processes.

Between builds, while the person is reading their page, this process reads the files
the next build starts by reading: the parse cache and the page records the last build
left (c2c_registry/held.py); each fork finds them read, as long as they are still the
same files. It also loads the registry once, so the content's text is rendered
(`render_markdown` keeps what it rendered) and the next build renders only what changed.

Requests come one a line on stdin, as JSON (the saved files whose pages to show first,
and the folder to write them into); the answers (a line for each page shown first, then
the build's exit code) go, one a line, to the file descriptor named on the command
line, so the builds' own output still goes to the terminal.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import pkgutil
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from c2c_views.writing import FirstPages

from . import build


class Rebuilder:
    """The watch server's side: ask for a build, get its exit code."""

    def __init__(self, build_args: list[str]):
        self.build_args = build_args
        self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        # A process group of its own: `close` stops it with the build it may be running.
        self.process = subprocess.Popen([sys.executable, "-m", "c2c_cli.rebuilder", str(write), *self.build_args],
                                        stdin=subprocess.PIPE, pass_fds=(write,), text=True, start_new_session=True)
        os.close(write)
        self.answers = os.fdopen(read, "r")

    def build(self, first: Sequence[str] = (), folder: Path | None = None,
              shown: Callable[[str], None] | None = None) -> int:
        """A build; with `first` (saved files), their pages are written into `folder` as
        soon as they are rendered, and `shown(url)` is called for each."""
        request = json.dumps({"first": list(first), "folder": str(folder or "")}) + "\n"
        code = self._ask(request, shown)
        if code is None:  # the process died: a new one, once
            self.restart()
            code = self._ask(request, shown)
        return 1 if code is None else code

    def _ask(self, request: str, shown: Callable[[str], None] | None) -> int | None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(request)
            self.process.stdin.flush()
            while True:
                answer = self.answers.readline()
                if not answer.startswith(SHOWN):
                    return int(answer) if answer else None
                if shown is not None:
                    shown(answer[len(SHOWN):].rstrip("\n"))
        except (BrokenPipeError, OSError):
            return None

    def restart(self) -> None:
        self.close()
        self._start()

    def close(self) -> None:
        """Stop the process now, with whatever it is doing: a build, and that build's
        workers (a killed build leaves the published site as it was, or is mended by the
        next: c2c_cli/publish.py)."""
        if self.process.stdin:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:  # it and every process it started have exited
            pass
        self.process.wait()
        self.answers.close()


SHOWN = "shown "  # an answer line before the exit code: a first page is in the folder


def preload(args: argparse.Namespace) -> dict:
    """Import everything a build runs, then pin the digest of that code; the settings."""
    from pelican.settings import read_settings

    import c2c_views.reuse

    settings = read_settings(str(Path(args.settings)))
    for folder in settings.get("PLUGIN_PATHS", []):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    for name in settings.get("PLUGINS", []):
        module = importlib.import_module(name)
        if name.startswith("c2c_") and hasattr(module, "__path__"):
            for sub in pkgutil.walk_packages(module.__path__, f"{name}."):
                try:
                    importlib.import_module(sub.name)
                except Exception:  # an optional part that cannot load here is not a build's
                    pass
    from c2c_views.directory import opening

    opening.window(build.options.today(args))  # loads the bank holidays' tables
    c2c_views.reuse.code_digest()
    return settings


def hold_what_builds_read(args: argparse.Namespace, settings: dict) -> None:
    """Read the parse cache and the page records now, and render the content's text
    (`render_markdown` keeps each), for the next fork."""
    from c2c_registry.held import hold
    from c2c_registry.load.cache import ParseCache, cache_folder
    from c2c_registry.load.registry import load_registry
    from c2c_views.reuse import records_file

    content, cache = Path(args.content).resolve(), cache_folder(settings.get("C2C_PARSE_CACHE", ""))
    parsed = ParseCache.files(cache, content)
    hold(parsed)
    try:
        load_registry(content, cache_dir=cache)  # may write the parse cache: held again below
    except Exception:  # whatever is wrong, the build reports it
        pass
    hold([*parsed, records_file(Path(args.output).resolve())])
    gc.freeze()  # what the forks inherit is left out of their collections: fewer pages of it copied


def _tell(answers: int, url: str) -> None:
    os.write(answers, f"{SHOWN}{url}\n".encode())  # one write, shorter than a pipe's atomic size


def main(argv: list[str]) -> int:
    answers = os.fdopen(int(argv[0]), "w")
    parser = argparse.ArgumentParser(prog="c2c build")
    build.arguments(parser)
    args = parser.parse_args(argv[1:])
    settings = preload(args)
    hold_what_builds_read(args, settings)
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:
            code = 1
            try:
                first = FirstPages(request["first"], Path(request["folder"]), partial(_tell, answers.fileno())) \
                    if request["first"] else None
                code = build.run(args, first)
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(child, 0)
        answers.write(f"{os.waitstatus_to_exitcode(status)}\n")
        answers.flush()
        hold_what_builds_read(args, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
