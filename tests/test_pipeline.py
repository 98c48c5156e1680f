"""The pipeline's own promises: one record per input, in order, whatever a stage or the parser does."""

from eventwire.documents import RawDocument


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
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setitem(clean_pipeline.stages, "quotes", broken)
    record = clean_pipeline.process_batch([RawDocument(content="China on Friday defended Kazakhstan.", path="x")])[0]
    assert [e.stage for e in record.errors] == ["quotes"] and "boom" in record.errors[0].message
    assert record.entities and record.events


def test_a_long_text_is_cut_at_sentence_ends_and_joins_back_exactly():
    from eventwire.nlp import text_pieces

    text = "".join(f'He said "this is sentence {k}." ' for k in range(3000)) + "A last line without an end"
    pieces = text_pieces(text, size=5000)
    assert "".join(pieces) == text and len(pieces) > 10
    assert all(len(p) <= 5000 for p in pieces)
    assert all(p.rstrip().endswith('."') for p in pieces[:-1])  # every cut after a sentence end
    unbroken = "x" * 12_000
    assert "".join(text_pieces(unbroken, size=5000)) == unbroken


def test_a_text_parsed_in_pieces_has_the_same_text_offsets_and_sentences(pipeline):
    from eventwire.nlp import parse_in_pieces

    text = " ".join(f"Police arrested {k} protesters in Almaty on Monday, officials said." for k in range(400))
    whole, pieces = pipeline.nlp(text), parse_in_pieces(pipeline.nlp, text, size=4000)
    assert pieces.text == text and len(pieces) == len(whole)
    assert [t.idx for t in pieces] == [t.idx for t in whole]
    assert len(list(pieces.sents)) == len(list(whole.sents)) == 400
    assert [e.text for e in pieces.ents] == [e.text for e in whole.ents]
