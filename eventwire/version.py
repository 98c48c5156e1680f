"""The pipeline version stored on every record; bump it when output changes."""

__version__ = "0.1.0"
