"""The real `c2c` command run in a forked child of the test process: isolated (a crash or
hang is contained and reported) without paying the interpreter's and the imports'
start-up again for every case, for tests that run it hundreds of times."""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass


@dataclass
class Run:
    returncode: int
    output: str
    seconds: float


def run_cli(args: list[str], timeout: float) -> Run:
    """Run `c2c_cli.main(args)` in a forked child: the real command, isolated
    (a crash or hang in the child cannot take the test run with it, and is reported),
    without paying the interpreter and import start-up again for every case."""
    import c2c_cli  # imported once, in the parent

    read_fd, write_fd = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: run the command with stdout and stderr on the pipe
        code = 70
        try:
            os.close(read_fd)
            os.dup2(write_fd, 1)
            os.dup2(write_fd, 2)
            sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8", line_buffering=True)
            sys.stderr = sys.stdout
            code = c2c_cli.main(args)
        except SystemExit as err:
            code = err.code if isinstance(err.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 70
        finally:
            try:
                sys.stdout.flush()
            finally:
                os._exit(code)
    os.close(write_fd)
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: os.read(read_fd, 65536), b"")), daemon=True)
    reader.start()
    deadline = start + timeout
    status = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.005)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        reader.join(1)
        os.close(read_fd)
        return Run(-9, f"TIMEOUT after {timeout} s\n" + b"".join(chunks).decode("utf-8", "replace"), timeout)
    seconds = time.monotonic() - start
    reader.join(5)
    os.close(read_fd)
    code = os.waitstatus_to_exitcode(status)
    return Run(code, b"".join(chunks).decode("utf-8", "replace"), seconds)
