"""The pipeline's own promises: one record per input, in order, whatever a stage or the parser does."""

from eventwire.article import RawDocument


def test_a_body_over_the_parser_limit_is_kept_with_an_error_and_the_batch_goes_on(clean_pipeline):
    limit = clean_pipeline.nlp.max_length
    huge = ("The parliament met again. " * (limit // 26 + 10))[: limit + 100]
    raws = [RawDocument(content="Police arrested dozens of protesters in Almaty.", path="a.txt"),
            RawDocument(content=huge, path="huge.txt"),
            RawDocument(content="Troops withdrew from the town.", path="b.txt")]
    records = clean_pipeline.process_batch(raws)
    assert [r.source.path for r in records] == ["a.txt", "huge.txt", "b.txt"]
    assert records[1].text == huge and not records[1].entities
    assert [e.stage for e in records[1].errors] == ["nlp"] and "limit" in records[1].errors[0].message
    assert not records[0].errors and records[0].entities and not records[2].errors


def test_a_failing_stage_costs_only_that_stage(clean_pipeline, monkeypatch):
    import eventwire.pipeline as pipeline_module

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline_module, "find_quotes", broken)
    record = clean_pipeline.process_batch([RawDocument(content="China on Friday defended Kazakhstan.", path="x")])[0]
    assert [e.stage for e in record.errors] == ["quotes"] and "boom" in record.errors[0].message
    assert record.entities and record.events
