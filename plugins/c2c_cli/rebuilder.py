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
same files.

Requests come one a line on stdin; each answer (the build's exit code) goes, one a
line, to the file descriptor named on the command line, so the builds' own output
still goes to the terminal.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import pkgutil
import subprocess
import sys
import traceback
from pathlib import Path

from . import build


class Rebuilder:
    """The watch server's side: ask for a build, get its exit code."""

    def __init__(self, build_args: list[str]):
        self.build_args = build_args
        self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        self.process = subprocess.Popen([sys.executable, "-m", "c2c_cli.rebuilder", str(write), *self.build_args],
                                        stdin=subprocess.PIPE, pass_fds=(write,), text=True)
        os.close(write)
        self.answers = os.fdopen(read, "r")

    def build(self) -> int:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write("build\n")
            self.process.stdin.flush()
            answer = self.answers.readline()
        except (BrokenPipeError, OSError):
            answer = ""
        if not answer:  # the process died: a new one, once
            self.restart()
            return self.build_once_more()
        return int(answer)

    def build_once_more(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        answer = self.answers.readline()
        return int(answer) if answer else 1

    def restart(self) -> None:
        self.close()
        self._start()

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.answers.close()


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
    """Read the parse cache and the page records now, for the next fork."""
    from c2c_registry.held import hold
    from c2c_registry.load.cache import ParseCache, cache_folder
    from c2c_views.reuse import records_file

    content = Path(args.content).resolve()
    hold([*ParseCache.files(cache_folder(settings.get("C2C_PARSE_CACHE", "")), content),
          records_file(Path(args.output).resolve())])
    gc.freeze()  # what the forks inherit is left out of their collections: fewer pages of it copied


def main(argv: list[str]) -> int:
    answers = os.fdopen(int(argv[0]), "w")
    parser = argparse.ArgumentParser(prog="c2c build")
    build.arguments(parser)
    args = parser.parse_args(argv[1:])
    settings = preload(args)
    hold_what_builds_read(args, settings)
    for _ in sys.stdin:
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:
            code = 1
            try:
                code = build.run(args)
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
