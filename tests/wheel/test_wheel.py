"""The wheel as a user gets it: built from the checkout, installed into a fresh virtual
environment, run from an unrelated folder.

How the environment is made (fast and still a real install): ``python -m venv`` without access
to any site-packages, the wheel installed into it by pip (``--no-deps``, so its files, its entry
point and its metadata are what gets tested), and the dependencies taken from the environment
running the tests through a ``.pth`` line. A ``.pth`` line only adds that folder to ``sys.path``:
the ``.pth`` files inside it (this checkout's editable install) are not run, and the venv's own
site-packages comes first, so ``import litkit`` is the installed wheel's — the test checks that.
nbconvert's HTML templates, data files of its environment's prefix, are linked in (pip would
have put them there); no kernelspec is, so the notebooks run in the venv's own Python.
That the wheel's dependencies resolve from the registry to the newest releases is not tested
here (no network in tests); its metadata is: no test tools and no upper caps at run time.
"""

import email
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import litkit

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures"
#: a small export none of the notebooks was written for: 4 JSTOR records (held-out fixture)
REPORT_EXPORT = FIX / "heldout" / "ris" / "colrev_jstor.ris"
#: two exports of different databases that share two papers
CONVERT_EXPORTS = (FIX / "ris" / "ieee_example.ris", FIX / "semanticscholar" / "graph_search.json")
TEST_TOOLS = {"pytest", "pytest-xdist", "nbval", "hypothesis", "playwright", "jupytext", "build"}
_COPY_IGNORE = shutil.ignore_patterns(".git", ".venv*", "build", "dist", "reports", "*.egg-info",
                                      "__pycache__", ".pytest_cache", "test-artifacts")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """``python -m build --wheel`` on a copy of the checkout (so no build/ is left in it)."""
    src = tmp_path_factory.mktemp("src") / "litkit"
    shutil.copytree(ROOT, src, symlinks=True, ignore=_COPY_IGNORE)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(src)],
                   check=True, capture_output=True, text=True)
    (whl,) = dist.glob("litkit-*.whl")
    return whl


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    env_dir = home / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, env=clean)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "_test_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    # nbconvert's templates are data files in its environment's prefix, where pip puts them
    shared = env_dir / "share" / "jupyter"
    shared.mkdir(parents=True)
    (shared / "nbconvert").symlink_to(Path(sys.prefix, "share", "jupyter", "nbconvert"))
    return env_dir


def _user_env(tmp: Path) -> dict:
    """A user's environment: no PYTHONPATH to this checkout, no Jupyter settings of ours."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "JUPYTER_PATH"}}
    env["JUPYTER_DATA_DIR"] = str(tmp / "jupyter-data")
    env["JUPYTER_CONFIG_DIR"] = str(tmp / "jupyter-config")
    env["MPLCONFIGDIR"] = str(tmp / "mpl")
    return env


def _litkit(venv: Path, cwd: Path, *args, timeout=900):
    return subprocess.run([str(venv / "bin" / "litkit"), *map(str, args)], cwd=cwd,
                          env=_user_env(cwd), capture_output=True, text=True, timeout=timeout)


def test_wheel_carries_notebooks_data_and_runtime_metadata(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_nbs = {f"litkit/notebooks/{p.name}" for p in (ROOT / "litkit" / "notebooks").glob("*.ipynb")}
    shipped_data = {f"litkit/data/{p.name}" for p in (ROOT / "litkit" / "data").iterdir()
                    if p.is_file() and p.suffix != ".pyc"}
    assert len(shipped_nbs) >= 5 and shipped_nbs <= names
    assert {"litkit/data/arxiv-sample.jsonl.gz", "litkit/data/researcher-profile.txt"} <= shipped_data <= names
    assert not any(n.startswith(("tests/", "bench/", "tools/")) for n in names)
    meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
    meta = email.message_from_bytes(zipfile.ZipFile(wheel).read(meta_name))
    assert meta["Version"] == litkit.__version__
    runtime = [r for r in meta.get_all("Requires-Dist") if "extra ==" not in r]
    names_at_runtime = {r.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip() for r in runtime}
    assert {"pandas", "numpy", "scikit-learn", "papermill", "ipykernel"} <= names_at_runtime
    assert not names_at_runtime & TEST_TOOLS
    assert not [r for r in runtime if "<" in r or "==" in r], "no caps on runtime dependencies"
    entry = zipfile.ZipFile(wheel).read(meta_name.replace("METADATA", "entry_points.txt")).decode()
    assert "litkit = litkit.cli:main" in entry


def test_installed_wheel_version_and_convert_from_another_folder(venv, tmp_path):
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import litkit; print(litkit.__file__)"],
                           cwd=tmp_path, env=_user_env(tmp_path), capture_output=True, text=True)
    assert where.stdout.strip().startswith(str(venv)), where.stdout + where.stderr
    version = _litkit(venv, tmp_path, "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"litkit {litkit.__version__}")
    for f in CONVERT_EXPORTS:
        shutil.copy(f, tmp_path / f.name)
    done = _litkit(venv, tmp_path, "convert", *(f.name for f in CONVERT_EXPORTS), "merged.csv",
                   "--dedup")
    assert done.returncode == 0, done.stderr
    merged = litkit.read(tmp_path / "merged.csv")
    audit = pd.read_csv(tmp_path / "merged.audit.csv")
    assert len(merged) + len(audit) == 125 and len(audit) == 4
    assert merged["doi"].dropna().is_unique


def test_installed_wheel_reports_on_a_held_out_export(venv, tmp_path):
    shutil.copy(REPORT_EXPORT, tmp_path / "jstor.ris")
    done = _litkit(venv, tmp_path, "report", "jstor.ris", "--out", "my report")
    assert done.returncode == 0, done.stderr
    # stderr is not a terminal: no progress bar, and no kernel log lines (ipykernel 7 warns
    # when a kernel listens on TCP; the report's kernel uses a Unix socket)
    assert done.stderr == "", done.stderr
    out = tmp_path / "my report"
    assert done.stdout.strip() == str(out / "index.html")
    index = (out / "index.html").read_text()
    assert "4 papers from jstor.ris" in index
    pages = sorted(p.name for p in out.glob("[0-9][0-9]_*.html"))
    nbs = sorted(p.stem + ".html" for p in (ROOT / "litkit" / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    # every notebook ran and has its page, except those the report leaves out on a user's
    # corpus (the teaching walk-through), each named in the index with the reason
    assert "failed:" not in index and len(pages) >= 5 and set(pages) <= set(nbs)
    for left_out in sorted(set(nbs) - set(pages)):
        title = left_out.removesuffix(".html").replace("_", " ")
        assert f"<tr><td>{title}</td><td>not run: " in index, left_out
