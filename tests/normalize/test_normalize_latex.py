"""litkit.normalize.latex: the decoded letters checked by eye."""

import pytest

from litkit.normalize import decode_accents, latex_to_text, plain_math


@pytest.mark.parametrize("raw, text", [
    ('{\\"u}ber', "{ü}ber"),             # braces stay (the caller drops them)
    ('Schr\\"{o}dinger', "Schrödinger"),
    ("\\'\\i", "í"),
    ("\\'{\\i}", "í"),
    ("\\c{c}", "ç"),
    ("\\c c", "ç"),
    ("\\v{s}", "š"),
    ("Erd\\H{o}s", "Erdős"),
    ("\\aa", "å"),
    ("\\o{}", "ø"),
    ("\\oe uvre", "œuvre"),
    ("\\L\\'od\\'z", "Łódź"),
    ("Stra\\ss e", "Straße"),
    ("\\ldots", "\\ldots"),          # not a letter command: left for the parser
    ("\\textbf{x}", "\\textbf{x}"),
])
def test_decode_accents(raw, text):
    assert decode_accents(raw) == text


@pytest.mark.parametrize("raw, text", [
    ("Cu$_2$O", "Cu2O"),
    ("the $1S$ exciton", "the 1S exciton"),
    ("$x^{2}$", "x2"),
    ("$a b$", "$a b$"),                        # a space: real math, kept
    ("$\\alpha$", "$\\alpha$"),               # a command: kept
    ("costs \\$5 and $x$", "costs \\$5 and x"),     # an escaped \\$ is not math
    ("one $ sign", "one $ sign"),
])
def test_plain_math(raw, text):
    assert plain_math(raw) == text


def test_latex_to_text():
    assert latex_to_text("plain  text") == "plain text"
    assert latex_to_text('M{\\"u}ller on {GPUs}') == "Müller on GPUs"
    assert latex_to_text("\\emph{Deep} nets and $x^2$") == "Deep nets and $x^2$"
    assert latex_to_text(None) is None and latex_to_text(float("nan")) is None
    assert latex_to_text("{ }") is None


@pytest.mark.parametrize("raw", ["\\href\\)", "{" * 2000 + "x" + "}" * 2000])
def test_latex_to_text_survives_what_the_parser_cannot_read(raw):
    # pylatexenc raises IndexError on the first and RecursionError on the second
    assert latex_to_text(raw) == raw.replace("{", "").replace("}", "")
