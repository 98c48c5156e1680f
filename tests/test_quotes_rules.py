"""One test per attribution rule class added while studying polnear-dev errors:
each asserts what a reader of the quote record would notice."""

from __future__ import annotations

import pytest

from eventwire.documents import RawDocument
from eventwire.records import DocumentRecord
from tests.helpers import assert_valid


@pytest.fixture(scope="module")
def run(clean_pipeline):
    def go(text: str) -> DocumentRecord:
        record = clean_pipeline.process_batch([RawDocument(content=text)])[0]
        assert_valid(record)
        return record
    return go


def quote_with(record: DocumentRecord, fragment: str):
    hits = [q for q in record.quotes if fragment in q.content.text]
    assert hits, f"no quote contains {fragment!r}: {[q.content.text for q in record.quotes]}"
    return hits[0]


def test_reported_content_stays_in_the_cue_paragraph(run):
    rec = run("Both senators say the committee has never told them what to ask\n\n"
              "The hearing is set for Tuesday morning in the old chamber.")
    q = quote_with(rec, "the committee has never told them")
    assert "\n" not in q.content.text and "hearing" not in q.content.text


def test_trailing_apposition_and_relative_clause_are_not_reported(run):
    rec = run("He said he did not support Mr. Smith, the presumed favorite of the party.")
    q = quote_with(rec, "he did not support Mr. Smith")
    assert q.content.text == "he did not support Mr. Smith"
    rec = run("The doctor said he expects her to recover fully from pneumonia, which forced her to leave early.")
    q = quote_with(rec, "he expects her to recover")
    assert "which forced" not in q.content.text


def test_second_cue_verb_of_the_same_subject_is_not_content(run):
    rec = run("China said it was resolutely opposed to the test and warned the North to refrain from further steps.")
    q = quote_with(rec, "it was resolutely opposed to the test")
    assert "warned" not in q.content.text


def test_relative_pronoun_is_the_written_speaker(run):
    rec = run("Critics include Mr. Kamin, who emphasized that the proposals would simplify returns.")
    q = quote_with(rec, "the proposals would simplify returns")
    assert q.speaker is not None and q.speaker.text == "who"


def test_heading_or_timestamp_is_never_the_speaker(run):
    rec = run("12:15 p.m.\n\nDonald Trump says political correctness has run amok in the military.")
    q = quote_with(rec, "political correctness has run amok")
    assert q.speaker is not None and q.speaker.text == "Donald Trump"


def test_participle_after_reported_clause_belongs_to_the_outer_speaker(run):
    rec = run("Foreign policy analysts said geopolitical factors have shaped the debate, "
              "citing the strategic importance of the region.")
    q = quote_with(rec, "the strategic importance of the region")
    assert q.speaker is not None and q.speaker.text == "Foreign policy analysts"


def test_fronted_participle_cue_takes_the_main_subject(run):
    rec = run("After saying her right foot was badly swollen, she was rushed to the hospital for tests.")
    q = quote_with(rec, "her right foot was badly swollen")
    assert q.speaker is not None and q.speaker.text == "she"


def test_question_quote_with_the_cue_in_the_next_sentence(run):
    rec = run("The senator pressed the banker for an hour.\n\n"
              "“Why isn’t this crystal clear proof that the bank is too big to manage?” Vitter demanded.")
    q = quote_with(rec, "crystal clear proof")
    assert q.speaker is not None and q.speaker.text == "Vitter"



def test_transcript_turns_are_quotes_of_their_label(run):
    rec = run("Partial transcript as follows:\n\n"
              "WALLACE: Will she be there tomorrow night?\n\n"
              "PENCE: She will not be attending the debate. Donald Trump thinks this is serious business.\n\n"
              "WALLACE: Governor, I want to try to get one more question in.\n\n"
              "PENCE: And that is why he is on his way to the White House.\n\n"
              "UPDATE: This story has been updated.")
    q = quote_with(rec, "She will not be attending")
    assert q.speaker is not None and q.speaker.text == "PENCE"
    assert q.content.text.startswith("She will not") and q.content.text.endswith("business.")
    assert quote_with(rec, "Will she be there").speaker.text == "WALLACE"
    assert not any("updated" in q.content.text for q in rec.quotes)
    assert not any(q.content.text == "this is serious business" for q in rec.quotes)


def test_headline_with_a_person_label(run):
    rec = run("A lesson from Loretta Lynch: ‘Be the voice that people hear.’\n\n"
              "As a summer associate at a law firm, she learned a great deal.")
    q = quote_with(rec, "Be the voice that people hear")
    assert q.speaker is not None and q.speaker.text == "Loretta Lynch"


def test_title_case_quoted_heading_does_not_continue_a_speaker(run):
    rec = run("“We will rebuild the town,” the mayor said on Tuesday.\n\n"
              "‘All Bets Are Off.’\n\n"
              "Eight years ago the town flooded.")
    assert not any("All Bets" in q.content.text for q in rec.quotes)


def test_object_of_a_reporting_preposition(run):
    rec = run("Keron Blair, the group's director, called for more school investment in a statement on Thursday.")
    q = quote_with(rec, "more school investment")
    assert q.content.text == "more school investment"
    assert q.speaker is not None and "Keron Blair" in q.speaker.text


def test_object_with_what_is_said_of_it(run):
    rec = run("Senator Reid frequently mocked Romney for not releasing his full tax returns.")
    q = quote_with(rec, "Romney for not releasing")
    assert q.content.text == "Romney for not releasing his full tax returns"
    rec = run("The Democratic nominee aggressively attacked her opponent as a fraud and a scam artist.")
    q = quote_with(rec, "her opponent as a fraud")
    assert q.speaker is not None and q.speaker.text == "The Democratic nominee"


def test_accusation_content_is_the_charge(run):
    rec = run("Trump accused the moderator of being a Democrat during the rally.")
    q = quote_with(rec, "being a Democrat")
    assert "the moderator" not in q.content.text


def test_passive_expectation_is_nobodys_belief(run):
    rec = run("The final international accord on the chemicals is expected to be ratified next month.")
    assert not any("ratified" in q.content.text for q in rec.quotes)


def test_report_nested_in_a_report_is_attributed_once(run):
    rec = run("Senator Graham, speaking on Sunday, said they think it should be changed to protect families.")
    hits = [q for q in rec.quotes if "it should be changed" in q.content.text]
    assert len(hits) == 1 and hits[0].speaker is not None and hits[0].speaker.text == "Senator Graham"


def test_extra_cue_files_reach_the_quotes_stage(tmp_path):
    """Settings.cue_files (`--cues`) merge a user's cue lexicon over the built-in one, as --lexicon does for events."""
    from eventwire.documents import RawDocument
    from eventwire.config import Settings
    from eventwire.pipeline import Pipeline

    text = "The mayor grumbled that the bridge would open in May."
    cues = tmp_path / "cues.yaml"
    cues.write_text("speech: [grumble]\n", encoding="utf-8")
    plain = Pipeline(Settings(clean="none")).process_batch([RawDocument(content=text)])[0]
    extended = Pipeline(Settings(clean="none", cue_files=(cues,))).process_batch([RawDocument(content=text)])[0]
    assert plain.quotes == []
    assert [(q.content.text, q.speaker.text) for q in extended.quotes] == [("that the bridge would open in May",
                                                                             "The mayor")]


def test_a_broken_cue_file_is_a_usage_error(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    bad = tmp_path / "cues.yaml"
    bad.write_text("speeches: [grumble]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--cues", str(bad), "-"], input="The mayor spoke.")
    assert result.exit_code == 2 and "--cues" in result.output
