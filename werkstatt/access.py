"""The facilitator PIN: stored only as a salted scrypt hash, compared in constant time, and slowed
down after repeated wrong attempts.

Without a PIN the facilitator pages stay open (a demo on one laptop needs none); the pages then say
so and how to set one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 60


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    parts = ["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), base64.b64encode(salt).decode()]
    return "$".join([*parts, base64.b64encode(digest).decode()])


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(
            pin.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, base64.b64decode(digest))


@dataclass
class Throttle:
    """After three wrong PINs every further attempt must wait longer: 2, 4, 8, … up to 60 seconds."""

    failures: int = 0
    blocked_until: float = 0.0

    def wait(self, now: float) -> float:
        return max(0.0, self.blocked_until - now)

    def failed(self, now: float) -> None:
        self.failures += 1
        if self.failures >= FREE_ATTEMPTS:
            self.blocked_until = now + min(2 ** (self.failures - FREE_ATTEMPTS + 1), MAX_WAIT_SECONDS)

    def succeeded(self) -> None:
        self.failures = 0
        self.blocked_until = 0.0


# ---------------------------------------------------------------------------------------------
# Join codes: one per Kommune, short, without characters people confuse (0/O, 1/I/L).

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_SCRYPT_N = 2**12  # one hash per attempt, looked up among all Kommunen: fast enough, still costly


def new_code() -> str:
    import secrets

    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(text: str) -> str:
    """What people type or scan: lower case, spaces and dashes are all fine."""
    return "".join(ch for ch in text.upper() if ch in CODE_ALPHABET)


def code_digest(code: str, salt: bytes) -> str:
    digest = hashlib.scrypt(normalise_code(code).encode(), salt=salt, n=CODE_SCRYPT_N, r=8, p=1, dklen=32)
    return base64.b64encode(digest).decode()


def find_kommune(code: str, salt: bytes, digests: dict[str, str]) -> str | None:
    """The Kommune whose stored digest matches; every stored digest is compared in constant time."""
    if len(normalise_code(code)) != CODE_LENGTH:
        return None
    candidate = code_digest(code, salt).encode()
    found = None
    for kommune, stored in digests.items():
        if hmac.compare_digest(candidate, stored.encode()):
            found = kommune
    return found
