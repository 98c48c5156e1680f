"""Benchmarks: each `bench_<area>.py` has `run() -> dict[str, float]` and prints its numbers.

Machines are shared and noisy, so each benchmark reports ratios measured in
one run (a stage's time against the spaCy parse of the same texts) beside
the raw numbers. They never gate tests.
"""
