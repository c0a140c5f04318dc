"""litkit.md / say / findings: sentences from computed values, markup in the data inert."""

import html

import litkit
from litkit.narrative import Markdown, escape, join


def _render(markdown):
    """Render Markdown like the HTML report does (nbconvert's mistune)."""
    import mistune
    return mistune.html(markdown)


def test_values_are_formatted_then_escaped():
    m = litkit.md("**{n:,}** papers by {who}; {share:.0%} dated", n=12345, who="a_b *c*", share=0.5)
    assert m.plain == "12,345 papers by a_b *c*; 50% dated"
    assert m.markdown == "**12,345** papers by a\\_b \\*c\\*; 50% dated"
    out = _render(m.markdown)
    assert "<strong>12,345</strong>" in out and "a_b *c*" in html.unescape(out)
    assert "<em>" not in out


def test_markup_and_math_in_data_show_as_text():
    nasty = "<script>alert(1)</script> $\\alpha$ [link](http://x) # title\n- item"
    m = litkit.md("title: {t}", t=nasty)
    out = _render(m.markdown)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<a " not in out and "<h1" not in out and "<li>" not in out
    assert "$\\alpha$" in html.unescape(out)
    assert "\n" not in m.markdown


def test_markdown_values_nest_without_double_escaping():
    inner = join(["cs_CV", "cs.CL"])
    m = litkit.md("largest: {groups}", groups=inner)
    assert m.markdown == "largest: cs\\_CV and cs.CL"
    assert m.plain == "largest: cs_CV and cs.CL"


def test_findings_list_leaves_out_none_and_escapes_strings():
    f = litkit.findings(litkit.md("{n} papers", n=3), None, "plain *text*")
    assert f.markdown == "**What we found**\n\n- 3 papers\n- plain \\*text\\*"
    assert f.plain == "What we found\n\n- 3 papers\n- plain *text*"
    assert "<li>plain *text*</li>" in _render(f.markdown)


def test_say_displays_markdown_with_a_plain_text_form(capsys):
    litkit.say("{n} papers", n=3)
    assert capsys.readouterr().out.strip() == "3 papers"
    litkit.say(litkit.check(litkit.schema.from_records([]), min_papers=2))
    assert capsys.readouterr().out.startswith("Skipped because the corpus has 0 papers")


def test_join_limits_and_escape_is_one_line():
    assert join(range(5), limit=2).plain == "0, 1 and 3 more"
    assert escape("a\n\nb") == "a b"
    assert Markdown("x", "x") == Markdown("x", "x")
