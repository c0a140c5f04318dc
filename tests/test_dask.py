"""The Dask engine gives what the in-memory functions give: same papers (ids, source_ref line
numbers), skipped records, trend and author tables, deduplication and audit, topic labels.

Most tests run dask's synchronous scheduler; the tests named test_cluster_* share a LocalCluster
of two worker processes and check the bundled sample there, cut into byte ranges.
Files cut into byte ranges are built from the bundled arXiv sample and the OpenAlex / Semantic
Scholar fixtures, with the damage real dumps show (CRLF and lone CR line ends, blank lines,
broken JSON, a BOM, non-ASCII text across block edges).
"""

import gzip
import json
import subprocess
import sys

import dask
import dask.dataframe as dd
import distributed
import pandas as pd
import pytest

import litkit
from pathlib import Path

# not imported from conftest: the Dask workers unpickle this module's functions and would find
# the project root's conftest.py first
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
from litkit.data import ARXIV_SAMPLE
from litkit.dask import no_string_conversion, sample

pytestmark = pytest.mark.filterwarnings("ignore:.*could not be read and were skipped")


@pytest.fixture(autouse=True)
def synchronous():
    with dask.config.set(scheduler="synchronous"):
        yield


@pytest.fixture(scope="module")
def memory():
    return litkit.read(ARXIV_SAMPLE)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """The bundled sample as an uncompressed JSON-lines file (cut into blocks)."""
    path = tmp_path_factory.mktemp("plain") / "arxiv.jsonl"
    path.write_bytes(gzip.decompress(ARXIV_SAMPLE.read_bytes()))
    return path


@pytest.fixture(scope="module")
def fitted(memory):
    """The in-memory topic model the Dask fits are compared with."""
    return litkit.TopicModel(n_topics=6, random_state=3, stability_runs=0).fit(memory)


def same(a: pd.DataFrame, b: pd.DataFrame):
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_import_does_not_import_dask():
    code = ("import sys, litkit, litkit.trends, litkit.authors, litkit.clean, litkit.topics; "
            "print('dask' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    assert out.stdout.strip() == "False"


def test_missing_extra_names_it():
    code = ("import sys; sys.modules['dask'] = None; import litkit\n"
            "try:\n    litkit.read(sys.argv[1], engine='dask')\n"
            "except litkit.errors.MissingExtraError as e:\n    print(e)")
    out = subprocess.run([sys.executable, "-c", code, str(ARXIV_SAMPLE)], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    assert "pip install litkit[dask]" in out.stdout


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown engine"):
        litkit.read(ARXIV_SAMPLE, engine="spark")


def test_sample_same_papers(memory):
    papers = litkit.read(ARXIV_SAMPLE, engine="dask")
    assert list(papers.dtypes) == list(memory.dtypes)
    same(papers.compute(), memory)


def test_plain_file_cut_into_blocks_same_papers(plain, memory):
    papers = litkit.read(plain, engine="dask", blocksize=300_000)
    assert papers.npartitions == -(-plain.stat().st_size // 300_000) > 10
    got = papers.compute().reset_index(drop=True)
    assert got["source_ref"].iloc[-1] == f"{plain}:3126"
    same(got.assign(source_ref=got["source_ref"].str.replace(str(plain), "X")),
         memory.assign(source_ref=memory["source_ref"].str.replace(str(ARXIV_SAMPLE), "X")))


def _damaged_arxiv(path, lines):
    """arXiv lines with the damage of real dumps; returns the path."""
    out = ["\ufeff" + lines[0]]
    for k, line in enumerate(lines[1:400], 1):
        if k % 37 == 0:
            out.append(line[: len(line) // 2])                       # cut off: not valid JSON
        elif k % 41 == 0:
            out.append("")                                           # blank line
        elif k % 43 == 0:
            out.append('["a list, not an object"]')
        elif k % 47 == 0:
            out.append(json.dumps({"title": None, "comment": "no id, no title"}))
        else:
            rec = json.loads(line)
            if k % 5 == 0:
                rec["title"] = "Ünïcödé — " + rec["title"] + " 数据"  # multi-byte characters
            if k % 53 == 0:
                rec["id"], rec["doi"] = None, None                   # id from the title hash
            out.append(json.dumps(rec, ensure_ascii=False))
    text = ""
    for k, line in enumerate(out):
        text += line + ("\r\n" if k % 3 == 0 else "\r" if k % 29 == 0 else "\n")
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("blocksize", [4001, 65_536])
def test_damaged_jsonl_blocks_same_rows_skips_and_line_numbers(tmp_path, blocksize):
    lines = gzip.decompress(ARXIV_SAMPLE.read_bytes()).decode("utf-8").split("\n")
    path = _damaged_arxiv(tmp_path / "dump.jsonl", lines)
    papers, skipped = litkit.read(path, return_skipped=True)
    assert len(skipped) > 20
    d_papers, d_skipped = litkit.read(path, engine="dask", blocksize=blocksize, return_skipped=True)
    assert d_papers.npartitions > 5
    got_p, got_s = dask.compute(d_papers, d_skipped)
    same(got_p, papers)
    same(got_s, skipped)


def test_openalex_and_semanticscholar_json_lines(tmp_path):
    works = json.loads((FIXTURES / "openalex" / "works_page.json").read_text())["results"]
    oa = tmp_path / "works.jsonl"
    rows = [json.dumps(w) for w in works]
    rows.insert(10, '{"broken": ')
    rows.insert(20, json.dumps({"meta": {}, "results": works[:3]}))       # a page on one line
    oa.write_text("\n".join(rows) + "\n")
    papers = json.loads((FIXTURES / "semanticscholar" / "graph_search.json").read_text())["data"]
    s2 = tmp_path / "papers.jsonl"
    rows = [json.dumps(p) for p in papers]
    rows.insert(30, "null")
    s2.write_text("\n".join(rows) + "\n")
    for path, blocksize in ((oa, 40_000), (s2, 1_000)):
        want = litkit.read(path, return_skipped=True)
        got = litkit.read(path, engine="dask", blocksize=blocksize, return_skipped=True)
        assert got[0].npartitions > 5
        got = dask.compute(*got)
        assert set(want[0]["source"]) == {"openalex" if path == oa else "semanticscholar"}
        same(got[0], want[0])
        same(got[1], want[1])


def test_folder_and_gzip_one_partition_per_file(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in ("b.ris", "a.bib"):
        src = FIXTURES / ("ris/scopus_export.ris" if name.endswith("ris") else "bibtex/wos_export.bib")
        (folder / name).write_bytes(src.read_bytes())
    (folder / "c.jsonl.gz").write_bytes(ARXIV_SAMPLE.read_bytes())
    papers = litkit.read(folder, engine="dask", blocksize=1000)
    assert papers.npartitions == 3
    same(papers.compute(), litkit.read(folder))


@pytest.mark.parametrize("files", [
    ["bibtex/jabref_issue97.bib", "bibtex/mendeley_webpage.bib", "bibtex/user_issue873.bib",
     "scopus-csv/scopus_litstudy.csv", "wos/wos_tabdelimited.txt"],
])
def test_deduplicate_same_result_and_audit(files):
    paths = [FIXTURES / f for f in files]
    want, want_audit = litkit.deduplicate(litkit.read(paths))
    assert len(want_audit) > 0
    got, got_audit = litkit.deduplicate(litkit.read(paths, engine="dask"))
    got, got_audit = dask.compute(got, got_audit)
    same(got, want)
    same(got_audit, want_audit)


def _second_export(memory):
    """400 sample papers and a second 'export' of 300 of them: without identifiers and with a
    typo in the title (fuzzy), without identifiers in capitals (title), same arXiv id (arxiv)."""
    base = memory.iloc[:400].reset_index(drop=True)
    copies = base.iloc[:300].copy().reset_index(drop=True)
    none = pd.Series([None] * len(copies), dtype="string")
    kind = pd.Series(range(len(copies))) % 3
    typo = copies["title"].map(lambda t: t[:10] + t[11] + t[10] + t[12:])
    copies["title"] = copies["title"].where(kind != 0, typo).where(kind != 1,
                                                                   copies["title"].str.upper())
    for col in ("doi", "arxiv_id"):
        copies[col] = copies[col].where(kind == 2, none)
    copies["id"] = copies["id"].where(kind == 2, "copy:" + copies.index.astype(str))
    copies["source_ref"] = "second.ris:" + copies.index.astype(str)
    return pd.concat([base, copies.iloc[::-1]], ignore_index=True)


def test_deduplicate_fuzzy_title_and_id_rules(memory):
    table = _second_export(memory)
    want, want_audit = litkit.deduplicate(table)
    assert set(want_audit["rule"]) == {"fuzzy", "title", "arxiv"}
    with no_string_conversion():
        papers = dd.from_pandas(table, npartitions=5, sort=False)
    got, got_audit = litkit.deduplicate(papers)
    got, got_audit = dask.compute(got, got_audit)
    same(got, want)
    same(got_audit, want_audit)


def test_blocks_capped_exact_keys_never_split():
    """First-author keys chain records into blocks of at most the cap; records sharing an
    exact key (here one title) stay one block above it."""
    import numpy as np
    from litkit.dask._dedup import _blocks, _destinations
    n = 40
    none = np.full(n, -1)
    keys = pd.DataFrame({"_pos": np.arange(n), "doi": none, "arxiv": none,
                         "title": np.where(np.arange(n) < 12, 7, -1), "main": none,
                         "author": np.arange(n) // 2,        # pairs 0-1, 2-3, ...
                         "swapped": (np.arange(n) + 1) // 2 + 100})   # pairs 1-2, 3-4, ...
    uncapped = _blocks(keys, [], cap=10**9)
    assert uncapped.nunique() == 1 and len(uncapped) == n      # one chain through all
    capped = _blocks(keys, [], cap=8)
    sizes = capped.value_counts()
    assert sizes.max() == 12 == (capped.loc[:11] == capped.loc[0]).sum()   # the title block
    assert (sizes.drop(capped.loc[0]) <= 8).all() and len(capped) == n
    assert (capped.groupby(keys["author"].to_numpy()).nunique() == 1).all()  # pairs joined
    # largest block first, to the least loaded partition (records in no block count)
    dest = _destinations(np.array([9, 1, 8, 2, 3]), np.array([5, 0, 4]))
    assert dest.tolist() == [1, 1, 2, 0, 0]
    assert (np.array([5, 0, 4]) + np.bincount(dest, weights=[9, 1, 8, 2, 3])).tolist() == \
        [10, 10, 12]


def test_deduplicate_small_block_cap(memory, monkeypatch):
    """Blocks cut at the cap (here the 7-record partitions; the largest first-author group
    holds 8 records): the exact rules (title, arXiv id) give the in-memory rows; only a
    near-duplicate pair whose first-author group was cut can be missed."""
    from litkit.dask import _dedup
    monkeypatch.setattr(_dedup, "MIN_BLOCK", 1)
    table = _second_export(memory)
    want, want_audit = litkit.deduplicate(table)
    keys = _dedup._block_keys(table)
    uncapped, capped = _dedup._blocks(keys, [], 10**9), _dedup._blocks(keys, [], 7)
    assert uncapped.value_counts().max() == 8 and capped.value_counts().max() <= 7
    with no_string_conversion():
        papers = dd.from_pandas(table, npartitions=100, sort=False)
    got, got_audit = dask.compute(*litkit.deduplicate(papers))
    exact = lambda a: a[a["rule"] != "fuzzy"].reset_index(drop=True)  # noqa: E731
    same(exact(got_audit), exact(want_audit))
    missed = set(want_audit["removed_source_ref"]) - set(got_audit["removed_source_ref"])
    assert len(got) - len(want) == len(missed) <= 2
    assert set(got_audit["removed_source_ref"]) <= set(want_audit["removed_source_ref"])
    pos = pd.Series(range(len(table)), index=table["source_ref"].to_numpy())
    for ref in missed:
        row = want_audit[want_audit["removed_source_ref"] == ref].iloc[0]
        i, j = pos[row["matched_source_ref"]], pos[ref]
        assert uncapped.get(i) == uncapped.get(j) and capped.get(i) != capped.get(j)


def test_list_columns_turned_into_strings_are_refused(memory):
    with pytest.raises(litkit.SchemaError, match="no_string_conversion"):
        litkit.deduplicate(dd.from_pandas(memory, npartitions=2))


def test_deduplicate_a_table_given_twice(memory):
    """Every record twice, with the same source_ref: the arXiv rule, refs kept as they are."""
    twice = pd.concat([memory, memory], ignore_index=True)
    with no_string_conversion():
        papers = dd.from_pandas(twice, npartitions=3, sort=False)
    got, audit = dask.compute(*litkit.deduplicate(papers))
    want, want_audit = litkit.deduplicate(twice)
    same(got, want)
    same(audit, want_audit)
    assert len(got) == len(memory) and set(audit["rule"]) == {"arxiv"}


def test_deduplicate_overrides_as_in_memory(memory):
    """Separate a found pair (by source_ref), merge unrelated papers (by id, by source_ref, in
    different partitions), on a table whose records repeat their source_ref."""
    table = _second_export(memory)
    table = pd.concat([table, table.iloc[:50]], ignore_index=True)   # 50 records read twice
    _, audit = litkit.deduplicate(table)
    fuzzy = audit[audit["rule"] == "fuzzy"].iloc[0]
    overrides = pd.DataFrame({
        "a": [fuzzy["removed_source_ref"], table["id"].iloc[5], table["source_ref"].iloc[7],
              table["source_ref"].iloc[30]],
        "b": [fuzzy["kept_source_ref"], table["id"].iloc[390], table["id"].iloc[601],
              table["source_ref"].iloc[20]],
        "action": ["separate", "merge", "Merge", "separate"]})
    want, want_audit = litkit.deduplicate(table, overrides=overrides)
    assert set(want_audit["rule"]) >= {"override", "fuzzy", "arxiv"}
    assert len(want) == len(litkit.deduplicate(table)[0]) + 1 - 2
    with no_string_conversion():
        papers = dd.from_pandas(table, npartitions=4, sort=False)
    got, got_audit = dask.compute(*litkit.deduplicate(papers, overrides=overrides))
    same(got, want)
    same(got_audit, want_audit)
    assert table["source_ref"].iloc[7] in got_audit["detail"].str.cat()


def test_deduplicate_override_naming_no_record():
    papers = litkit.read(ARXIV_SAMPLE, engine="dask")
    with pytest.raises(ValueError, match="'nowhere:1' matches no record"):
        litkit.deduplicate(papers, overrides=[(papers["id"].head(1).iloc[0], "nowhere:1",
                                               "merge")])


def test_topic_labels_above_the_sample_cap(memory):
    """Above the cap: the labels of the in-memory model fitted on the same seeded sample."""
    from litkit.dask import _topics
    papers = litkit.read(ARXIV_SAMPLE, engine="dask")
    dmodel = litkit.TopicModel(n_topics=4, random_state=1, stability_runs=0)
    _topics.fit(dmodel, papers, sample_cap=800)
    ref = litkit.TopicModel(n_topics=4, random_state=1, stability_runs=0)
    ref.fit(sample(memory, cap=800, seed=1))
    assert len(sample(memory, cap=800, seed=1)) == 800
    pd.testing.assert_series_equal(dmodel.labels_.compute().reset_index(drop=True),
                                   ref.predict(memory))


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two worker processes (one thread each), for the tests that need it,
    started with litkit's cluster config (``litkit.dask.WORKER_CONFIG``)."""
    with dask.config.set(litkit.dask.WORKER_CONFIG), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        yield client


@pytest.fixture
def on_cluster(cluster):
    with dask.config.set(scheduler="distributed"):
        yield cluster


@pytest.fixture(scope="module")
def sample_blocks(plain, cluster):
    """The sample cut into 1 MB byte ranges, read on the cluster and kept there."""
    with dask.config.set(scheduler="distributed"):
        papers = litkit.read(plain, engine="dask", blocksize=1_000_000).persist()
        yield papers


def _unplain(table, plain):
    return table.assign(source_ref=table["source_ref"].str.replace(str(plain), str(ARXIV_SAMPLE)))


def test_cluster_same_papers_trends_authors(on_cluster, sample_blocks, plain, memory):
    assert sample_blocks.npartitions == -(-plain.stat().st_size // 1_000_000) > 3
    same(_unplain(sample_blocks.compute(), plain), memory)
    for kw in ({"freq": "year"}, {"freq": "month", "by": "categories"},
               {"freq": "quarter", "by": "source"},
               {"freq": "month", "by": "categories", "multi": "explode"}):
        got, want = litkit.counts_by_period(sample_blocks, **kw), litkit.counts_by_period(memory, **kw)
        pd.testing.assert_frame_equal(got, want)
        assert got.attrs == want.attrs
    got = litkit.shares_over_time(sample_blocks, "categories", "month", top=5)
    want = litkit.shares_over_time(memory, "categories", "month", top=5)
    pd.testing.assert_frame_equal(got, want)
    assert got.attrs == want.attrs and len(want) > 50
    got, want = litkit.author_stats(sample_blocks), litkit.author_stats(memory)
    pd.testing.assert_frame_equal(got, want)
    assert len(want) > 10_000


def test_cluster_same_topic_labels_model_scattered(on_cluster, sample_blocks, memory, fitted):
    import pickle
    model = litkit.TopicModel(n_topics=6, random_state=3, stability_runs=0).fit(sample_blocks)
    graph = pickle.dumps(dict(model.labels_.__dask_graph__()))
    assert len(pickle.dumps(model)) > 1_000_000 > 20 * len(graph)   # the model is not in it
    pd.testing.assert_series_equal(model.labels_.compute().reset_index(drop=True), fitted.labels_)
    pd.testing.assert_frame_equal(model.topics_, fitted.topics_)
    # labels of a Dask fit drive the trend and author tables as in memory
    pd.testing.assert_frame_equal(litkit.counts_by_period(sample_blocks, by=model.labels_),
                                  litkit.counts_by_period(memory, by=fitted.labels_))
    pd.testing.assert_frame_equal(litkit.author_stats(sample_blocks, model.labels_),
                                  litkit.author_stats(memory, fitted.labels_))


def test_cluster_same_deduplication(on_cluster, plain, tmp_path, memory):
    """The sample plus 1,000 of its records again, in 7 partitions (arXiv rule)."""
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(b"\n".join(plain.read_bytes().split(b"\n")[:1000]) + b"\n")
    want = litkit.deduplicate(litkit.read([plain, copy]))
    got = dask.compute(*litkit.deduplicate(litkit.read([plain, copy], engine="dask",
                                                       blocksize=1_000_000)))
    same(got[0], want[0])
    same(got[1], want[1])
    assert len(got[0]) == len(memory) and len(got[1]) == 1000
    # the tasks parsed thousands of first-author names on each worker; none stays cached
    assert on_cluster.run(_cached_names) == {w: 0 for w in on_cluster.scheduler_info()["workers"]}


def test_cluster_worker_config_reaches_workers_and_scheduler(on_cluster):
    """``WORKER_CONFIG`` set before the cluster starts: the worker processes start with
    mimalloc's purge delay 0 (pyarrow's pool gives the pages freed by the P2P shuffles' Arrow
    conversions back at once: with the default delay each worker kept about 20 MB a shuffled
    partition resident) and the scheduler gives a worker one root task per thread."""
    from litkit.dask import WORKER_CONFIG
    assert WORKER_CONFIG["distributed.nanny.pre-spawn-environ.MIMALLOC_PURGE_DELAY"] == "0"
    workers = on_cluster.scheduler_info()["workers"]
    assert on_cluster.run(_purge_delay) == {w: "0" for w in workers}
    assert on_cluster.run_on_scheduler(_saturation) == 1.0


def _purge_delay():
    import os
    return os.environ.get("MIMALLOC_PURGE_DELAY")


def _saturation(dask_scheduler):
    return dask_scheduler.WORKER_SATURATION


def _cached_names():
    from litkit.names import keys
    return sum(f.cache_info().currsize for f in (keys._parse, keys._keys, keys._swap))


def test_tasks_release_name_caches_and_keep_their_signature(memory):
    """litkit's tasks leave no parsed names behind (a worker's caches would grow with the
    corpus), and keep the name and ``partition_info`` parameter dask looks for."""
    import inspect
    from litkit.dask import _dedup
    from litkit.names.keys import _keys
    _keys("Ada Lovelace")
    assert _cached_names() > 0
    keys = _dedup._block_keys(memory.iloc[:500], partition_info={"number": 3})
    assert _cached_names() == 0
    assert (keys["_pos"].to_numpy() >> 32 == 3).all() and (keys["author"] >= 0).sum() > 400
    assert _dedup._block_keys.__name__ == "_block_keys"
    assert "partition_info" in inspect.signature(_dedup._block_keys).parameters
