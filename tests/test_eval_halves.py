"""The fixed halves of the dev sets and the sentence-level scorers (eval evloc, eval quad)."""

from __future__ import annotations

import hashlib

from eventwire.eval.halves import half_of, in_half
from eventwire.eval.sentences import LABEL_QUADS, EvlocScore, QuadScore, quad_class, score_evloc_item
from eventwire.records import Cameo, DocumentRecord, Event, Location, Modality, PipelineInfo, Plover, Source, Span

TEXT = "Rebels shelled the town of Saraqib on Monday."


def test_the_split_is_the_hash_of_the_id():
    for item_id in ("PLOVER-GSR01-AGREE-0001", "evloc-2", "17", 17):
        even = int(hashlib.sha1(str(item_id).encode()).hexdigest(), 16) % 2 == 0
        assert half_of(item_id) == ("A" if even else "B")
    assert in_half("x", None) and in_half("x", half_of("x").lower())


def _record(events: list[Event]) -> DocumentRecord:
    return DocumentRecord(doc_id="d", source=Source(), text=TEXT, events=events,
                          pipeline=PipelineInfo(version="t", model="t"))


def _event(location: Location | None, root: str = "19", confidence: float = 1.0, negated: bool = False) -> Event:
    start = TEXT.index("shelled")
    return Event(id="e", trigger=Span(text="shelled", start=start, end=start + 7), plover=Plover(type="ASSAULT"),
                 sentence=Span(text=TEXT, start=0, end=len(TEXT)), confidence=confidence, rule="t",
                 location=location, modality=Modality(negated=negated),
                 cameo=Cameo(code=root + "0", root=root, quad_class=4, goldstein=-10.0))


def test_evloc_place_right_by_span_and_no_invented_place():
    start = TEXT.index("Saraqib")
    item = {"id": "i", "verb": {"start": TEXT.index("shelled"), "end": TEXT.index("shelled") + 7},
            "locations": [{"start": start, "end": start + 7, "text": "Saraqib"}]}
    at_town = Location(name="Saraqib", precision="city", start=start, end=start + 7)
    in_country = Location(name="Syria", country="SYR", precision="country")
    score = EvlocScore()
    score_evloc_item(score, item, _record([_event(at_town)]))
    score_evloc_item(score, item, _record([_event(in_country)]))
    score_evloc_item(score, item, _record([]))
    assert (score.with_place, score.event_found, score.placed_right) == (3, 2, 1)
    no_gold = {**item, "locations": []}
    score_evloc_item(score, no_gold, _record([_event(in_country)]))  # no place of the sentence named: right
    score_evloc_item(score, no_gold, _record([_event(at_town)]))
    assert (score.no_place, score.no_place_right) == (2, 1)


def test_quad_class_of_the_most_confident_event_that_is_not_negated():
    events = [_event(None, "04", 0.9), _event(None, "19", 0.95, negated=True), _event(None, "12", 0.5)]
    assert quad_class(_record(events)) == 1
    assert quad_class(_record([])) == 0
    assert quad_class(_record([_event(None, "01")])) == 0
    assert quad_class(_record([_event(None, "16")])) == 4 and quad_class(_record([_event(None, "16")]), LABEL_QUADS) == 3
    assert quad_class(_record([_event(None, "02")])) == 1 and quad_class(_record([_event(None, "02")]), LABEL_QUADS) == 0
    score = QuadScore()
    for gold, predicted in ((0, 0), (1, 1), (4, 4), (4, 3)):
        score.confusion[(gold, predicted)] += 1
    assert score.accuracy == 0.75 and abs(score.f1(4) - 2 / 3) < 1e-9
