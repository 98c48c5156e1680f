"""Scorers for the public development sets in ../shared/eval (`eventwire eval ...`)."""
