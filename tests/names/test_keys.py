"""Author keys, checked on the name forms of real exports."""

import re

import pandas as pd
import pytest

from litkit.names import author_key, authorships, parse_name
from litkit.schema import from_records


def _wos_au_af(path):
    """(AU list, AF list) of every record of a Web of Science plain-text file, read raw."""
    recs, cur, tag = [], {}, None
    for line in open(path, encoding="utf-8-sig"):
        line = line.rstrip("\n")
        if line.startswith("ER"):
            recs.append(cur)
            cur, tag = {}, None
        elif line[:2].strip() and line[2:3] == " ":
            tag = line[:2]
            cur.setdefault(tag, []).append(line[3:])
        elif line.startswith("   ") and tag:
            cur[tag].append(line[3:])
    return [(r["AU"], r["AF"]) for r in recs if "AU" in r and "AF" in r]


@pytest.mark.parametrize("names,key", [
    (["Smith J.", "Smith, J", "J. Smith", "John Smith", "Smith JM", "Smith, John M."], "smith, j"),
    (['M{\\"u}ller, Hans', "Müller, H.", "Hans Müller", "Muller, H", "Mueller, Hans"], "muller, h"),
    (["van der Berg, J.", "Berg, J. van der", "Van Der Berg J.", "Jan van der Berg"], "berg, j"),
    (["Jean-Pierre Dupont", "Dupont, J.-P.", "Dupont J.-P."], "dupont, j"),
    (["Martin Luther King, Jr.", "King, Jr., Martin"], "king, m"),
    # Web of Science writes initials without dots: JR and MD are initials, not suffixes
    (["Cruz, JR", "Cruz, J. R."], "cruz, j"),
    (["Leblanc, MD", "Leblanc, M. D."], "leblanc, m"),
])
def test_name_forms_share_one_key(names, key):
    assert {author_key(n) for n in names} == {key}


def test_distinct_people_stay_apart():
    assert author_key("Cheng Yang") == "yang, c"
    assert author_key("Cheng Yu") == "yu, c"
    # pinyin surnames that differ by an "e" are different names
    assert author_key("Xue, L.") != author_key("Xu, L.")
    assert author_key("Yuen, K.") != author_key("Yun, K.")


def test_teams_cjk_and_orcid():
    assert author_key("Gemini Team") == "gemini team"
    assert parse_name("Adaptive Agent Team")[0] == "org"
    assert author_key("ATLAS Collaboration") == "atlas collaboration"
    assert author_key("张伟") == "张伟"
    assert author_key("Ai Wang") == "wang, a"      # a given name, not "AI" the organisation word
    assert author_key("Anyone", orcid="https://orcid.org/0000-0002-1825-009x") == \
        "orcid:0000-0002-1825-009X"
    assert author_key(None) is None and author_key("") is None


def test_web_of_science_short_and_full_names_agree(fixtures):
    """AU ("Gunther, S") and AF ("Guenther, S.") of the same records give the same key,
    except where AF writes a Chinese name family-first without a comma ("Wang Ying"):
    that needs the corpus (see the next test)."""
    n = same = 0
    family_first = []
    for f in ("wos_plain_500.txt", "wos_plain_small.txt"):
        for au, af in _wos_au_af(fixtures / "wos" / f):
            assert len(au) == len(af)
            for short, full in zip(au, af):
                n += 1
                if author_key(short) == author_key(full):
                    same += 1
                else:
                    family_first.append(full)
    assert n > 2500
    assert all("," not in name for name in family_first), family_first
    assert len(family_first) <= 10          # "Wang Ying", "Wei Fu-Lin", "Cao Jiang-Wei"...
    assert "Wang Ying" in family_first and "Cao Jiang-Wei" in family_first


def test_scopus_short_and_full_names_agree(fixtures):
    d = pd.read_csv(fixtures / "scopus-csv" / "scopus_fullnames.csv")
    n = 0
    for short, full in zip(d["Authors"], d["Author full names"]):
        for s, f in zip(short.split("; "), full.split("; ")):
            f = re.sub(r"\s*\(\d+\)$", "", f)         # "Akdağ, Fazıl (59913082200)"
            assert author_key(s) == author_key(f), (s, f)
            n += 1
    assert n == 38          # 8 records, counted by eye
    assert author_key("Akdağ F.") == author_key("Akdağ, Fazıl") == "akdag, f"
    assert author_key("Sa-Ambo J.M.") == author_key("Sa-Ambo, Joseph Mannyeya")


def test_authorships_family_first_names_resolved_by_corpus(fixtures):
    pairs = _wos_au_af(fixtures / "wos" / "wos_plain_500.txt")
    recs = []
    for i, (au, af) in enumerate(pairs):
        recs.append({"id": f"au{i}", "authors": au})
        recs.append({"id": f"af{i}", "authors": af})
    a = authorships(from_records(recs))
    full = a[a["id"].str.startswith("af")]
    # "Wang Ying" is read family-first because "Wang, Y" exists in the corpus and "Ying, W" does not
    assert set(full.loc[full["name"] == "Wang Ying", "key"]) == {"wang, ying"}
    assert set(full.loc[full["name"] == "Cao Jiang-Wei", "key"]) == {"cao, j"}
