"""A GDELT 2.0 Mentions-style table: one row per event mention, with sentence and character offsets.

The first 16 columns are GDELT's Mentions columns in GDELT's order; the
columns after them are ours (the offsets GDELT does not give). SentenceID is
1-based in the body, counted at sentence-final punctuation (an
approximation: the record keeps sentence spans for events only); headline
events have SentenceID 0 and their offsets index into the title. Offsets
are -1 when the event has no such actor. InRawText is 1 when both actors are
named (capitalised) in the sentence rather than referred to by pronoun or
description. Confidence is the event confidence × 100.
"""

from __future__ import annotations

import re
from typing import IO, Any

import duckdb

from eventwire.store.export.common import fetch_dicts, write_tsv

COLUMNS = ["GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
           "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
           "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
           # ours
           "EventKey", "DocID", "InHeadline", "SentenceStart", "SentenceEnd", "Actor1CharEnd", "Actor2CharEnd",
           "ActionCharEnd", "PloverType", "CameoCode", "Sentence"]

SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")

SQL = """
SELECT e.*, ec.cluster_id, d.added AS doc_added, d.text AS doc_text, d.path AS doc_path,
       min(d.added) OVER (PARTITION BY ec.cluster_id) AS event_added
FROM events e JOIN documents d USING (doc_id) LEFT JOIN event_clusters ec USING (event_key)
ORDER BY ec.cluster_id, d.added, e.event_key
"""


def sentence_number(text: str, start: int) -> int:
    """1-based number of the sentence starting at `start`, counted at sentence-final punctuation."""
    return 1 + sum(1 for m in SENTENCE_END.finditer(text, 0, start) if m.end() <= start)


def _named(span_text: str | None) -> bool:
    return span_text is None or span_text[:1].isupper()


def mention_row(row: dict[str, Any]) -> list[Any]:
    headline = row["headline"]
    sentence_id = 0 if headline else sentence_number(row["doc_text"] or "", row["sentence_start"] or 0)
    return [row["cluster_id"], row["event_added"], row["doc_added"], 1, row["outlet"], row["url"] or row["doc_path"],
            sentence_id, row["source_start"] if row["source_start"] is not None else -1,
            row["target_start"] if row["target_start"] is not None else -1, row["trigger_start"],
            _named(row["source_text"]) and _named(row["target_text"]), round((row["confidence"] or 0) * 100),
            len(row["doc_text"] or ""), None, None, None,
            row["event_key"], row["doc_id"], headline, row["sentence_start"], row["sentence_end"],
            row["source_end"] if row["source_end"] is not None else -1,
            row["target_end"] if row["target_end"] is not None else -1, row["trigger_end"],
            row["plover_type"], row["cameo_code"], row["sentence_text"]]


def write_mentions(con: duckdb.DuckDBPyConnection, stream: IO[str], per: str = "mention") -> int:
    """Every mention (the table is per mention whatever `per` says), with a header row."""
    return write_tsv(stream, COLUMNS, [mention_row(row) for row in fetch_dicts(con.execute(SQL))])
