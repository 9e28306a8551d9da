"""Deterministic avatars: a seed string always gives the same calm, professional portrait.

Drawn only with shapes both renderers draw identically (circles, ellipses, paths, plain fills and
strokes): no masks, clip paths, filters, gradients, fonts or external images, because WeasyPrint's
SVG renderer lacks some of them and the avatar must look the same on screen and on paper.
Everything stays inside the round background, so nothing needs clipping.
"""

from __future__ import annotations

import base64
import random
import secrets
from dataclasses import dataclass

SKIN_TONES = ("#f6d7c3", "#eec19f", "#d9a27a", "#c18459", "#9a6240", "#7a4a2e", "#5b3622")
HAIR_COLOURS = ("#1f1a17", "#3b2a20", "#5a3a22", "#8a5a2b", "#b98a4e", "#d8c08a", "#8d8d8d", "#cfcfcf")
BACKGROUNDS = ("#dbe7f0", "#e3ecdf", "#efe6d8", "#e6e0ee", "#dfeaea", "#f0e2e0", "#e4e6ea")
CLOTHES = ("#2f4858", "#3d5a80", "#44633f", "#6b3e4f", "#4a4e69", "#7a5c3e", "#33658a", "#5c6b73")
SCARVES = ("#6b3e4f", "#2f4858", "#44633f", "#8a6d3b", "#4a4e69", "#7a4f6d")
HAIR_STYLES = ("short", "side", "long", "bun", "curly", "bob", "crop", "scarf")


@dataclass(frozen=True)
class Look:
    """What the seed decided; kept as data so tests can check the variety of faces."""

    skin: str
    hair_colour: str
    hair_style: str
    background: str
    clothes: str
    collar: str
    glasses: bool
    beard: bool


def look_for(seed: str) -> Look:
    rng = random.Random(f"persona-avatar:{seed}")
    hair_style = rng.choice(HAIR_STYLES)
    return Look(
        skin=rng.choice(SKIN_TONES),
        hair_colour=rng.choice(HAIR_COLOURS),
        hair_style=hair_style,
        background=rng.choice(BACKGROUNDS),
        clothes=rng.choice(SCARVES if hair_style == "scarf" else CLOTHES),
        collar=rng.choice(("shirt", "round", "blazer")),
        glasses=rng.random() < 0.3,
        beard=hair_style in ("short", "crop", "side") and rng.random() < 0.3,
    )


def new_seed(base: str = "") -> str:
    """A fresh seed for the "neu würfeln" button, readable in the YAML file."""
    prefix = f"{base}-" if base else ""
    return f"{prefix}{secrets.token_hex(3)}"


def _shade(colour: str, factor: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c * factor))) for c in (r, g, b)))


# The torso: a shoulder curve closed by the arc of the background circle (r=60 around 60,60).
_TORSO = "M14 98 C22 84 40 79 60 79 C80 79 98 84 106 98 A60 60 0 0 1 14 98 Z"

_HAIR_BACK = {
    "long": "M30 52 C30 26 90 26 90 52 L93 92 C80 98 40 98 27 92 Z",
    "bob": "M32 52 C32 28 88 28 88 52 L89 74 C80 78 40 78 31 74 Z",
    "curly": None,
}
_HAIR_FRONT = {
    "short": "M36 50 C35 31 48 24 60 24 C73 24 86 31 84 50 C80 40 70 36 60 37 C50 36 41 40 36 50 Z",
    "side": "M36 52 C34 30 50 23 62 24 C76 25 87 33 84 52 C80 42 74 35 64 35 C58 40 46 42 36 52 Z",
    "long": "M35 56 C33 30 48 23 60 23 C72 23 87 30 85 56 C82 42 74 36 60 35 C46 36 38 42 35 56 Z",
    "bun": "M36 50 C35 31 48 25 60 25 C72 25 85 31 84 50 C80 40 70 35 60 35 C50 35 40 40 36 50 Z",
    "bob": "M35 58 C32 30 48 24 60 24 C72 24 88 30 85 58 C83 44 76 36 60 36 C46 36 38 44 35 58 Z",
    "crop": "M38 46 C38 32 48 27 60 27 C72 27 82 32 82 46 C78 40 70 37 60 37 C50 37 42 40 38 46 Z",
}
_COLLARS = {
    "shirt": '<path d="M50 80 L60 96 L70 80 Z" fill="#f4f4f2"/>',
    "round": '<path d="M47 80 C50 88 70 88 73 80 Z" fill="{skin_dark}"/>',
    "blazer": (
        '<path d="M52 80 L60 98 L68 80 Z" fill="#f4f4f2"/>'
        '<path d="M44 81 L56 104 L50 82 Z M76 81 L64 104 L70 82 Z" fill="{clothes_dark}"/>'
    ),
}


def avatar_svg(seed: str, size: int = 120) -> str:
    """Return a self-contained SVG portrait for ``seed`` (decorative: the page gives it its alt text)."""
    look = look_for(seed or "persona")
    skin_dark = _shade(look.skin, 0.88)
    parts: list[str] = [f'<circle cx="60" cy="60" r="60" fill="{look.background}"/>']

    if look.hair_style == "scarf":
        # A headscarf frames the face and falls onto the shoulders.
        parts.append(f'<path d="{_TORSO}" fill="{_shade(look.clothes, 0.8)}"/>')
        parts.append(
            f'<path d="M30 54 C28 24 92 24 90 54 C92 72 86 84 96 96 C80 106 40 106 24 96 '
            f'C34 84 28 72 30 54 Z" fill="{look.clothes}"/>'
        )
    else:
        back = _HAIR_BACK.get(look.hair_style)
        if back:
            parts.append(f'<path d="{back}" fill="{look.hair_colour}"/>')
        if look.hair_style == "curly":
            for cx, cy, r in ((40, 40, 11), (52, 31, 12), (68, 31, 12), (80, 40, 11), (34, 53, 8), (86, 53, 8)):
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{look.hair_colour}"/>')
        parts.append(f'<rect x="52" y="66" width="16" height="18" rx="4" fill="{skin_dark}"/>')
        parts.append(f'<path d="{_TORSO}" fill="{look.clothes}"/>')
        parts.append(_COLLARS[look.collar].format(skin_dark=skin_dark, clothes_dark=_shade(look.clothes, 0.75)))

    parts.append(f'<ellipse cx="60" cy="53" rx="22" ry="26" fill="{look.skin}"/>')
    parts.append(f'<ellipse cx="38" cy="56" rx="4" ry="6" fill="{skin_dark}"/>')
    parts.append(f'<ellipse cx="82" cy="56" rx="4" ry="6" fill="{skin_dark}"/>')
    if look.hair_style == "scarf":
        parts.append(
            f'<path d="M36 48 C36 24 84 24 84 48 C80 36 72 32 60 32 C48 32 40 36 36 48 Z" fill="{look.clothes}"/>'
        )
        parts.append(f'<path d="M34 50 C33 66 38 76 46 82 L34 86 C30 74 29 62 34 50 Z" fill="{look.clothes}"/>')
        parts.append(f'<path d="M86 50 C87 66 82 76 74 82 L86 86 C90 74 91 62 86 50 Z" fill="{look.clothes}"/>')
    elif look.hair_style == "curly":
        for cx, cy, r in ((44, 34, 9), (56, 29, 10), (68, 30, 10), (77, 37, 8)):
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{look.hair_colour}"/>')
    else:
        parts.append(f'<path d="{_HAIR_FRONT[look.hair_style]}" fill="{look.hair_colour}"/>')
        if look.hair_style == "bun":
            parts.append(f'<circle cx="60" cy="21" r="9" fill="{look.hair_colour}"/>')

    if look.beard:
        parts.append(
            f'<path d="M40 58 C42 76 52 80 60 80 C68 80 78 76 80 58 C76 68 70 70 60 70 C50 70 44 68 40 58 Z" '
            f'fill="{look.hair_colour}"/>'
        )
    brow = _shade(look.hair_colour if look.hair_style != "scarf" else "#3b2a20", 1.0)
    parts.append(
        f'<path d="M46 45 Q51 42 55 45 M65 45 Q69 42 74 45" stroke="{brow}" stroke-width="2" '
        f'fill="none" stroke-linecap="round"/>'
    )
    parts.append('<circle cx="51" cy="52" r="2.6" fill="#2a2a2a"/><circle cx="69" cy="52" r="2.6" fill="#2a2a2a"/>')
    parts.append(f'<path d="M57 60 Q60 63 63 60" stroke="{_shade(look.skin, 0.7)}" stroke-width="1.6" fill="none"/>')
    parts.append('<path d="M52 68 Q60 73 68 68" stroke="#8a4b3c" stroke-width="2" fill="none" stroke-linecap="round"/>')
    if look.glasses:
        parts.append(
            '<g fill="none" stroke="#2b2b2b" stroke-width="1.8">'
            '<rect x="42" y="46" width="15" height="11" rx="4"/><rect x="63" y="46" width="15" height="11" rx="4"/>'
            '<path d="M57 50 L63 50"/></g>'
        )

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="{size}" height="{size}" '
        f'aria-hidden="true">{"".join(parts)}</svg>'
    )


def avatar_data_uri(seed: str) -> str:
    """The avatar as an inline image: Streamlit's HTML sanitiser drops inline SVG, but keeps
    ``<img src="data:…">``, and WeasyPrint draws the same SVG from it as vectors."""
    svg = avatar_svg(seed, 120)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
