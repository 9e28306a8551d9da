"""German everywhere, names shown as text, nothing fetched or looked up outside: every page in a browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path

from browser_helpers import open_page, wait_until
from conftest import DEMO, ROOT, free_port
from playwright.sync_api import Page

# -- config: the laptop only, no outside name lookups -----------------------------------------------

# Runs Streamlit with every outside name lookup refused and written down (one name per line);
# "-- started" marks that the start banner was done, which is where Streamlit used to ask.
NO_DNS_WRAPPER = """
import pathlib, socket, sys

log = pathlib.Path(sys.argv.pop(1))
LOCAL = {None, "", "localhost", "127.0.0.1", "0.0.0.0", "::", "::1"}
real_getaddrinfo = socket.getaddrinfo


def write(line):
    with log.open("a", encoding="utf-8") as out:
        out.write(line + "\\n")


def getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name not in LOCAL:
        write(str(name))
        raise socket.gaierror(socket.EAI_NONAME, "no name lookups in this test")
    return real_getaddrinfo(host, *args, **kwargs)


def gethostbyname(host):
    write(str(host))
    raise socket.gaierror(socket.EAI_NONAME, "no name lookups in this test")


socket.getaddrinfo = getaddrinfo
socket.gethostbyname = gethostbyname

from streamlit.web import bootstrap, cli

print_url = bootstrap._print_url


def print_url_then_mark(*args, **kwargs):
    print_url(*args, **kwargs)
    write("-- started")


bootstrap._print_url = print_url_then_mark
sys.argv = ["streamlit", *sys.argv[1:]]
sys.exit(cli.main())
"""


def test_config_serves_only_this_laptop_and_hides_outside_links() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorLinks"] is False
    assert config["client"]["showErrorDetails"] == "none"


def _cross_origin_handshake(port: int) -> bytes:
    """A websocket handshake from a foreign page: Streamlit checks the origin (and used to look outside)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            (
                "GET /_stcore/stream HTTP/1.1\r\n"
                f"Host: 127.0.0.1:{port}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                "Origin: http://fremde-seite.example\r\n\r\n"
            ).encode()
        )
        return sock.recv(200)


def test_serving_the_network_looks_up_no_outside_host(tmp_path: Path, page: Page) -> None:
    root = tmp_path / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    wrapper = tmp_path / "no_dns.py"
    wrapper.write_text(NO_DNS_WRAPPER, encoding="utf-8")
    lookups = tmp_path / "lookups.txt"
    lookups.touch()
    port = free_port()
    env = {**os.environ, "WERKSTATT_PERSONAS": str(root)}
    with (tmp_path / "streamlit.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, str(wrapper), str(lookups), "run", str(ROOT / "app.py")]
            + ["--server.port", str(port), "--server.address", "0.0.0.0"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            assert wait_until(lambda: "-- started" in lookups.read_text("utf-8"), timeout=90), (
                tmp_path / "streamlit.log"
            ).read_text()
            url = f"http://127.0.0.1:{port}"
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
                assert response.read() == b"ok"
            open_page(page, url)  # the first run of app.py: from here on foreign origins are answered locally
            answer = _cross_origin_handshake(port)
            assert not answer.startswith(b"HTTP/1.1 101"), answer
        finally:
            process.terminate()
            process.wait(timeout=20)
    assert lookups.read_text("utf-8").splitlines() == ["-- started"]
