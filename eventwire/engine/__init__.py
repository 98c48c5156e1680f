"""Engines run `Pipeline.process_batch` over many documents: here, or on Dask."""

from eventwire.engine.local import run_local

__all__ = ["run_local"]
