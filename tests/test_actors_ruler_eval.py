"""The KB entity ruler and the `eventwire eval actors` scoring rule."""

from __future__ import annotations

import spacy

from eventwire.actors.codes import actor_code
from eventwire.actors.kb import build, merge
from eventwire.actors.ruler import RULER_NAME, add_kb_ruler
from eventwire.eval.actors import actor_right, gold_code
from eventwire.records import Actor, DocumentRecord, Entity, PipelineInfo, Source

KB = build(merge([{
    "countries": [{"iso3": "MNE", "name": "Montenegro", "names": ["Montenegro"]}],
    "people": [{"id": "kjt", "name": "Kassym-Jomart Tokayev", "country": "KAZ"},
               {"id": "lm", "name": "Luís Montenegro", "aliases": ["Montenegro"], "country": "PRT"}],
    "organisations": [{"id": "sco", "name": "Shanghai Cooperation Organisation", "sector": "IGO"}],
}]))


def test_ruler_marks_kb_names_and_skips_country_names():
    nlp = add_kb_ruler(spacy.blank("en"), KB)
    add_kb_ruler(nlp, KB)  # a second call adds nothing twice
    assert nlp.pipe_names.count(RULER_NAME) == 1
    doc = nlp("Kassym-Jomart Tokayev spoke to the Shanghai Cooperation Organisation about Montenegro.")
    ents = {e.text: e.label_ for e in doc.ents}
    assert ents["Kassym-Jomart Tokayev"] == "PERSON"
    assert ents["Shanghai Cooperation Organisation"] == "ORG"
    assert "Montenegro" not in ents  # a country's name is never made a person by the ruler


def test_codes_follow_cameo_conventions():
    assert actor_code("CHN", "GOV") == "CHNGOV"
    assert actor_code("CHN", "IGO") == "IGO"
    assert actor_code(None, "REB") == "IMGREB"
    assert actor_code(None, None) is None


def test_eval_counts_an_actor_right_when_an_overlapping_entity_has_its_country():
    text = "Russian President Boris Yeltsin hosted the talks."
    record = DocumentRecord(
        doc_id="x", source=Source(), text=text, pipeline=PipelineInfo(version="0", model="m"),
        entities=[Entity(start=0, end=7, text="Russian", label="NORP", actor_id="RUS"),
                  Entity(start=18, end=31, text="Boris Yeltsin", label="PERSON", actor_id="by")],
        actors=[Actor(id="RUS", name="Russia", kind="state", country="RUS", sector="GOV", code="RUSGOV"),
                Actor(id="by", name="Boris Yeltsin", kind="person", country=None, sector="GOV", code="GOV")])
    assert actor_right(record, "Russian President Boris Yeltsin", "RUS")[0]
    assert not actor_right(record, "Russian President Boris Yeltsin", "USA")[0]
    assert not actor_right(record, "the talks", "RUS")[0]
    assert gold_code("JAPGOV") == "JPN" and gold_code("IGOUNO") == "IGO"
