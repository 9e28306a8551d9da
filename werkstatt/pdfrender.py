"""PDF rendering with WeasyPrint that re-lays only what changed since the last export.

A document template marks where its parts begin (``<!--pw:part ID-->``, at page breaks that are
there anyway: each persona card, each comparison page, each topic round …). The first export of a
document is one ordinary WeasyPrint render; its pages are then remembered per part, keyed by the
part's content hash, its first page number and the total page count (the footer says "Seite 3 von
33"). The next export reuses every unchanged part and lays out only the changed ones on their own,
with the page counter started where the part begins, then combines the pages into one PDF. If a
change moves page numbers (a card grows onto a second page), or a part that needs the whole document
changed (the table of contents with its page numbers, marked ``fixed``), the document is simply
rendered whole again. Same bytes on paper either way; tests compare both paths.

Only a long-lived process profits (the app's render worker, see ``worker.py``); a one-off CLI run
renders each document once, as before.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

PART_RE = re.compile(r"<!--pw:part ([a-z0-9-]+)( fixed)?-->")
MAX_CACHED_PAGES = 120  # a laid-out page weighs about 3 MiB here; 120 pages hold two full exports of 12 Kommunen
MAX_CACHED_PDFS = 24


@dataclass(frozen=True)
class Part:
    anchor: str  # id of the element the part's first page starts with
    fixed: bool  # needs the whole document to be laid out (target-counter, cross references)
    html: str


def split(html: str) -> tuple[str, str, list[Part], str]:
    """(head up to and including the running header, body start, parts, end) of a marked document."""
    body_start = html.index("<body>") + len("<body>")
    running_end = html.index("</p>", body_start) + len("</p>")  # the running header comes first
    end_at = html.rindex("</body>")
    body = html[running_end:end_at]
    pieces = PART_RE.split(body)
    parts = []
    # pieces: [before, anchor, fixed, html, anchor, fixed, html, …]; text before the first marker
    # belongs to the first part.
    before = pieces[0]
    for index in range(1, len(pieces), 3):
        parts.append(Part(pieces[index], bool(pieces[index + 1]), (before if index == 1 else "") + pieces[index + 2]))
    return html[:body_start], html[body_start:running_end], parts, html[end_at:]


class Renderer:
    """Renders HTML to tagged PDF; thread-safe; keeps laid-out parts of the last exports."""

    def __init__(self, fetcher_factory) -> None:  # returns a WeasyPrint URLFetcher
        self._fetcher_factory = fetcher_factory
        self._lock = threading.Lock()
        self._pages: OrderedDict[tuple[str, int, int], list] = OrderedDict()
        self._counts: dict[str, int] = {}
        # Page counts per part of the last render of each document shape (its list of part anchors):
        # a changed part is assumed to keep the length of the part it replaces, and checked.
        self._shapes: dict[tuple[str, ...], list[int]] = {}
        self._pdfs: OrderedDict[str, bytes] = OrderedDict()
        self._shells: dict[str, object] = {}  # one empty document per head, for the combined PDF's metadata
        self._font_config = None
        self.stats = {"whole": 0, "parts_laid_out": 0, "parts_reused": 0, "pdf_reused": 0}

    def pdf(self, html: str) -> bytes:
        with self._lock:
            return self._pdf(html)

    def _pdf(self, html: str) -> bytes:
        key = _digest(html)
        if key in self._pdfs:
            self._pdfs.move_to_end(key)
            self.stats["pdf_reused"] += 1
            return self._pdfs[key]
        data = self._from_parts(html) if PART_RE.search(html) else None
        if data is None:
            data = self._whole(html)
        self._pdfs[key] = data
        while len(self._pdfs) > MAX_CACHED_PDFS:
            self._pdfs.popitem(last=False)
        return data

    # -- rendering ---------------------------------------------------------------------------
    def _html(self, html: str):
        import weasyprint

        return weasyprint.HTML(string=html, url_fetcher=self._fetcher_factory(), base_url=None)

    def _layout(self, html: str):
        from weasyprint.text.fonts import FontConfiguration

        if self._font_config is None:  # one font configuration, so pages of several renders combine
            self._font_config = FontConfiguration()
        return self._html(html).render(font_config=self._font_config, pdf_variant="pdf/ua-1")

    @staticmethod
    def _write(document) -> bytes:
        return document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=False)

    def _whole(self, html: str) -> bytes:
        """One ordinary render; afterwards its pages are remembered per part for the next time."""
        self.stats["whole"] += 1
        document = self._layout(html)
        if PART_RE.search(html):
            self._remember(html, document)
        return self._write(document)

    def _remember(self, html: str, document) -> None:
        head, running, parts, _ = split(html)
        starts = []
        for part in parts:
            page = next((n for n, p in enumerate(document.pages) if part.anchor in p.anchors), None)
            if page is None or (starts and page <= starts[-1]):
                return  # a part without its own first page: this document is not cached by parts
            starts.append(page)
        if starts[0] != 0:
            return
        total = len(document.pages)
        counts = []
        for index, part in enumerate(parts):
            end = starts[index + 1] if index + 1 < len(parts) else total
            digest = _digest(head + running + part.html)
            counts.append(end - starts[index])
            self._counts[digest] = counts[-1]
            self._store((digest, starts[index] + 1, total), document.pages[starts[index] : end])
        self._shapes[tuple(p.anchor for p in parts)] = counts

    def _from_parts(self, html: str) -> bytes | None:
        """Combine remembered parts with freshly laid-out changed ones; None when a whole render is needed."""
        head, running, parts, end = split(html)
        digests = [_digest(head + running + part.html) for part in parts]
        previous = self._shapes.get(tuple(p.anchor for p in parts))
        if previous is None:
            return None  # never rendered in this shape (a Kommune more or less): render the whole
        counts = [self._counts.get(d, before) for d, before in zip(digests, previous, strict=True)]
        total = sum(counts)
        pages: list = []
        first = 1
        planned = []
        for part, digest, count in zip(parts, digests, counts, strict=True):
            cached = self._pages.get((digest, first, total))
            if cached is None and part.fixed:
                return None
            planned.append((part, digest, first, count, cached))
            first += count
        for part, digest, first, count, cached in planned:
            if cached is None:
                numbering = (
                    f"<style>@page :first {{ counter-reset: page {first}; }}"
                    f' @page {{ @bottom-right {{ content: "Seite " counter(page) " von {total}"; }} }}</style>'
                )
                document = self._layout(head.replace("</head>", numbering + "</head>") + running + part.html + end)
                if len(document.pages) != count:
                    return None  # the part grew or shrank: page numbers move, render the whole
                cached = document.pages
                self._counts[digest] = count
                self._store((digest, first, total), cached)
                self.stats["parts_laid_out"] += 1
            else:
                self._pages.move_to_end((digest, first, total))
                self.stats["parts_reused"] += 1
            pages.extend(cached)
        self._shapes[tuple(p.anchor for p in parts)] = counts
        template = self._layout_shell(head, running, end)
        return self._write(template.copy(pages))

    def _layout_shell(self, head: str, running: str, end: str):
        """An empty document with the same head: its metadata (title, author, language) goes into the PDF."""
        key = _digest(head + running + end)
        if key not in self._shells:
            self._shells[key] = self._layout(head + running + end)
        return self._shells[key]

    def _store(self, key: tuple[str, int, int], pages: list) -> None:
        self._pages[key] = pages
        while sum(len(p) for p in self._pages.values()) > MAX_CACHED_PAGES and len(self._pages) > 1:
            self._pages.popitem(last=False)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
