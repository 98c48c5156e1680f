"""The event database: DuckDB schema, incremental ingest, duplicate clusters, exports.

`ingest.ingest(paths, db)` runs the pipeline into the database;
`dedup.rebuild_clusters(con)` groups mentions of one event;
`export.export(con, format, output)` writes GDELT, Mentions, POLECAT-style,
Parquet, CSV and JSON Lines files.
"""
