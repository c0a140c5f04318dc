"""Titles for matching: normalisation and typo-only edits."""

import pytest

from litkit.clean import normalize_title
from litkit.clean.titles import edits_are_typos as _edits_are_typos


# --- titles -------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("CO<inf>2</inf> capture &amp; storage", "CO2 Capture and Storage"),            # Scopus markup
    ("The {E}ffect of $\\alpha$-Synuclein", "Effect of α-synuclein"),                 # LaTeX, Greek
    ("M{\\\"u}ller's Theorem", "Müller’s theorem"),
    ("DEEP LEARNING: A SURVEY.", "Deep learning - a survey"),                          # WoS capitals
    ("Pre-training of deep bidirectional transformers", "Pre training of deep bidirectional "
                                                        "transformers"),
    ("M$^3$FinMeeting: a benchmark", "M<sup>3</sup>FinMeeting: A Benchmark"),
])
def test_titles_normalise_alike(a, b):
    assert normalize_title(a).replace(" ", "") == normalize_title(b).replace(" ", "")


def test_normalize_title_values():
    assert normalize_title("The {E}ffect of $\\alpha$-Synuclein: A Review.") == \
        "effect of alpha synuclein a review"
    assert normalize_title("  ") is None and normalize_title(None) is None
    # only a leading article goes
    assert normalize_title("A Theory of the Firm") == "theory of the firm"


def test_changed_words_are_not_typos():
    assert _edits_are_typos("deep learnign for graphs", "deep learning for graphs")
    assert _edits_are_typos("a survey of data set bias", "survey on dataset bias")
    assert not _edits_are_typos("ai generated text detection", "ai generated image detection")
    assert not _edits_are_typos("nemotron 3 nano open efficient", "nemotron 3 ultra open efficient")


@pytest.mark.parametrize("latex,plain", [
    ("Why {\\sc am} and {\\sc Eurisko} appear to work", "Why AM and Eurisko appear to work"),
    ("Instrumental {\\em With\\/}", "Instrumental with"),
    ("Admissible heuristic search in {AND\\slash OR} graphs", "Admissible heuristic search in AND/OR graphs"),
    ("An Optimal {\\it k\\/}-consistency algorithm", "An optimal k-consistency algorithm"),
    ("{\\bfseries Deep} {\\itshape learning}", "Deep learning"),
])
def test_old_style_font_switches_are_not_words(latex, plain):
    """Switches of old BibTeX libraries (``{\\sc X}``, ``{\\em X\\/}``) leave only their text."""
    assert normalize_title(latex) == normalize_title(plain)


def test_commands_that_are_words_stay():
    assert normalize_title("\\alpha-helix and \\item lists") == "alpha helix and item lists"
