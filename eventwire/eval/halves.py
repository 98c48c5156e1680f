"""The two fixed halves of every development set, split by a hash of the item id.

A gain on the sentences a rule was written for is not a gain, so every eval
command can report each half on its own (`--half A`, `--half B`) and the
README's table shows both. The split is the one the held-out halves were cut
by: half A holds the items whose SHA-1 of the id is even. Item ids: the `id`
field (PLOVER, evloc, police stories), the page id (extraction), the file stem
(PolNeAR), the 0-based line number (quad-dev.tsv).
"""

from __future__ import annotations

import hashlib

HALVES = ("A", "B")


def half_of(item_id: str | int) -> str:
    """"A" or "B": the fixed half an item belongs to."""
    return "A" if int(hashlib.sha1(str(item_id).encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def in_half(item_id: str | int, half: str | None) -> bool:
    """Whether an item is in `half` (every item is in half None, the whole set)."""
    return half is None or half_of(item_id) == half.upper()
