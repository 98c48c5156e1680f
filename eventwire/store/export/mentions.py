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

from eventwire.store.export.common import BATCH_ROWS, modality_filter, write_tsv

COLUMNS = ["GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
           "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
           "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
           # ours
           "EventKey", "DocID", "InHeadline", "SentenceStart", "SentenceEnd", "Actor1CharEnd", "Actor2CharEnd",
           "ActionCharEnd", "PloverType", "CameoCode", "Sentence"]

# A sentence ends at . ! or ? (closing quotes/brackets may follow) and whitespace. DuckDB splits each text
# into its sentences and keeps only their lengths, so no document text leaves the database or joins events.
SENTENCE = r"""(?s).*?[.!?]["'”’)\]]*\s+"""

SQL_TEMPLATE = """
WITH docs AS (
    SELECT doc_id, added AS doc_added, path AS doc_path, length(text) AS doc_len,
           list_transform(regexp_extract_all(text, $sentence), lambda s: length(s)) AS lengths
    FROM documents),
bounds AS (  -- where each sentence of a document ends
    SELECT doc_id, doc_added, doc_path, doc_len,
           list_transform(lengths, lambda n, i: list_sum(lengths[:i])) AS sentence_ends
    FROM docs)
SELECT e.*, ec.cluster_id, d.doc_added, d.doc_path, d.doc_len,
       CASE WHEN e.headline THEN 0
            ELSE 1 + len(list_filter(d.sentence_ends, lambda x: x <= coalesce(e.sentence_start, 0))) END AS sentence_id,
       min(d.doc_added) OVER (PARTITION BY ec.cluster_id) AS event_added
FROM events e JOIN bounds d USING (doc_id) LEFT JOIN event_clusters ec USING (event_key)
WHERE {where}
ORDER BY ec.cluster_id, d.doc_added, e.event_key
"""


SQL = SQL_TEMPLATE.format(where="true")  # every mention, whatever its modality


def sentence_number(text: str, start: int) -> int:
    """1-based number of the sentence starting at `start`, counted as the SQL above counts (for checks)."""
    return 1 + sum(1 for m in re.finditer(SENTENCE, text) if m.end() <= start)


def _named(span_text: str | None) -> bool:
    return span_text is None or span_text[:1].isupper()


def mention_row(row: dict[str, Any]) -> list[Any]:
    headline = row["headline"]
    sentence_id = row["sentence_id"]
    return [row["cluster_id"], row["event_added"], row["doc_added"], 1, row["outlet"], row["url"] or row["doc_path"],
            sentence_id, row["source_start"] if row["source_start"] is not None else -1,
            row["target_start"] if row["target_start"] is not None else -1, row["trigger_start"],
            _named(row["source_text"]) and _named(row["target_text"]), round((row["confidence"] or 0) * 100),
            row["doc_len"], None, None, None,
            row["event_key"], row["doc_id"], headline, row["sentence_start"], row["sentence_end"],
            row["source_end"] if row["source_end"] is not None else -1,
            row["target_end"] if row["target_end"] is not None else -1, row["trigger_end"],
            row["plover_type"], row["cameo_code"], row["sentence_text"]]


def write_mentions(con: duckdb.DuckDBPyConnection, stream: IO[str], per: str = "mention", modality: str = "real"
                   ) -> int:
    """Every mention (the table is per mention whatever `per` says), with a header row; with modality `real`
    only mentions of events that happened, so every GlobalEventID is one the GDELT export has."""
    sql = SQL_TEMPLATE.format(where=modality_filter(modality))
    reader = con.sql(sql, params={"sentence": SENTENCE}).to_arrow_reader(BATCH_ROWS)
    return write_tsv(stream, COLUMNS, (mention_row(row) for batch in reader for row in batch.to_pylist()))
