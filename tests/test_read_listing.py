"""The researcher-profile listing reader (litkit.io.listing).

The expected titles and authors of the 19 sample papers were written by hand from reading
``tests/fixtures/listing/researcher-profile.txt``, not produced by the reader.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES
from litkit.io.listing import arxiv_category, split_title_authors

LISTING = FIXTURES / "listing" / "researcher-profile.txt"

# (title, authors, truncated, date, category, code link, orgs), read off the file by eye
EXPECTED = [
    ("Training Language Models to Self-Correct via Reinforcement Learning",
     ["Aviral Kumar", "Vincent Zhuang", "Rishabh Agarwal"], True, "2024-09-19", "cs.LG", False,
     ["deepmind"]),
    ("Structured State Space Models for In-Context Reinforcement Learning",
     ["Chris Lu", "Yannick Schroecker", "Albert Gu"], True, "2023-03-07", "cs.LG", True, []),
    ("Human-Timescale Adaptation in an Open-Ended Task Space",
     ["Adaptive Agent Team", "Jakob Bauer", "Kate Baumli"], True, "2023-01-18", "cs.LG", False,
     ["oxford"]),
    ("Discovering Policies with DOMiNO: Diversity Optimization Maintaining Near Optimality",
     ["Tom Zahavy", "Yannick Schroecker", "Feryal Behbahani"], True, "2022-05-26", "cs.AI", False,
     []),
    ("Hierarchical Reinforcement Learning in Complex 3D Environments",
     ["Bernardo Avila Pires", "Feryal Behbahani", "Hubert Soyer"], True, "2023-02-28", "cs.LG",
     False, []),
    ("Gemini 1.5: Unlocking multimodal understanding across millions of tokens of context",
     ["Gemini Team", "Petko Georgiev", "Ving Ian Lei"], True, "2024-03-08", "cs.CL", False,
     ["deepmind", "mila"]),
    ("Gemini 2.5: Pushing the Frontier with Advanced Reasoning, Multimodality, Long Context, and "
     "Next Generation Agentic Capabilities",
     ["Gheorghe Comanici", "Eric Bieber", "Mike Schaekermann"], True, "2025-07-07", "cs.CL", False,
     ["amazon-science", "baidu"]),
    ("Genie: Generative Interactive Environments",
     ["Jake Bruce", "Michael Dennis", "Ashley Edwards"], True, "2024-02-23", "cs.LG", False,
     ["oxford"]),
    ("Many-Shot In-Context Learning",
     ["Rishabh Agarwal", "Avi Singh", "Lei M. Zhang"], True, "2024-04-17", "cs.LG", False, ["mila"]),
    ("Vision-Language Models as a Source of Rewards",
     ["Kate Baumli", "Satinder Baveja", "Feryal Behbahani"], True, "2023-12-14", "cs.LG", False,
     ["oxford"]),
    ("Open-Endedness is Essential for Artificial Superhuman Intelligence",
     ["Edward Hughes", "Michael Dennis", "Jack Parker-Holder"], True, "2024-06-06", "cs.LG", False,
     []),
    ("Model-Value Inconsistency as a Signal for Epistemic Uncertainty",
     ["Angelos Filos", "Eszter Vértes", "Zita Marinho"], True, "2021-12-08", "cs.LG", False, []),
    ("On the role of planning in model-based deep reinforcement learning",
     ["Jessica B. Hamrick", "Abram L. Friesen", "Feryal Behbahani"], True, "2020-11-08", "cs.AI",
     False, []),
    ("Learning Compositional Neural Programs for Continuous Control",
     ["Thomas Pierrot", "Nicolas Perrin", "Feryal Behbahani"], True, "2020-07-27", "cs.AI", False,
     []),
    ("Acme: A Research Framework for Distributed Reinforcement Learning",
     ["Matthew W. Hoffman", "Bobak Shahriari", "John Aslanides"], True, "2020-06-01", "cs.LG",
     False, []),
    ("Privileged Information Dropout in Reinforcement Learning",
     ["Pierre-Alexandre Kamienny", "Kai Arulkumaran", "Feryal Behbahani"], True, "2020-05-19",
     "cs.LG", False, []),
    ("Analysing Deep Reinforcement Learning Agents Trained with Domain Randomisation",
     ["Tianhong Dai", "Kai Arulkumaran", "Tamara Gerbert"], True, "2019-12-18", "cs.LG", False, []),
    ("Modular Meta-Learning with Shrinkage",
     ["Yutian Chen", "Abram L. Friesen", "Feryal Behbahani"], True, "2019-09-12", "cs.LG", False,
     []),
    ("Learning from Demonstration in the Wild",
     ["Feryal Behbahani", "Kyriacos Shiarlis", "Xi Chen"], True, "2018-11-08", "cs.LG", False, []),
]


@pytest.fixture(scope="module")
def papers():
    return litkit.read(LISTING)


def test_sample_is_detected_and_complete(papers):
    litkit.validate(papers)
    assert litkit.detect_format(litkit.io.load(LISTING))[0] == "listing"
    assert len(papers) == 19
    assert (papers["source"] == "listing").all()
    assert papers["abstract"].notna().all() and papers["venue"].isna().all()


@pytest.mark.parametrize("i", range(len(EXPECTED)))
def test_each_record_matches_the_file(papers, i):
    title, authors, truncated, day, cat, code, orgs = EXPECTED[i]
    row = papers.iloc[i]
    assert row["title"] == title
    assert row["authors"] == authors
    assert row["authors_truncated"] == truncated
    assert str(row["date"].date()) == day and row["year"] == int(day[:4])
    assert row["categories"] == [cat]
    assert row["extra"]["code"] is code
    assert row["extra"]["orgs"] == orgs
    assert row["extra"]["category_code"] == cat.split(".")[1]
    assert row["source_ref"] == f"{LISTING}:{3 * i + 1}"


def test_abstracts_are_whole_lines(papers):
    assert papers["abstract"][0].startswith("Self-correction is a highly desirable capability")
    assert papers["abstract"][0].endswith("on MATH and HumanEval.")
    assert papers["abstract"][18].endswith("without additional expert knowledge.")
    assert "\\emph{implicit value ensemble}" in papers["abstract"][11]


def test_category_codes():
    assert arxiv_category("LG") == "cs.LG"
    assert arxiv_category("CV") == "cs.CV"
    assert arxiv_category("RO") == "cs.RO"
    assert arxiv_category("ML") == "stat.ML"
    assert arxiv_category("IV") == "eess.IV"
    assert arxiv_category("SP") == "eess.SP"
    assert arxiv_category("OC") == "math.OC"
    assert arxiv_category("NC") == "q-bio.NC"
    assert arxiv_category("quant-ph") == "quant-ph"
    assert arxiv_category("comp-ph") == "physics.comp-ph"
    assert arxiv_category("stat.ML") == "stat.ML"
    assert arxiv_category("") is None


# --- the title/author boundary: hand-written hard cases ----------------------------------------

HARD = [
    # (glued text, abstract, truncated, title, authors)
    ("Scaling ViTAlexander Kolesnikov, Lucas Beyer", "", False,
     "Scaling ViT", ["Alexander Kolesnikov", "Lucas Beyer"]),
    ("Highly accurate protein structure prediction with AlphaFoldJohn Jumper, Richard Evans, "
     "Alexander Pritzel", "We present AlphaFold, a network.", True,
     "Highly accurate protein structure prediction with AlphaFold",
     ["John Jumper", "Richard Evans", "Alexander Pritzel"]),
    ("GPT-4o System CardOpenAI", "", False, "GPT-4o System Card", ["OpenAI"]),
    ("Is Attention All You Need?Łukasz Kaiser, José García", "", False,
     "Is Attention All You Need?", ["Łukasz Kaiser", "José García"]),
    ("Reward Modelling (RLHF)Conor O'Brien, Herke van Hoof", "", False,
     "Reward Modelling (RLHF)", ["Conor O'Brien", "Herke van Hoof"]),
    ("Sparse Experts for LLMs张伟, 李娜, 王芳", "", True, "Sparse Experts for LLMs",
     ["张伟", "李娜", "王芳"]),
    ("Learning with LLaMAHugo Touvron", "LLaMA is a collection of models.", False,
     "Learning with LLaMA", ["Hugo Touvron"]),
    ("Mastering Go with MuZeroDeepMind Interactive Agents Team, Jean-Baptiste Mouret",
     "MuZero plans.", False, "Mastering Go with MuZero",
     ["DeepMind Interactive Agents Team", "Jean-Baptiste Mouret"]),
    ("Qwen2.5 Technical ReportQwen Team", "", False, "Qwen2.5 Technical Report", ["Qwen Team"]),
    ("Cats, Dogs, and Mice: A BenchmarkMartin Luther King Jr., Ryan McDonald", "", False,
     "Cats, Dogs, and Mice: A Benchmark", ["Martin Luther King Jr.", "Ryan McDonald"]),
    ("Deep Nets for RLJ. Smith, A. B. Jones, C. D. Brown", "RL is hard.", True,
     "Deep Nets for RL", ["J. Smith", "A. B. Jones", "C. D. Brown"]),
    ("Gemini 1.5Gemini Team", "", False, "Gemini 1.5", ["Gemini Team"]),
    ("Segment Anything in 3DHaoBin Qin, JiaHao Zhao", "", False, "Segment Anything in 3D",
     ["HaoBin Qin", "JiaHao Zhao"]),
    ("DeepSeek-V3 Technical ReportDeepSeek-AI, Aixin Liu, Bei Feng", "DeepSeek-V3 is a MoE.", True,
     "DeepSeek-V3 Technical Report", ["DeepSeek-AI", "Aixin Liu", "Bei Feng"]),
]


@pytest.mark.parametrize("case", HARD, ids=[c[3][:30] for c in HARD])
def test_hard_boundaries(case):
    body, abstract, truncated, title, authors = case
    got_title, got_authors, _ = split_title_authors(body, abstract, truncated)
    assert (got_title, got_authors) == (title, authors)


# --- a generator of synthetic hard cases ---------------------------------------------------------

_WORDS = ["Learning", "Models", "Language", "Agents", "Reinforcement", "Policy", "Diffusion",
          "Graph", "Neural", "Networks", "Robust", "Efficient", "Scaling", "Transformers",
          "Vision", "Reasoning", "Planning", "Exploration", "Benchmark", "Memory", "Control",
          "Representation", "Optimization", "Attention", "Self-Supervised", "Multi-Agent",
          "Open-Ended", "Few-Shot", "Zero-Shot", "Offline", "Causal", "Generative", "Retrieval"]
_SMALL = ["for", "with", "in", "of", "via", "and", "on", "towards", "from", "the", "a"]
_ENDINGS = [  # the title's last word: acronyms, digits, punctuation, CamelCase, plain words
    "DOMiNO", "GPT-4", "GPT-4o", "LLMs", "RL", "RLHF", "ViT", "NeRF", "3D", "H2O2", "Gemini 1.5",
    "v2", "(RL)", "Agents?", "Go!", "AlphaFold", "DeepMind Lab", "PyTorch", "MuZero", "LLaMA",
    "JAX", "iPhone", "SCoRe", "Learning", "Environments", "Control", "Models", "Rewards",
    "Shrinkage", "Wild", "the Wild", "Scale", "Minecraft", "ImageNet", "CLIP", "BERT", "Part II",
    "U-Net", "X-Embodiment", "Self-Play", "O(n)", "ε-Greedy", "SO(3)", "Atari 2600", "2024"]
_PEOPLE = [
    "Aviral Kumar", "Matthew W. Hoffman", "Pierre-Alexandre Kamienny", "Łukasz Kaiser",
    "José Miguel Hernández-Lobato", "Eszter Vértes", "Conor O'Brien", "Herke van Hoof",
    "Aäron van den Oord", "Ryan McDonald", "Yann LeCun", "J. Smith", "A. J. Lee", "Xi Chen",
    "Lei M. Zhang", "Jean-Baptiste Mouret", "Çağlar Gülçehre", "Ørjan Strand", "Zoë Kravitz",
    "张伟", "李娜", "田中太郎", "Kim Min-jun", "HaoBin Qin", "JiaHao Zhao", "DongGeon Lee",
    "AmirHossein Kazemnejad", "Ali SaraerToosi", "Miguel A. DelaCruz", "Bernardo Avila Pires",
    "Jessica B. Hamrick", "D'Arcy Thompson", "Siddharth Narayanaswamy", "Ng Andrew",
    "Oriol Vinyals", "Ilya Sutskever", "Timothée Lacroix", "Sébastien Bubeck", "Maria de la Cruz",
    "Ludwig von Mises", "Nando de Freitas", "Shixiang Shane Gu", "AJ Piergiovanni",
    "Martin Luther King Jr.", "Jakob N. Foerster", "Yee Whye Teh", "Michael I. Jordan"]
_TEAMS = ["Gemini Team", "Adaptive Agent Team", "Open X-Embodiment Collaboration",
          "DeepMind Interactive Agents Team", "Llama Team", "Qwen Team", "OpenAI", "DeepSeek-AI"]


def synthetic_cases(n: int, seed: int = 0):
    """Listing lines with known answers: (glued text, abstract, truncated, title, authors)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = rng.sample(_WORDS, rng.randint(1, 5))
        mid = []
        for w in words:
            mid.append(w)
            if rng.random() < 0.4:
                mid.append(rng.choice(_SMALL))
        if rng.random() < 0.2:
            mid.insert(rng.randint(0, len(mid)), "Reasoning, Memory,")
        if rng.random() < 0.3:
            mid = [rng.choice(["Genie:", "Acme:", "SCoRe:", "Gemini 2.5:", "H2O2:"])] + mid
        ending = rng.choice(_ENDINGS)
        title = " ".join(mid + [ending])
        k = rng.randint(1, 3)
        pool = _PEOPLE + _TEAMS if rng.random() < 0.15 else _PEOPLE
        authors = rng.sample(pool, k)
        truncated = k == 3 and rng.random() < 0.6
        # an abstract that repeats some title words, as abstracts do
        said = [w for w in title.replace(":", "").split() if rng.random() < 0.5]
        abstract = "We study " + " ".join(said) + ". Results improve." if rng.random() < 0.8 else ""
        out.append((title + ", ".join(authors), abstract, truncated, title, authors))
    return out


def boundary_accuracy(cases) -> float:
    ok = sum(split_title_authors(b, a, t)[:2] == (title, authors) for b, a, t, title, authors in cases)
    return ok / len(cases)


def test_synthetic_boundary_accuracy():
    """Measured: python -c 'from test_read_listing import *; print(...)' — see the report."""
    cases = synthetic_cases(600, seed=1)
    acc = boundary_accuracy(cases)
    print(f"synthetic title/author boundary accuracy: {acc:.3f} on {len(cases)} cases")
    assert acc >= 0.97


# --- damaged files -------------------------------------------------------------------------------

def _lines():
    return LISTING.read_text(encoding="utf-8").split("\n")


def test_missing_abstract_is_skipped_and_the_rest_read(tmp_path):
    lines = _lines()
    del lines[5]                       # record 2's abstract (line 6)
    f = tmp_path / "cut.txt"
    f.write_text("\n".join(lines), encoding="utf-8")
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 18 and len(skipped) == 1
    assert skipped["source_ref"][0] == f"{f}:4"
    assert "abstract line is missing" in skipped["reason"][0]
    # the records after it are not shifted
    assert papers["title"][2] == EXPECTED[3][0]
    assert papers["authors"][17] == EXPECTED[18][1]


def test_bad_date_line_is_skipped_and_reading_resynchronises(tmp_path):
    lines = _lines()
    lines[6] = "LG Sometime in 2023"      # record 3's date line is not a date
    lines[9] = "LGFeb 30, 2023"           # record 4: a date that does not exist
    f = tmp_path / "bad.txt"
    f.write_text("\n\n".join(lines), encoding="utf-8")   # blank lines between all lines
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) + len(skipped) == 19
    assert len(skipped) == 2
    reasons = " | ".join(skipped["reason"])
    assert "category+date line" in reasons and "Feb 30, 2023 does not exist" in reasons
    assert list(papers["title"][:2]) == [EXPECTED[0][0], EXPECTED[1][0]]
    assert papers["title"][2] == EXPECTED[4][0]
    assert papers["title"].iloc[-1] == EXPECTED[18][0]
    assert papers["source_ref"][2] == f"{f}:{2 * 12 + 1}"


def test_missing_title_line_and_trailing_date(tmp_path):
    text = ("LGSep 19, 2024\n"
            "A Paper TitleJane Doe, John Roe\n"
            "An abstract.\n"
            "CVOct 1, 2024Code\n"
            "LGOct 2, 2024\n"
            "Another PaperAnn Lee\n"
            "Its abstract.\n"
            "AIOct 3, 2024\n")
    f = tmp_path / "t.txt"
    f.write_text(text, encoding="utf-8")
    papers, skipped = litkit.read(f, return_skipped=True)
    assert list(papers["title"]) == ["A Paper Title", "Another Paper"]
    assert list(papers["authors"]) == [["Jane Doe", "John Roe"], ["Ann Lee"]]
    assert not papers["authors_truncated"].any()
    assert list(skipped["source_ref"]) == [f"{f}:4", f"{f}:8"]


def test_sniff_does_not_claim_other_text(tmp_path):
    from litkit.io import listing
    from litkit.io._base import document_from_text
    assert listing.sniff(document_from_text("TY  - JOUR\nTI  - x\nER  - \n")) == 0
    assert listing.sniff(document_from_text("Dear colleague, Sep 19, 2024\n")) == 0
    assert listing.sniff(document_from_text(LISTING.read_text(encoding="utf-8"))) >= 0.9
    f = tmp_path / "x.txt"
    f.write_text("@article{a, title={x}}\n", encoding="utf-8")
    with pytest.raises(litkit.ReadError):
        litkit.read(f, format="listing")


def test_non_cs_code_and_org_tags(tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("MLJan 5, 2021\n"
                 "On Priors?Zoë Kravitz · mit, cmu\n"
                 "Abstract here.\n", encoding="utf-8")
    row = litkit.read(f).iloc[0]
    assert row["categories"] == ["stat.ML"] and row["extra"]["category_code"] == "ML"
    assert row["title"] == "On Priors?" and row["authors"] == ["Zoë Kravitz"]
    assert row["extra"]["orgs"] == ["mit", "cmu"]
    assert row["date"] == pd.Timestamp("2021-01-05")


def test_boundary_accuracy_on_real_arxiv_titles_and_authors():
    """Real titles, first three authors and abstracts of the bundled arXiv sample, glued as a
    profile listing shows them. A handful of records have damaged author fields in arXiv itself
    (``"MiniMax", ":", ...``) or typos (``"QIfan"``), so 100 % is not expected."""
    import gzip
    import json
    from conftest import DATA
    ok = n = 0
    with gzip.open(DATA / "arxiv-sample.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            title = " ".join(r["title"].split())
            authors = [" ".join(a.split()) for a in r["authors"][:3]]
            if not authors:
                continue
            n += 1
            got = split_title_authors(title + ", ".join(authors), " ".join(r["summary"].split()),
                                      len(r["authors"]) > 3)
            ok += got[:2] == (title, authors)
    print(f"real arXiv title/author boundary accuracy: {ok / n:.4f} on {n} papers")
    assert n > 3000 and ok / n >= 0.995


def test_a_short_header_before_the_first_record(tmp_path):
    f = tmp_path / "profile.txt"
    f.write_text("Feryal Behbahani\nPublications\n\n" + LISTING.read_text(encoding="utf-8"),
                 encoding="utf-8")
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 19 and papers["title"][0] == EXPECTED[0][0]
    # the header is reported, not silently dropped
    assert list(skipped["source_ref"]) == [f"{f}:1"]
    assert "lines 1-2" in skipped["reason"][0]


def test_a_hostile_multi_megabyte_line_is_read(tmp_path):
    # its reading time: bench/bench_hostile.py --part cases
    f = tmp_path / "big.txt"
    f.write_text("LGSep 19, 2024\n" + "Word" * 1_000_000 + "John Smith\nAbstract.\n",
                 encoding="utf-8")
    papers = litkit.read(f)
    assert len(papers) == 1


def test_title_ending_in_a_closing_quote_and_a_space_separated_fallback():
    assert split_title_authors("Clarification of `Algorithmic Collusion without Threats'"
                               "Jason Hartline")[:2] == (
        "Clarification of `Algorithmic Collusion without Threats'", ["Jason Hartline"])
    # the format glues title and authors, but a page that put a space is still read
    assert split_title_authors("Is Attention All You Need? John Smith, Jane Doe")[:2] == (
        "Is Attention All You Need?", ["John Smith", "Jane Doe"])


def test_date_line_without_category_and_with_spaced_code(tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("Sep 19, 2024 Code\nA TitleJane Doe\nAn abstract.\n", encoding="utf-8")
    row = litkit.read(f, format="listing").iloc[0]
    assert row["categories"] == [] and row["extra"]["category_code"] is None
    assert row["extra"]["code"] is True and row["year"] == 2024
    assert (row["title"], row["authors"]) == ("A Title", ["Jane Doe"])
