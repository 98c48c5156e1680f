"""Quotation-mark spans: every style, and broken marks cost only their own quote."""

from __future__ import annotations

from eventwire.quotes.direct import find_marked


def spans(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_marked(text)]


def test_curly_straight_guillemets_and_typewriter_quotes():
    text = ('He said “we will win” today.\n\nShe said "not a chance" later.\n\n'
            'Il a dit «nous gagnerons» hier.\n\nThey said \'\'it is over\'\' then.')
    assert spans(text) == ["“we will win”", '"not a chance"', "«nous gagnerons»", "''it is over''"]


def test_single_quotes_nested_in_double_stay_inside():
    text = "He said “they call it ‘colour revolutions’ in Kazakhstan,” the agency said."
    assert spans(text) == ["“they call it ‘colour revolutions’ in Kazakhstan,”"]


def test_unbalanced_paragraph_does_not_cost_the_rest_of_the_document():
    text = ('He said “this quote never closes and the mark is lost.\n\n'
            'Later she said “this one is fine,” and left.\n\n'
            'Straight ones too: "also fine," he said.')
    found = spans(text)
    assert "“this one is fine,”" in found
    assert '"also fine,"' in found


def test_quote_over_several_paragraphs_gives_each_paragraph():
    text = '“First paragraph of a long quote runs on.\n\n“Second paragraph ends it,” he said.'
    found = find_marked(text)
    assert [text[m.start:m.end] for m in found] == ["“First paragraph of a long quote runs on.",
                                                   "“Second paragraph ends it,”"]
    assert not found[0].closed and found[1].closed


def test_stray_straight_closer_is_ignored():
    text = 'He is 6 feet" tall and said "we are ready" yesterday.'
    assert spans(text) == ['"we are ready"']


def test_single_quotes_as_main_marks_when_a_paragraph_has_no_double_ones():
    text = "De Blasio says blast was an 'intentional act.'\n\nObama Sees ‘Personal Insult’ in the vote, don’t he?"
    assert spans(text) == ["'intentional act.'", "‘Personal Insult’"]


def test_apostrophes_and_nested_singles_are_not_quotes():
    text = "Clinton’s team didn’t say.\n\nHe said “they call it ‘colour revolutions’ there,” she wrote."
    assert spans(text) == ["“they call it ‘colour revolutions’ there,”"]


def test_closing_mark_typed_as_an_opener():
    text = "”Fear. I am truly afraid that he will win.” ― Edwin Monroy\n\n” … what I learned is that it matters,” he said."
    assert spans(text) == ["”Fear. I am truly afraid that he will win.”", "” … what I learned is that it matters,”"]
