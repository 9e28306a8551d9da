"""Who may do what: the facilitator PIN, join codes, the guessing budget, the day token, card addresses.

The PIN and the codes are stored only as salted scrypt hashes and compared in constant time; wrong
guesses are slowed per client machine. Without a PIN the facilitator pages stay open (a demo on one
laptop needs none) — but then there are no join codes, since anyone could make new ones.
"""

from __future__ import annotations

import base64
import contextlib
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


# ---------------------------------------------------------------------------------------------
# Guessing is slowed per client, not per session: every browser tab is its own session, so a
# budget per session lets twenty tabs guess twenty times. One budget per client address is
# shared by all sessions of the process.


def client_key(address: str | None, forwarded_for: str | None = None) -> str:
    """One name per client machine: loopback in any spelling is one key, IPv4-mapped IPv6 is IPv4.

    Streamlit reports no address for ``localhost`` connections; those count as this machine, too.
    An IPv6 client is keyed by its /64 network, because a host picks new addresses in it at will.
    Streamlit's server (uvicorn) takes ``X-Forwarded-For`` from a loopback peer as the client's
    address, so a program on this machine could name a new one per guess: when the address is one
    the header named, all such clients share the budget ``forwarded``.
    """
    import ipaddress

    text = (address or "").strip().strip("[]")
    if not text or text.lower() == "localhost":
        return "loopback"
    if forwarded_for and text in (part.strip().strip("[]") for part in forwarded_for.split(",")):
        return "forwarded"
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return "address:" + text.lower()
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified:
        return "loopback"
    if isinstance(ip, ipaddress.IPv6Address):
        return "ipv6:" + str(ipaddress.IPv6Network(f"{ip}/64", strict=False).network_address)
    return "ipv4:" + str(ip)


@dataclass(frozen=True)
class Attempt:
    """The outcome of one guarded check: ``checked`` False means it was refused before checking."""

    checked: bool
    ok: bool = False
    wait: float = 0.0


class GuessLimiter:
    """Throttles per key, shared by every session of the server process (thread-safe)."""

    def __init__(self) -> None:
        import threading
        import time

        self._lock = threading.Lock()
        self._throttles: dict[str, Throttle] = {}
        self.clock = time.monotonic  # a test may stop the clock

    def attempt(self, key: str, check, now: float | None = None) -> Attempt:  # check() -> bool
        """Run ``check`` unless ``key`` must wait.

        The attempt is booked as a failure under the lock *before* the slow check runs, so parallel
        guesses cannot all slip through while the first ones are still hashing; a success undoes it.
        """
        now = self.clock() if now is None else now
        with self._lock:
            throttle = self._throttles.setdefault(key, Throttle())
            wait = throttle.wait(now)
            if wait > 0:
                return Attempt(checked=False, wait=wait)
            throttle.failed(now)
        ok = bool(check())
        if ok:
            with self._lock:
                throttle.succeeded()
        return Attempt(checked=True, ok=ok)

    def wait(self, key: str, now: float | None = None) -> float:
        with self._lock:
            throttle = self._throttles.get(key)
            return throttle.wait(self.clock() if now is None else now) if throttle else 0.0

    def forget(self) -> None:
        """Start over (tests; a restarted server starts over anyway)."""
        with self._lock:
            self._throttles.clear()


GUESSES = GuessLimiter()


# ---------------------------------------------------------------------------------------------
# Where the PIN comes from: ``WERKSTATT_PIN``, or a hash file written by ``python -m werkstatt pin``
# so that the plain PIN needs to live in no environment.

PIN_FILE = ".werkstatt-pin"
SECRET_FILE = ".werkstatt-secret"


def write_pin_file(root, pin: str) -> None:  # a Path
    """Store only the scrypt hash of ``pin`` next to the workshops (readable by this user only)."""
    _write_private(root / PIN_FILE, (hash_pin(pin) + "\n").encode())


def read_pin_file(root) -> str | None:  # a Path
    try:
        text = (root / PIN_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if text.startswith("scrypt$") else None


def _write_private(path, data: bytes) -> None:  # a Path
    """Atomic write of a file only the server's user may read (mode 0600)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------------------------------------
# The facilitator's day token: a reload or a new tab of the same browser stays unlocked, without the
# PIN ever reaching the browser. HMAC over the expiry and the PIN hash with a server secret: a new
# PIN or a new secret ends every token; a changed byte or a past expiry makes it worthless.

TOKEN_LIFETIME_SECONDS = 12 * 3600
TOKEN_COOKIE = "werkstatt_moderation"


def server_secret(root) -> bytes:  # a Path
    """The secret of this personas root, made on first use; it stays next to the workshops, never exported."""
    path = root / SECRET_FILE
    try:
        secret = path.read_bytes()
        if len(secret) >= 32:
            return secret
    except FileNotFoundError:
        pass
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another session made it a moment ago
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(os.urandom(32))
        handle.flush()
        os.fsync(handle.fileno())
    return path.read_bytes()


def pin_salt(secret: bytes) -> bytes:
    """A salt for hashing the PIN from ``WERKSTATT_PIN``: stable per server secret, so the hash is too."""
    return hmac.new(secret, b"werkstatt-pin-salt", hashlib.sha256).digest()[:16]


def _token_mac(secret: bytes, pin_hash: str, expires: int) -> str:
    message = f"moderation|{expires}|{pin_hash}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def make_token(secret: bytes, pin_hash: str, now: float, lifetime: int = TOKEN_LIFETIME_SECONDS) -> str:
    expires = int(now) + lifetime
    return f"v1.{expires}.{_token_mac(secret, pin_hash, expires)}"


def token_valid(token: str | None, secret: bytes, pin_hash: str, now: float) -> bool:
    """True only for an untampered token of this secret and PIN that has not expired."""
    try:
        version, expires_text, mac = (token or "").split(".")
        expires = int(expires_text)
    except ValueError:
        return False
    if version != "v1" or expires <= now or expires > now + TOKEN_LIFETIME_SECONDS + 60:
        return False
    return hmac.compare_digest(mac, _token_mac(secret, pin_hash, expires))


# ---------------------------------------------------------------------------------------------
# The address on the cards: fellows' laptops must reach it, so never a loopback address.


def lan_address() -> str | None:
    """This machine's address in the local network, from the routing table (a UDP "connect" sends
    nothing and looks up no name); None without a network."""
    import socket

    for family, target in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as sock:
                sock.connect((target, 9))
                address = sock.getsockname()[0]
        except OSError:
            continue
        if client_key(address) != "loopback":
            return address
    return None


def lan_base_url(port: int | None, scheme: str = "http") -> str | None:
    address = lan_address()
    if address is None:
        return None
    host = f"[{address}]" if ":" in address else address
    return f"{scheme}://{host}" + (f":{port}" if port else "")


def card_address_problem(url: str) -> str | None:
    """A German reason why ``url`` cannot go on a card (loopback, no host, not http), else None."""
    from urllib.parse import urlsplit

    from werkstatt import texts

    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a broken port
    except ValueError:
        return texts.CARDS_ADDRESS_BROKEN.format(url=url)
    if parts.scheme not in ("http", "https") or not host:
        return texts.CARDS_ADDRESS_BROKEN.format(url=url)
    if client_key(host) == "loopback" or host.lower().endswith(".localhost"):
        return texts.CARDS_ADDRESS_LOOPBACK.format(url=url)
    return None
