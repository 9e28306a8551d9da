"""The app's render worker: a long-lived process that runs exports warm, with the renderer's caches.

WeasyPrint is pure Python, so rendering inside the Streamlit process would hold up every other
session. The app therefore hands exports to this separate process, which keeps WeasyPrint imported,
its fonts loaded and the laid-out parts of the last exports (``pdfrender``): the export after a small
change takes a fraction of the first. It speaks one JSON line per job over stdin/stdout and runs the
same code as ``python -m werkstatt export``, so messages and exit codes are the CLI's.

One job at a time. When the worker is busy, a one-off CLI process does the job in parallel; when it
has died, it is started again for the next job. Both end within moments of the server that started
them: a large export renders for minutes at over a gigabyte, and nobody would be left to receive it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from werkstatt import texts

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    stats: dict = field(default_factory=dict)  # the renderer's counters, for tests and benchmarks


def watch_parent(parent: int) -> threading.Thread:
    """End this process as soon as ``parent`` (the server that started it) has ended.

    The end of stdin is only noticed between jobs, so a thread waits for the parent itself: a pidfd
    (Linux 5.3 and newer) wakes it the moment the parent ends; elsewhere it looks twice a second
    whether this process has been handed to another parent. ``os._exit``: the main thread may be deep
    inside WeasyPrint, and files are written atomically, so there is nothing to tidy up.
    """

    def wait() -> None:
        try:
            handle = os.pidfd_open(parent)
        except ProcessLookupError:  # already gone
            os._exit(0)
        except (AttributeError, OSError):  # no pidfd on this system
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(0)
        if os.getppid() != parent:  # it ended before the pidfd was open, and its number went to another
            os._exit(0)
        select.select([handle], [], [])
        os._exit(0)

    thread = threading.Thread(target=wait, name="watch-parent", daemon=True)
    thread.start()
    return thread


def serve(requests=sys.stdin, replies=sys.stdout) -> None:  # noqa: ANN001
    """The worker's loop: one JSON list of CLI arguments in, one JSON result out."""
    from werkstatt import cli, render

    render.renderer()  # import WeasyPrint now, not with the first job
    for line in requests:
        argv = json.loads(line)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as stop:  # argparse on bad arguments
                code = stop.code if isinstance(stop.code, int) else 1
            except Exception as error:  # noqa: BLE001 - one failed job must not end the worker
                print(texts.WORKER_FAILED.format(error=error), file=err)
                code = 1
        replies.write(json.dumps(asdict(Result(code, out.getvalue(), err.getvalue(), render.renderer().stats))) + "\n")
        replies.flush()


class RenderWorker:
    """Starts the worker on first use and sends it one job at a time (thread-safe)."""

    def __init__(self, timeout: float = 900) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None

    def run(self, argv: list[str]) -> Result:
        if not self._lock.acquire(blocking=False):
            return one_off(argv, self.timeout)  # someone else's export is running: do not wait for it
        try:
            return self._ask(argv)
        finally:
            self._lock.release()

    def _ask(self, argv: list[str]) -> Result:
        try:
            process = self._running()
            process.stdin.write(json.dumps(argv) + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], self.timeout)
            line = process.stdout.readline() if ready else ""
            if not line:
                raise OSError("no answer")
            return Result(**json.loads(line))
        except (OSError, ValueError):
            self.stop()  # died or hung: the next job starts a new worker, this one runs on its own
            return one_off(argv, self.timeout)

    def _running(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "werkstatt.worker", str(os.getpid())],
                cwd=PROJECT_ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # WeasyPrint's warnings about CSS it ignores
                text=True,
                encoding="utf-8",
            )
        return self._process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process and self._process.poll() is None else None

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None


def one_off(argv: list[str], timeout: float) -> Result:
    """The same job in a fresh CLI process (no caches, but in parallel with the worker)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "werkstatt.worker", str(os.getpid()), *argv],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return Result(1, "", texts.WORKER_TIMEOUT)
    return Result(done.returncode, done.stdout, done.stderr)


def main(argv: list[str]) -> int:
    """``python -m werkstatt.worker SERVER_PID [ARGS]``: the worker's loop, or one CLI job, while the server lives."""
    watch_parent(int(argv[0]))  # first, before WeasyPrint's import takes its seconds
    if len(argv) > 1:
        from werkstatt import cli

        return cli.main(argv[1:])
    serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
