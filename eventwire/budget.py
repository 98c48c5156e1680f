"""A time budget for one piece of work, in whatever thread runs it.

One stuck document must not stop a run. `time_budget(seconds)` arms a
deadline for the calling thread; a single watchdog thread per process raises
`OverBudget` in that thread when the deadline passes (CPython's
`PyThreadState_SetAsyncExc`, delivered at the next bytecode). That interrupts
pure-Python loops in the main thread of a worker process as well as in a
Dask worker's task threads, where `signal.alarm` cannot be used. Code stuck
inside one long C call is interrupted when the call returns.

`OverBudget` derives from BaseException so that the `except Exception` of a
stage (or of a library) cannot swallow it: it ends the document, not a stage.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class OverBudget(BaseException):
    """Raised in a thread whose time budget ran out."""


BUDGET_WORDS = "s budget (--doc-timeout)"  # in every over-budget error message: how summaries find them


def over_budget_message(seconds: float, what: str) -> str:
    return f"over the {seconds:g} {BUDGET_WORDS} {what}"


def stopped_by_budget(messages: Iterable[str]) -> bool:
    """Whether any of a record's error messages says its analysis was stopped by the budget."""
    return any(BUDGET_WORDS in message for message in messages)


@dataclass
class _Deadline:
    at: float
    fired: bool = False


_lock = threading.Lock()
_deadlines: dict[int, _Deadline] = {}  # thread id → its armed deadline
_wakeup = threading.Condition(_lock)
_watchdog: threading.Thread | None = None


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


def _watch() -> None:
    """Sleep until the earliest deadline, then interrupt the threads whose deadline passed."""
    with _lock:
        while True:
            now = time.monotonic()
            pending = [d.at for d in _deadlines.values() if not d.fired]
            for thread_id, deadline in _deadlines.items():
                if not deadline.fired and deadline.at <= now:
                    deadline.fired = True
                    _set_async_exc(thread_id, OverBudget)
            _wakeup.wait(timeout=max(0.0, min(pending) - now) if pending else None)


def _ensure_watchdog() -> None:
    global _watchdog
    if _watchdog is None or not _watchdog.is_alive():
        _watchdog = threading.Thread(target=_watch, name="eventwire-budget", daemon=True)
        _watchdog.start()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise `OverBudget` in this thread if the block runs longer than `seconds` (None or 0: no budget)."""
    if not seconds or seconds <= 0:
        yield
        return
    thread_id = threading.get_ident()
    with _lock:
        if thread_id in _deadlines:  # nested: the outer, earlier deadline already governs
            outer = True
        else:
            outer = False
            _ensure_watchdog()
            _deadlines[thread_id] = _Deadline(at=time.monotonic() + seconds)
            _wakeup.notify()
    if outer:
        yield
        return
    try:
        yield
    finally:
        with _lock:
            deadline = _deadlines.pop(thread_id)
            if deadline.fired:
                _set_async_exc(thread_id, None)  # fired as the block ended: nothing left to interrupt
