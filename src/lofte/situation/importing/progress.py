"""The progress bar of the import commands: tqdm on the terminal's stderr, nothing elsewhere.

tqdm (one small dependency-free package) draws the bar only when stderr is a terminal
(`disable=None`), so cron jobs, logs and tests get no control characters.
"""

from __future__ import annotations

import sys


def bar(description: str, total: int | None = None, unit: str = "rader", enabled: bool | None = None):
    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit=f" {unit}", file=sys.stderr, disable=None if enabled is None else not enabled,
                dynamic_ncols=True, leave=False, mininterval=0.5)
