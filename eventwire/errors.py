"""The errors a run can end with as a whole (not per document): defined here, light, so callers need not load spaCy or Dask to catch them.

Per-document failures never raise: they are `ErrorRecord`s (records.py). The
database's own errors live with the store (`eventwire.store.errors`).
"""


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


class EngineSetupError(Exception):
    """A run cannot start as asked (a parts folder in use, no --parts for a remote cluster, Dask not installed)."""
