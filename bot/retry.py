"""How long Telegram asks us to wait after a 429, whichever form PTB gives it in.

PTB 22 gives `RetryAfter.retry_after` as whole seconds (an int, deprecated) unless
PTB_TIMEDELTA is set, and as a `timedelta` from v23 on. Read it here, and only here.
"""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning


def retry_delay(error: RetryAfter) -> timedelta:
    with warnings.catch_warnings():
        # The int form warns that it is going away; we read both forms.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
