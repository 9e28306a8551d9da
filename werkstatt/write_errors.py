"""Why a file could not be written, in German: the system's own words are English and name error numbers.

Used wherever the product writes on a person's behalf (the CLI's commands, the export run by the app).
"""

from __future__ import annotations

import errno

from werkstatt import texts


def write_reason(error: OSError) -> str:
    """A German reason for ``error``: held lock, file in the way, or the error number's meaning."""
    from filelock import Timeout

    if isinstance(error, Timeout):  # an OSError without a number: someone else holds the lock
        return texts.CLI_WRITE_REASON_LOCKED
    if isinstance(error, FileExistsError):  # mkdir(exist_ok=True) on a path that is a file
        return texts.CLI_WRITE_REASON_EXISTS
    name = errno.errorcode.get(error.errno or 0, "")
    return texts.CLI_WRITE_REASONS.get(name) or texts.CLI_WRITE_REASON_OTHER.format(number=error.errno)
