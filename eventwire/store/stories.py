"""Same story, one story: near-duplicate documents (one article ingested as HTML and as page text,
syndicated wire copy in several outlets) are linked to one story id at ingest.

Each English document with enough text gets a MinHash signature (datasketch) of its word 5-shingles.
Locality-sensitive hashing finds the candidates without comparing every pair: the signature is cut into
BANDS bands of ROWS values, each band hashed into `story_bands`; a document shares a band bucket with any
document whose estimated Jaccard similarity is high (the chance grows steeply around
(1/BANDS)^(1/ROWS) ≈ 0.5). A candidate is the same story when the signatures agree on at least
SAME_STORY of their values (estimated Jaccard similarity of the shingle sets). The new document takes the
story id of its most similar earlier document (whose story id is its own doc_id when it was first); a
document without a match starts a story of its own. Documents too short to judge (under MIN_SHINGLES
shingles) and not-English ones are their own story.

`clusters.num_articles` (GDELT's NumArticles) counts stories, not documents, and `stats` counts each
story's quotes once; `eventwire ingest --keep-duplicates` links nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.records import DocumentRecord

NUM_PERM = 64
BANDS, ROWS = 16, 4
assert BANDS * ROWS == NUM_PERM
SHINGLE_WORDS = 5
MIN_SHINGLES = 20
SAME_STORY = 0.7
SEED = 1

WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Word 5-grams of the text, lower-cased, punctuation and spacing ignored."""
    words = WORD.findall(text.lower())
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> list[int] | None:
    """The MinHash signature of the text's shingles; None when the text is too short to judge."""
    from datasketch import MinHash

    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(grams))
    return [int(v) for v in minhash.hashvalues]


def band_buckets(values: list[int]) -> list[int]:
    """One signed 64-bit bucket per band (band number included, so equal values in two bands differ)."""
    buckets = []
    for band in range(BANDS):
        chunk = f"{band}:" + ",".join(str(v) for v in values[band * ROWS:(band + 1) * ROWS])
        buckets.append(int.from_bytes(hashlib.blake2b(chunk.encode(), digest_size=8).digest(), "big", signed=True))
    return buckets


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two shingle sets: the share of equal signature values."""
    return sum(x == y for x, y in zip(a, b)) / NUM_PERM


@dataclass
class _Known:
    doc_id: str
    story_id: str
    values: list[int]


def _candidates(con: duckdb.DuckDBPyConnection, buckets: dict[str, list[int]]) -> dict[str, list[_Known]]:
    """Stored documents sharing at least one band bucket with each new document (one query per batch)."""
    rows = [(doc_id, band, bucket) for doc_id, found in buckets.items() for band, bucket in enumerate(found)]
    if not rows:
        return {}
    wanted = pa.table({"new_id": [r[0] for r in rows], "band": pa.array([r[1] for r in rows], pa.int16()),
                       "bucket": pa.array([r[2] for r in rows], pa.int64())})
    con.register("_wanted_bands", wanted)
    try:
        found = con.execute("""
            SELECT DISTINCT w.new_id, s.doc_id, s.story_id, s.signature
            FROM _wanted_bands w JOIN story_bands b ON b.band = w.band AND b.bucket = w.bucket
            JOIN stories s ON s.doc_id = b.doc_id
            WHERE s.doc_id <> w.new_id""").fetchall()
    finally:
        con.unregister("_wanted_bands")
    out: dict[str, list[_Known]] = {}
    for new_id, doc_id, story_id, values in found:
        out.setdefault(new_id, []).append(_Known(doc_id, story_id, list(values)))
    return out


def story_rows(con: duckdb.DuckDBPyConnection, records: list[DocumentRecord], link: bool = True
               ) -> dict[str, list[dict[str, Any]]]:
    """The `stories` and `story_bands` rows of a batch of new documents: each with the story it belongs
    to (an earlier document of the database or of this batch, else its own)."""
    signatures: dict[str, list[int]] = {}
    for record in records:
        if record.text and record.language in (None, "en"):
            values = signature(record.text)
            if values is not None:
                signatures[record.doc_id] = values
    buckets = {doc_id: band_buckets(values) for doc_id, values in signatures.items()}
    stored = _candidates(con, buckets) if link else {}
    in_batch: dict[tuple[int, int], list[_Known]] = {}
    stories, bands = [], []
    for record in records:
        if not record.text:
            continue
        values = signatures.get(record.doc_id)
        story_id, best = record.doc_id, None
        if values is not None and link:
            near = list(stored.get(record.doc_id, []))
            for band, bucket in enumerate(buckets[record.doc_id]):
                near.extend(in_batch.get((band, bucket), []))
            scored = [(similarity(values, known.values), known.doc_id, known) for known in near]
            scored = [s for s in scored if s[0] >= SAME_STORY]
            if scored:
                best, _, known = max(scored, key=lambda s: (s[0], s[1]))
                story_id = known.story_id
        stories.append({"doc_id": record.doc_id, "story_id": story_id, "similarity": best, "signature": values})
        if values is not None:
            known = _Known(record.doc_id, story_id, values)
            for band, bucket in enumerate(buckets[record.doc_id]):
                bands.append({"band": band, "bucket": bucket, "doc_id": record.doc_id})
                in_batch.setdefault((band, bucket), []).append(known)
    return {"stories": stories, "story_bands": bands}
