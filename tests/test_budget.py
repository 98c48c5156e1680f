"""The per-document time budget interrupts pure-Python loops, in the main thread and in worker threads."""

from __future__ import annotations

import threading
import time

import pytest

from eventwire.budget import OverBudget, time_budget


def _spin() -> None:
    while True:
        pass


def test_a_loop_that_never_ends_is_interrupted():
    started = time.monotonic()
    with pytest.raises(OverBudget):
        with time_budget(0.3):
            _spin()
    assert time.monotonic() - started < 5


def test_an_except_exception_does_not_swallow_it():
    def stage() -> None:
        try:
            _spin()
        except Exception:  # what a stage or a library does
            pass

    with pytest.raises(OverBudget):
        with time_budget(0.3):
            stage()


def test_work_in_a_thread_is_interrupted_too():
    outcome: list[str] = []

    def task() -> None:
        try:
            with time_budget(0.3):
                _spin()
        except OverBudget:
            outcome.append("over budget")

    thread = threading.Thread(target=task)
    thread.start()
    thread.join(10)
    assert outcome == ["over budget"]


def test_work_within_the_budget_is_left_alone():
    for _ in range(50):
        with time_budget(5):
            sum(range(1000))
    time.sleep(0.2)  # nothing fires later either


@pytest.mark.parametrize("seconds", [0, None])
def test_zero_means_no_budget(seconds):
    with time_budget(seconds):
        time.sleep(0.05)
