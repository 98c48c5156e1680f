"""`make bench`: run every benchmark module (or those named on the command line)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time

import benchmarks


def main(names: list[str]) -> int:
    modules = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    if names:
        modules = [m for m in modules if any(n in m for n in names)]
    results: dict[str, dict[str, float]] = {}
    for name in modules:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        results[name] = importlib.import_module(f"benchmarks.{name}").run()
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
