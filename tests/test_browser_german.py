"""German everywhere, names shown as text, nothing fetched or looked up outside: every page in a browser."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path

import pytest
import yaml
from browser_helpers import open_page, serious_accessibility_problems, settle, wait_until
from conftest import DEMO, ROOT, RunningApp, free_port
from playwright.sync_api import Page, expect

# -- every page: German, accessible, names shown as text, nothing fetched from elsewhere --------------

IMAGE_NAME = "![x](http://127.0.0.1:9/x.png)"  # another port of this machine: a different origin
LINK_TOPIC = "[klick](javascript:alert(1)) ![t](http://127.0.0.1:9/thema.png)"
QUESTION = "![q](http://127.0.0.1:9/frage.png) Gibt es unser Problem auch anderswo?"
TITLE = "K360 **Fellowtag** ![t](http://127.0.0.1:9/titel.png)"
LONG_WORD = "Kinder" + "und" * 730  # 2,196 letters without a break
PAGES = {
    "personas": "Alle Personas",
    "vergleich": "Vergleich",
    "matrix": "Matrix",
    "verbindendes": "Verbindende Elemente",
    "lernpartner": "Lernpartner",
    "praesentation": "Präsentation",
    "themenboerse": "Themenbörse",
    "programm": "Programm",
    "themenrunde": "Themenrunde",
    "mitnehmen": "Mitnehmen",
    "gruppe": "Stand der Gruppe",
    "export": "Export",
    "zugang": "Zugang",
    "anlegen": "Workshop anlegen",
}
WIZARD_STEPS = ["Persona", "Zitat & Geschichte", "Stand je Thema", "Stolpersteine", "Was gelingt", "Was antreibt"]
WIZARD_STEPS += ["Fragen & Teilen", "Vorschau"]
# Streamlit's own English as its frontend bundle spells it (a name or text that equals one of these,
# or matches one of the patterns, is English a German user would see or hear).
ENGLISH_NAMES = {
    "Skip to main content", "Sidebar", "App pages", "Collapse sidebar", "Expand sidebar", "Main menu",
    "Link to heading", "Select all", "Clear all", "Clear value", "Open", "No results", "Choose an option",
    "Choose options", "Selectbox options", "Selected values", "Show suggestions", "Show password",
    "Hide password", "Increment", "Decrement", "Choose date", "Choose date range", "year", "month", "day",
    "Upload", "Browse files", "Drag and drop file here", "Drag and drop a file here", "file upload",
    "Show/hide columns", "Download as CSV", "Search", "Fullscreen", "Close fullscreen", "Show data",
    "Download as PNG", "Add row", "Delete", "Clear selection", "Page not found", "Connection error",
    "Ask Google", "Ask ChatGPT", "Copy", "Close", "Running...", "Stop", "None", "null", "Error", "Error:",
    "Add files", "Loading", "Upload failed",
}  # fmt: skip
ENGLISH_PATTERNS = [
    r"^Remove .+",
    r"^Help for ",
    r"^Press (Ctrl|⌘)?\+?Enter to (apply|submit form)",
    r"per file",
    r"^Drag and drop",
    r"^File is too large",
    r"^File must be",
    r"^[a-z_]+ icon$",
    r"files are not allowed|File type not allowed",
    r"^\d+ options? available",
    r", selected$",
    r"^(day|month|year), ",
    r"^(Show data|Download as PNG|Fullscreen|Search): ",
    r"Running the app's main page",
    r"\b(None|null)\b",
]

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


COLLECT_WORDS = """() => {
    const found = [];
    for (const element of document.querySelectorAll("body *")) {
        if (["SCRIPT", "STYLE", "NOSCRIPT"].includes(element.tagName)) continue;
        for (const name of ["aria-label", "placeholder", "title", "alt", "aria-valuetext"]) {
            const value = element.getAttribute(name);
            if (value && value.trim()) found.push(value.trim());
        }
        for (const node of element.childNodes) {
            if (node.nodeType === Node.TEXT_NODE && node.nodeValue.trim() && element.checkVisibility()) {
                found.push(node.nodeValue.trim());
            }
        }
    }
    return found;
}"""


def english_left(page: Page) -> list[str]:
    """Streamlit English still in the page: attributes, visible text and the accessibility tree's names."""
    words = set(page.evaluate(COLLECT_WORDS))
    for line in page.locator("body").aria_snapshot().splitlines():
        line = line.strip().removeprefix("- ")
        named = re.match(r'^[a-z]+ "(.*)"', line)
        if named:
            words.add(named.group(1))
        elif re.match(r"^[a-z]+: ", line):
            words.add(line.split(": ", 1)[1].strip("'\""))
    return sorted(word for word in words if word in ENGLISH_NAMES or any(re.search(p, word) for p in ENGLISH_PATTERNS))


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory):
    """The demo with markdown in the title, a Kommune name and a topic label; a 2,200-letter word as place and quote."""
    root = tmp_path_factory.mktemp("german") / "personas"
    folder = root / "fellowtag-demo"
    shutil.copytree(DEMO, folder)
    workshop = yaml.safe_load((folder / "workshop.yaml").read_text("utf-8"))
    workshop["title"] = TITLE
    workshop["place"] = LONG_WORD  # shown in a markdown caption on the start page
    workshop["kommunen"][0]["name"] = IMAGE_NAME
    workshop["topics"][0]["label"] = LINK_TOPIC
    workshop["questions"][0] = QUESTION
    (folder / "workshop.yaml").write_text(yaml.safe_dump(workshop, allow_unicode=True, sort_keys=False), "utf-8")
    slug = workshop["kommunen"][0]["slug"]
    persona = yaml.safe_load((folder / f"{slug}.yaml").read_text("utf-8"))
    persona["persona"]["quote"] = LONG_WORD
    (folder / f"{slug}.yaml").write_text(yaml.safe_dump(persona, allow_unicode=True, sort_keys=False), "utf-8")
    running = RunningApp(root)
    yield running
    running.stop()


def check_page(page: Page, where: str, foreign: list[str]) -> list[str]:
    """Everything one page must hold to; returns readable findings (empty when all is well)."""
    findings = [f"{where}: axe {problem}" for problem in serious_accessibility_problems(page)]
    findings += [f"{where}: {cut}" for cut in long_word_cut(page)]
    findings += [f"{where}: English „{word}“" for word in english_left(page)]
    findings += [f"{where}: request to {url}" for url in foreign]
    scripted = page.locator("a[href^='javascript:' i]").count()
    if scripted:
        findings.append(f"{where}: {scripted} javascript: link(s)")
    foreign.clear()
    return findings


def test_every_page_is_german_accessible_and_shows_names_as_text(hostile_app, page: Page) -> None:
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(hostile_app.url + "/") else foreign.append(r.url))
    findings: list[str] = []

    open_page(page, hostile_app.url)
    shown = page.locator("main").inner_text().replace("\u2060", "")  # the word joiner that stops autolinks
    if TITLE not in shown:
        findings.append("Start: the workshop title is not shown as typed")
    findings += check_page(page, "Start", foreign)

    kommune = page.get_by_role("option").filter(has_text=IMAGE_NAME)
    open_list(page, page.get_by_role("combobox", name="Ihre Kommune"), kommune)
    kommune.click()
    settle(page)
    page.get_by_role("main").get_by_role("button", name="Persona bearbeiten").click()
    settle(page)
    for number, title in enumerate(WIZARD_STEPS, start=1):
        page.get_by_text(f"{number}. {title}", exact=True).click()
        settle(page)
        findings += check_page(page, f"Persona, Schritt {number}", foreign)
        if number == 1:
            findings += check_upload_errors(page, foreign)
        if number == 2:  # a changed, not yet applied field shows Streamlit's keyboard hint
            page.get_by_role("textbox", name="Zitat", exact=True).press_sequentially("!")
            expect(page.get_by_text("Enter übernimmt", exact=True)).to_be_visible()
            findings += check_page(page, "Persona, Zitat geändert", foreign)
            page.get_by_role("textbox", name="Zitat", exact=True).press("Enter")
            settle(page)
            story = page.get_by_role("textbox", name="Kurze Geschichte", exact=True)
            story.press_sequentially("!")
            expect(page.get_by_text("Strg+Enter übernimmt", exact=True)).to_be_visible()
            findings += check_page(page, "Persona, Geschichte geändert", foreign)
            story.press("Control+Enter")
            settle(page)
        if number == 4:  # an open multiselect offers "Select all"
            topics = page.get_by_role("combobox", name=re.compile("^Themen zu ")).first
            open_list(page, topics, page.get_by_role("option", name="Alle auswählen"))
            findings += check_page(page, "Persona, Themen-Auswahl offen", foreign)
            page.keyboard.press("Escape")
            settle(page)

    # Same session, so the chosen Kommune writes on the board: the questions are radio options (Markdown).
    page.get_by_role("link", name="Themenrunde", exact=True).click()
    settle(page)
    questions = page.get_by_role("radiogroup", name="Zu welcher Leitfrage?")
    expect(questions).to_be_visible()
    if QUESTION not in questions.inner_text().replace("\u2060", ""):
        findings.append("Themenrunde: the question is not shown as typed")
    findings += check_page(page, "Themenrunde mit Kommune", foreign)

    for path, name in PAGES.items():
        open_page(page, f"{hostile_app.url}/{path}")
        findings += check_page(page, name, foreign)
        if path in ("personas", "vergleich"):
            expect(page.get_by_text(LONG_WORD[:40])).not_to_have_count(0)

    page.goto(f"{hostile_app.url}/gibt-es-nicht")
    settle(page)
    expect(page.get_by_role("dialog")).to_contain_text("Diese Seite gibt es nicht. Die Startseite wird gezeigt.")
    expect(page.get_by_role("dialog")).to_contain_text("Seite nicht gefunden")
    findings += check_page(page, "Unbekannte Seite", foreign)

    hostile_app.process.terminate()  # the laptop's app ends: Streamlit's connection dialog, in German
    hostile_app.process.wait(timeout=30)
    expect(page.get_by_role("dialog")).to_contain_text("Verbindung unterbrochen", timeout=60_000)
    expect(page.get_by_role("dialog")).to_contain_text("Die Persona-Werkstatt antwortet gerade nicht.")
    findings += [f"Verbindung weg: English „{word}“" for word in english_left(page)]
    assert not findings, "\n".join(findings)


def open_list(page: Page, box, option) -> None:  # two locators
    """Open a select box's list until ``option`` shows (a rerun of the page may close it once)."""
    for _ in range(3):
        settle(page)
        box.click()
        box.press("ArrowDown")
        try:
            expect(option).to_be_visible(timeout=5_000)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(option).to_be_visible()


def check_upload_errors(page: Page, foreign: list[str]) -> list[str]:
    """A wrong file type and a too large file are refused in the browser, in German."""
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    uploader.set_input_files([{"name": "bild.gif", "mimeType": "image/gif", "buffer": b"GIF89a" + bytes(100)}])
    expect(page.get_by_text("Dateien vom Typ image/gif sind hier nicht erlaubt (nur PNG oder JPEG).")).to_be_visible()
    findings = check_page(page, "Persona, falsche Dateiart", foreign)
    big = b"\x89PNG\r\n\x1a\n" + bytes(6 * 1024 * 1024)
    uploader.set_input_files([{"name": "gross.png", "mimeType": "image/png", "buffer": big}])
    expect(page.get_by_text("Die Datei ist zu groß (höchstens 5 MB).")).to_be_visible()
    return findings + check_page(page, "Persona, zu große Datei", foreign)


def long_word_cut(page: Page) -> list[str]:
    """Where the 2,200-letter word is wider than the box around it (cut off or running out of the column)."""
    return page.evaluate(
        """(prefix) => {
            const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
            const cut = [];
            while (walker.nextNode()) {
                if (!walker.currentNode.nodeValue.includes(prefix)) continue;
                let box = walker.currentNode.parentElement;
                for (; box && box.tagName !== "MAIN"; box = box.parentElement) {
                    if (box.scrollWidth > box.clientWidth + 1) {
                        cut.push(`${box.tagName}.${box.className}: ${box.scrollWidth} > ${box.clientWidth} px`);
                        break;
                    }
                }
            }
            return cut;
        }""",
        LONG_WORD[:40],
    )


def test_md_escape_leaves_no_markdown_entity_or_bare_address() -> None:
    from werkstatt.ui.common import md_escape

    hostile = "![x](http://a.de/x.png) [k](javascript:alert(1)) &#x202E; www.stadt.de **b** :material/home: $x$ a\n==="
    escaped = md_escape(hostile)
    assert re.search(r"(?<!\\)[\[\]()!*&:$=#<>_`|~-]", escaped) is None  # every syntax character escaped
    assert "http\u2060\\:" in escaped and "www\u2060\\." in escaped  # bare addresses do not become links
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == hostile  # and it reads as typed


@pytest.mark.parametrize("module", ["group_page", "market_page", "matrix_page", "partners_page", "compare_page"])
def test_no_table_holds_an_empty_cell_streamlit_would_paint_as_none(
    module: str, workshop_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    (workshop_dir / "neustrand.yaml").unlink()  # a Kommune that has not saved yet
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    at = AppTest.from_string(f"from werkstatt.ui import {module}\n{module}.page()\n", default_timeout=60).run()
    assert not at.exception
    for table in at.dataframe:
        assert not table.value.isna().to_numpy().any(), table.value


def test_label_text_breaks_images_links_and_icons_but_reads_as_typed() -> None:
    from werkstatt.ui.common import label_text

    hostile = "![x](http://a.de/x.png) [k](javascript:alert(1)) :red[rot] :material/home: <http://a.de> $x$"
    shown = label_text(hostile)
    for syntax in ("](", "<h", ":r", ":m", "http:"):
        assert syntax not in shown
    assert shown.replace("\u2060", "").replace("\\$", "$") == hostile
    assert label_text("Kinder- und Jugendhilfe (KJSG)") == "Kinder- und Jugendhilfe (KJSG)"  # read aloud as is


def test_app_sets_german_error_text_and_asks_no_outside_address(
    workshop_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit import net_util
    from streamlit.elements import exception
    from streamlit.testing.v1 import AppTest

    from werkstatt import texts

    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.setattr(exception, "_GENERIC_UNCAUGHT_EXCEPTION_TEXT", exception._GENERIC_UNCAUGHT_EXCEPTION_TEXT)
    monkeypatch.setattr(net_util, "get_external_ip", net_util.get_external_ip)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert exception._GENERIC_UNCAUGHT_EXCEPTION_TEXT == texts.UI_UNEXPECTED_ERROR  # instead of "This app has …"
    # answered by app.py at once, without asking checkip.amazonaws.com
    assert net_util.get_external_ip.__code__.co_filename == str(ROOT / "app.py")
    assert net_util.get_external_ip() is None


def test_every_english_word_replaced_is_streamlits_own_wording() -> None:
    """A Streamlit update that rewords a string shows up here, not as English in the room."""
    import streamlit

    from werkstatt import texts

    bundle = Path(streamlit.__file__).parent / "static" / "static" / "js"
    code = "\n".join(path.read_text("utf-8", errors="ignore") for path in bundle.glob("*.js"))
    assert [english for english in texts.UI_GERMAN if english not in code] == []
