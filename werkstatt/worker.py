"""The app's render worker: a long-lived process that runs exports warm, with the renderer's caches.

WeasyPrint is pure Python, so rendering inside the Streamlit process would hold up every other
session. The app therefore hands exports to this separate process, which keeps WeasyPrint imported,
its fonts loaded and the laid-out parts of the last exports (``pdfrender``): the export after a small
change takes a fraction of the first. Each job is one ``export.ExportRequest``, sent as one JSON line
over stdin, and the worker calls ``export.run`` with it, the call behind ``python -m werkstatt export``:
messages and exit codes are the CLI's. The answer is one JSON line on stdout.

One job at a time. When the worker is busy, a one-off worker process does the job in parallel; when it
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
from typing import TYPE_CHECKING, TextIO

from werkstatt import texts

if TYPE_CHECKING:
    from werkstatt.export import ExportRequest

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


def serve(requests: TextIO = sys.stdin, replies: TextIO = sys.stdout) -> None:
    """The worker's loop: one export request (JSON) in, one JSON result out, until stdin ends."""
    from werkstatt import render

    render.renderer()  # import WeasyPrint now, not with the first job
    for line in requests:
        with contextlib.redirect_stdout(io.StringIO()):  # a stray print must not break the replies' pipe
            result = carry_out(line)
        replies.write(json.dumps(asdict(result)) + "\n")
        replies.flush()


def carry_out(line: str) -> Result:
    """One job: the request's progress lines become stdout, its German refusal stderr, as the CLI prints them."""
    from werkstatt import export, render

    said: list[str] = []
    try:
        export.run(export.ExportRequest.from_json(line), progress=said.append)
        code, problems = 0, []
    except export.ExportFailed as failed:
        code, problems = 1, failed.lines
    except Exception as error:  # one failed job must not end the worker
        code, problems = 1, [texts.WORKER_FAILED.format(error=error)]
    return Result(code, "".join(f"{m}\n" for m in said), "".join(f"{p}\n" for p in problems), render.renderer().stats)


class RenderWorker:
    """Starts the worker on first use and sends it one job at a time (thread-safe)."""

    def __init__(self, timeout: float = 900) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None

    def run(self, request: ExportRequest) -> Result:
        if not self._lock.acquire(blocking=False):
            return one_off(request, self.timeout)  # someone else's export is running: do not wait for it
        try:
            return self._ask(request)
        finally:
            self._lock.release()

    def _ask(self, request: ExportRequest) -> Result:
        try:
            process = self._running()
            process.stdin.write(request.to_json() + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], self.timeout)
            line = process.stdout.readline() if ready else ""
            if not line:
                raise OSError("no answer")
            return Result(**json.loads(line))
        except (OSError, ValueError):
            self.stop()  # died or hung: the next job starts a new worker, this one runs on its own
            return one_off(request, self.timeout)

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
                env=child_environment(),
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


def child_environment() -> dict[str, str]:
    """The server's environment without the plain PIN: a renderer needs none, and /proc shows it to its user."""
    return {name: value for name, value in os.environ.items() if name != "WERKSTATT_PIN"}


def one_off(request: ExportRequest, timeout: float) -> Result:
    """The same job in a fresh worker process that ends after it (no caches, but in parallel)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "werkstatt.worker", str(os.getpid())],
            input=request.to_json() + "\n",
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            env=child_environment(),
        )
    except subprocess.TimeoutExpired:
        return Result(1, "", texts.WORKER_TIMEOUT)
    try:
        return Result(**json.loads(done.stdout.splitlines()[-1]))
    except (IndexError, ValueError, TypeError):  # it died before answering
        return Result(1, "", texts.WORKER_FAILED.format(error=done.returncode))


def main(argv: list[str]) -> int:
    """``python -m werkstatt.worker SERVER_PID``: the worker's loop, while the server lives."""
    watch_parent(int(argv[0]))  # first, before WeasyPrint's import takes its seconds
    serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
