"""Keep one child process running: start it again whenever it stops, until told to stop.

`make run` runs the background worker under `lofte supervise-worker`, so that a worker that dies
(an error it does not survive, the out-of-memory killer, a kill by hand) is back within seconds
instead of e-mails and purges silently stopping. A child that dies soon after starting is restarted
after a growing delay, so a worker that cannot start does not spin. SIGTERM and SIGINT are passed
on to the child, and the supervisor ends when it has ended. In production systemd does the same
(deploy/systemd/lofte-worker@.service, Restart=always).
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence

# A child that ran at least this long was healthy: its next restart waits only FIRST_DELAY again.
HEALTHY_AFTER = 60.0
FIRST_DELAY = 1.0
MAX_DELAY = 30.0


def supervise(command: Sequence[str], *, log: Callable[[str], None] = print, stop: threading.Event | None = None,
              first_delay: float = FIRST_DELAY, max_delay: float = MAX_DELAY,
              healthy_after: float = HEALTHY_AFTER) -> int:
    """Run `command`, restarting it whenever it exits, until `stop` is set (or a signal arrives).
    Returns the number of restarts."""
    stop = stop or threading.Event()
    current: dict[str, subprocess.Popen | None] = {"child": None}

    def forward(signum, _frame):
        stop.set()
        child = current["child"]
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, forward)

    restarts = 0
    delay = first_delay
    while not stop.is_set():
        started = time.monotonic()
        child = current["child"] = subprocess.Popen(list(command))
        while child.poll() is None:
            if stop.wait(0.2):
                if child.poll() is None:
                    child.terminate()
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        if stop.is_set():
            break
        ran = time.monotonic() - started
        delay = first_delay if ran >= healthy_after else min(max_delay, delay * 2 if restarts else delay)
        log(f"Bakgrundsarbetaren avslutades (status {child.returncode}) efter {ran:.0f} s; startar om om {delay:.0f} s.")
        restarts += 1
        if stop.wait(delay):
            break
    return restarts
