"""The GDELT 2.0 Mentions table: one row per event mention, exactly GDELT's 16 columns in GDELT's order and,
as GDELT's files, no header (`header=True` adds one).

SentenceID is 1-based in the body, counted at sentence-final punctuation (an approximation: the record
keeps sentence spans for events only); headline events have SentenceID 0 and their offsets index into
the title. Offsets are -1 when the event has no such actor. InRawText is 1 when both actors are named
(capitalised) in the sentence rather than referred to by pronoun or description. Confidence is the event
confidence × 100. MentionDocTone and MentionDocTranslationInfo stay empty. Extras, which GDELT leaves to
the producer, holds what makes a mention traceable to its characters, as `key=value` pairs separated by
`;`: EventKey, DocID, the sentence's and each span's end offsets, the PLOVER type and the CAMEO code
(`parse_extras()` reads it back). Only mentions of events the GDELT table has are rows: every GlobalEventID is
one of its events.
"""

from __future__ import annotations

import re
from typing import IO, Any

import duckdb

from eventwire.store.export.common import BATCH_ROWS, Selection, write_tsv
from eventwire.store.export.gdelt import HAS_ACTOR

COLUMNS = ["GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
           "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
           "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"]
assert len(COLUMNS) == 16

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


SQL = SQL_TEMPLATE.format(where="true")  # every mention, whatever its modality or actors


def sentence_number(text: str, start: int) -> int:
    """1-based number of the sentence starting at `start`, counted as the SQL above counts (for checks)."""
    return 1 + sum(1 for m in re.finditer(SENTENCE, text) if m.end() <= start)


def _named(span_text: str | None) -> bool:
    return span_text is None or span_text[:1].isupper()


def _offset(value: int | None) -> int:
    return value if value is not None else -1


def extras(row: dict[str, Any]) -> str:
    """The Extras cell: `key=value` pairs that trace the mention to its characters."""
    pairs = {"EventKey": row["event_key"], "DocID": row["doc_id"], "InHeadline": int(bool(row["headline"])),
             "SentenceStart": row["sentence_start"], "SentenceEnd": row["sentence_end"],
             "Actor1CharEnd": _offset(row["source_end"]), "Actor2CharEnd": _offset(row["target_end"]),
             "ActionCharEnd": row["trigger_end"], "PloverType": row["plover_type"], "CameoCode": row["cameo_code"]}
    return ";".join(f"{key}={'' if value is None else str(value).replace(';', ',')}" for key, value in pairs.items())


def parse_extras(cell: str) -> dict[str, str]:
    """The Extras cell read back into its pairs."""
    return dict(pair.split("=", 1) for pair in cell.split(";") if "=" in pair)


def mention_row(row: dict[str, Any]) -> list[Any]:
    return [row["cluster_id"], row["event_added"], row["doc_added"], 1, row["outlet"], row["url"] or row["doc_path"],
            row["sentence_id"], _offset(row["source_start"]), _offset(row["target_start"]), row["trigger_start"],
            _named(row["source_text"]) and _named(row["target_text"]), round((row["confidence"] or 0) * 100),
            row["doc_len"], None, None, extras(row)]


def write_mentions(con: duckdb.DuckDBPyConnection, stream: IO[str], selection: Selection, header: bool = False) -> int:
    """Every mention of the selected events (the table is per mention whatever `selection.per` says) that
    has at least one actor code, so every GlobalEventID is one the GDELT export has."""
    where, params = selection.where()
    sql = SQL_TEMPLATE.format(where=f"({where}) AND ({HAS_ACTOR})")
    reader = con.sql(sql, params={"sentence": SENTENCE, **params}).to_arrow_reader(BATCH_ROWS)
    return write_tsv(stream, COLUMNS if header else None,
                     (mention_row(row) for batch in reader for row in batch.to_pylist()))
