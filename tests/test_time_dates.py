"""Event dates: each kind of date expression, the clause rule, and the publication fallback."""

from __future__ import annotations

import pytest

from eventwire.documents import Article
from eventwire.records import Event, Modality, Plover, Source, Span
from eventwire.time import date_events
from eventwire.time.expressions import find_expressions
from eventwire.time.resolve import reference_date, resolve

FRIDAY = "2022-01-07T20:18:00+05:30"  # a Friday, in India's timezone
MONDAY = "2022-01-10T09:00:00+05:30"


def resolved(phrase: str, published: str, future: bool = False) -> tuple[str, str]:
    exprs = find_expressions(phrase)
    assert exprs, f"no date expression found in {phrase!r}"
    day, precision = resolve(exprs[0], reference_date(published), future)
    return day.isoformat(), precision


@pytest.mark.parametrize("phrase, published, want", [
    ("on Friday", FRIDAY, ("2022-01-07", "day")),            # Friday story: that very day
    ("on Friday", MONDAY, ("2022-01-07", "day")),            # Monday story: the Friday before
    ("yesterday", FRIDAY, ("2022-01-06", "day")),
    ("on Tuesday night", FRIDAY, ("2022-01-04", "day")),
    ("last week", FRIDAY, ("2021-12-27", "week")),           # weeks start on Monday
    ("on Jan. 5", FRIDAY, ("2022-01-05", "day")),
    ("in March", FRIDAY, ("2021-03-01", "month")),           # past: last March
    ("two days ago", FRIDAY, ("2022-01-05", "day")),
    ("earlier this month", FRIDAY, ("2022-01-01", "month")),
    ("last year", FRIDAY, ("2021-01-01", "year")),
    ("on January 7, 2022", None, ("2022-01-07", "day")),      # absolute: needs no publication date
    ("last night", "2022-01-08", ("2022-01-07", "day")),      # a bare publication date works too
    ("3 May 2021", FRIDAY, ("2021-05-03", "day")),
])
def test_each_kind_of_expression(phrase, published, want):
    assert resolved(phrase, published) == want


def test_future_events_look_forward():
    assert resolved("on Friday", MONDAY, future=True) == ("2022-01-14", "day")
    assert resolved("in March", FRIDAY, future=True) == ("2022-03-01", "month")


def test_publication_day_is_local_not_utc():
    # 01:30 in Kazakhstan on the 8th is still the 7th in UTC: the reader's "today" is the 8th
    assert reference_date("2022-01-08T01:30:00+06:00").isoformat() == "2022-01-08"


@pytest.mark.parametrize("text", ["He may go home.", "She sat. Then she left.", "5 marines were hurt."])
def test_words_that_only_look_like_dates(text):
    assert find_expressions(text) == []


def _event(doc, trigger: str, modality: Modality | None = None) -> Event:
    start = doc.text.index(trigger)
    sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return Event(id="e1", trigger=Span(text=trigger, start=start, end=start + len(trigger)),
                 plover=Plover(type="PROTEST"), sentence=Span(text=sent.text, start=sent.start_char, end=sent.end_char),
                 confidence=1.0, rule="test", modality=modality or Modality())


def _date(pipeline, text: str, trigger: str, published: str | None = FRIDAY, **kw):
    doc = pipeline.nlp(text)
    article = Article(doc_id="t", source=Source(), text=text, published=published)
    return date_events(article, doc, [_event(doc, trigger, **kw)])[0].date


def test_expression_in_the_events_clause_wins(pipeline):
    text = ("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia, where 24 people were killed in "
            "nationalist riots last March, Belgrade radio said.")
    assert _date(pipeline, text, "demonstrated").value == "2022-01-04"
    assert _date(pipeline, text, "killed").value == "2021-03-01"


def test_sentence_expression_when_the_clause_has_none(pipeline):
    date = _date(pipeline, "Mr. Tokayev said on Friday he had instructed security forces to fire.", "instructed")
    assert (date.value, date.from_, date.text) == ("2022-01-07", "text", "Friday")


def test_publication_date_when_no_expression_applies(pipeline):
    date = _date(pipeline, "Police arrested dozens of protesters.", "arrested")
    assert (date.value, date.precision, date.from_) == ("2022-01-07", "day", "published")
    assert date.model_dump(by_alias=True)["from"] == "published"


def test_no_publication_date_and_no_expression_means_no_date(pipeline):
    assert _date(pipeline, "Police arrested dozens of protesters.", "arrested", published=None) is None
    assert _date(pipeline, "Police arrested dozens on January 7, 2022.", "arrested", published=None).value == "2022-01-07"


def test_a_future_event_is_dated_when_it_was_announced(pipeline):
    # "will meet on Friday" (the Friday to come) is coded as the plan, made by the publication day
    date = _date(pipeline, "The ministers will meet on Friday.", "meet", published=MONDAY, modality=Modality(future=True))
    assert (date.value, date.from_) == (MONDAY[:10], "published")
    date = _date(pipeline, "The two leaders pledged to double trade by 2030.", "pledged", published=MONDAY)
    assert (date.value, date.from_) == (MONDAY[:10], "published")


def test_since_gives_the_start_of_the_period():
    # an ongoing state ("has raged since April 2023") is dated at its start, at the precision given
    assert resolved("since April 2023", FRIDAY) == ("2023-04-01", "month")
    assert resolved("since April", FRIDAY) == ("2021-04-01", "month")
    assert resolved("since 2015", FRIDAY) == ("2015-01-01", "year")


def test_a_future_event_does_not_take_the_saying_forward(pipeline):
    # "Wednesday" belongs to "said": the past Wednesday, though the acceptance is still to come
    text = "The government said on Wednesday it would accept the ruling."
    date = _date(pipeline, text, "accept", published="2021-11-18", modality=Modality(future=True))
    assert date.value == "2021-11-17"


def test_headline_event_takes_the_date_of_the_body_event_it_sums_up(pipeline):
    text = "The strikes hit an area near the border late on Sunday, the mayor said."
    doc = pipeline.nlp(text)
    title = "Air strikes kill three civilians"
    article = Article(doc_id="t", source=Source(), text=text, title=title, published=FRIDAY)
    body = _event(doc, "hit")
    head = Event(id="h", trigger=Span(text="kill", start=12, end=16), headline=True, plover=Plover(type="PROTEST"),
                 sentence=Span(text=title, start=0, end=len(title)), confidence=1.0, rule="test")
    dated = date_events(article, doc, [head, body])
    assert dated[0].date.value == dated[1].date.value == "2022-01-02"


@pytest.mark.parametrize("text, trigger, want", [
    ("Taliban attack on Afghan police in Kabul on Friday.", "attack", "2022-01-07"),
    ("Protests by Kenyan teachers against the government in Nairobi on Monday.", "Protests", "2022-01-03"),
])
def test_a_sentence_with_no_verb_is_dated_and_does_not_hang(pipeline, text, trigger, want):
    # the clause climb stops at the root (compared by index): it used to loop forever on a noun root
    from eventwire.budget import time_budget
    with time_budget(20):
        assert _date(pipeline, text, trigger).value == want


# -- background dates are not event dates (issue 14.3) --------------------------------------------------------

def _dates_of(pipeline, text: str, published: str = "2024-05-09") -> dict[str, tuple[str, str | None]]:
    from eventwire import process

    record = process(text, clean="none", published=published)
    return {e.trigger.text.split()[0]: (e.date.value, e.date.text) for e in record.events}


def test_a_since_phrase_on_a_noun_dates_its_state_not_the_event(pipeline):
    dates = _dates_of(pipeline, "The hostages, in captivity since 2016, were freed.")
    assert dates["freed"] == ("2024-05-09", None)  # the publication day, not 2016-01-01


def test_a_since_phrase_on_the_event_verb_dates_the_state_start(pipeline):
    dates = _dates_of(pipeline, "Militants who have held the hostages since 2016 freed them Tuesday.")
    assert dates["freed"] == ("2024-05-07", "Tuesday")
    assert dates["held"] == ("2016-01-01", "since 2016")


def test_a_when_clause_takes_the_date_it_hangs_on(pipeline):
    dates = _dates_of(pipeline, "Relations collapsed in April 2021, when the government expelled 18 diplomats.")
    assert dates["expelled"] == ("2021-04-01", "in April 2021")


def test_a_participle_takes_its_clause_date(pipeline):
    dates = _dates_of(pipeline, "Fighting between the army and the rebels has raged since April 2023, killing "
                                "thousands of people.")
    assert dates["killing"] == ("2023-04-01", "since April 2023")


def test_an_old_date_outside_the_events_clause_does_not_date_it(pipeline):
    dates = _dates_of(pipeline, "In 2015 the talks failed, and on the border rebels attacked an army post.")
    assert dates["attacked"] == ("2024-05-09", None)


def test_a_when_clause_on_a_since_phrase_takes_its_date(pipeline):
    dates = _dates_of(pipeline, "It was the deadliest attack in Britain since July 2005, when four bombers killed "
                                "52 people in London.")
    assert dates["killed"] == ("2005-07-01", "since July 2005")
