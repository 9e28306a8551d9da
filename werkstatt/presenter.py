"""The presentation's order of slides and its speaking timer, without Streamlit.

Slides are identified by a key (``persona:<slug>``, ``overview``, …), never by position, so a persona
that arrives while the facilitator presents is added in its place without moving the current slide.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkstatt import texts
from werkstatt.model import Persona, Workshop

DEFAULT_MINUTES = 3


@dataclass(frozen=True)
class Slide:
    key: str
    kind: str  # persona | overview | connections | partners
    title: str
    kommune: str | None = None


def slides(workshop: Workshop, personas: list[Persona]) -> list[Slide]:
    """Each saved persona in the workshop's order, then the overview, connections, partners."""
    saved = {p.kommune for p in personas}
    result = [
        Slide(f"persona:{k.slug}", "persona", texts.PRESENT_SLIDE_PERSONA.format(kommune=k.name), k.slug)
        for k in workshop.kommunen
        if k.slug in saved
    ]
    result += [
        Slide("overview", "overview", texts.PRESENT_OVERVIEW),
        Slide("connections", "connections", texts.PRESENT_CONNECTIONS),
        Slide("partners", "partners", texts.PRESENT_PARTNERS),
    ]
    return result


def position(all_slides: list[Slide], key: str | None, fallback: int = 0) -> int:
    """Index of the slide ``key``; if it vanished (file now broken), stay near where it was."""
    for index, slide in enumerate(all_slides):
        if slide.key == key:
            return index
    return max(0, min(fallback, len(all_slides) - 1))


def step(all_slides: list[Slide], key: str | None, delta: int, fallback: int = 0) -> Slide:
    index = position(all_slides, key, fallback) + delta
    return all_slides[max(0, min(index, len(all_slides) - 1))]


@dataclass
class Timer:
    """A speaking timer: counts down ``duration`` seconds; pausing keeps the time already spoken."""

    duration: float = DEFAULT_MINUTES * 60
    elapsed: float = 0.0
    started_at: float | None = None

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def spoken(self, now: float) -> float:
        return self.elapsed + (now - self.started_at if self.started_at is not None else 0.0)

    def remaining(self, now: float) -> float:
        return max(0.0, self.duration - self.spoken(now))

    def start(self, now: float) -> None:
        if self.started_at is None:
            self.started_at = now

    def pause(self, now: float) -> None:
        if self.started_at is not None:
            self.elapsed = self.spoken(now)
            self.started_at = None

    def reset(self) -> None:
        self.elapsed = 0.0
        self.started_at = None


def clock(seconds: float) -> str:
    """``mm:ss``, rounded up so a timer shows 0:00 only when time is really up."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"
