"""``litkit report``: run the curated notebooks on any corpus and write a self-contained HTML report.

Each notebook in ``notebooks/`` has a cell tagged ``parameters`` (papermill). The report runs
every notebook with ``corpus`` set to the user's export (or, with no corpus, on the bundled data
each notebook names), keeps the executed notebooks, and renders them to HTML: an index page and one
page per notebook, code hidden behind a toggle, no script or style from the network, so the report
reads offline. Markup that comes from the data (``<script>`` in a title) is escaped by the
notebooks' own tables and by HTML sanitising here, so it shows as text.

Analyses that a corpus cannot support are skipped inside the notebooks with one line
("Skipped because ..."); the index lists those lines per notebook. A notebook whose metadata
says ``litkit: {teaching: true}`` (the walk-through, written around one bundled corpus) is run
on the bundled data only; on a user's corpus the index says it was left out and why.

When a notebook fails on a user's corpus the report says which notebook, which cell and why,
writes the pages of the others, and exits with an error.
"""

from __future__ import annotations

import ast
import html
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError

__all__ = ["report", "make_report", "notebooks", "ReportError"]

NOTEBOOK_DIR = Path(__file__).resolve().parent / "notebooks"

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.I | re.S)
_EVENT_ATTR = re.compile(r"""(<[a-zA-Z][^<>]*?)\s+on[a-zA-Z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""")
_JS_URL = re.compile(r"""(\b(?:href|src)\s*=\s*["']?)\s*javascript:""", re.I)
_REMOTE_LINK = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//[^>]*>""", re.I)

_TOGGLE_CSS = """
<style>
  .litkit-toggle { position: fixed; top: .5rem; right: 1rem; z-index: 10; font: 14px sans-serif;
                   background: #fff; padding: .2rem .5rem; border: 1px solid #ccc; border-radius: 4px; }
  body:not(.litkit-show-code) .jp-Cell-inputWrapper:not(:has(.jp-MarkdownOutput)) { display: none; }
  body:not(.litkit-show-code) .jp-CodeCell .jp-Cell-inputWrapper { display: none; }
  body:not(.litkit-show-code) .jp-OutputPrompt { visibility: hidden; }
  nav.litkit-nav { font: 14px sans-serif; margin: 1rem 0 0 1rem; }
</style>
"""

_TOGGLE_HTML = ("<label class='litkit-toggle'><input type='checkbox' "
                "onchange=\"document.body.classList.toggle('litkit-show-code', this.checked)\"> "
                "show code</label>")


#: the first words of a notebook's one-line note for an analysis it skipped (``litkit.check``)
SKIP_PREFIX = "Skipped because"


@dataclass
class NotebookResult:
    name: str
    ok: bool
    seconds: float
    html: Path | None = None
    error: str | None = None
    left_out: str | None = None            # why the notebook was not run
    skipped: tuple = ()                    # the notebook's "Skipped because ..." lines


def notebooks(directory: Path | None = None) -> list[Path]:
    """The curated notebooks, in order (``NN_name.ipynb``)."""
    directory = Path(directory or NOTEBOOK_DIR)
    return sorted(p for p in directory.glob("[0-9][0-9]_*.ipynb"))


def _coerce(value):
    """A command-line parameter value: a Python literal where it is one, else the string."""
    if not isinstance(value, str):
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def _declared_parameters(path: Path) -> dict:
    import papermill
    try:
        return papermill.inspect_notebook(str(path))
    except ValueError as exc:         # papermill: no kernel name in the notebook's metadata
        raise ReportError(f"{path}: {exc} (open it in JupyterLab, pick a kernel and save)") from exc


def _failure_message(nb_path: Path, exc) -> str:
    """Which cell failed and why, from a papermill execution error or an executed notebook."""
    import nbformat
    cell_no = None
    if nb_path.is_file():                        # papermill may have failed before writing it
        nb = nbformat.read(str(nb_path), as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        for i, cell in enumerate(code, 1):
            if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                cell_no = i
                first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                break
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    where = f"code cell {cell_no} ({first[:60]!r})" if cell_no else "a cell"
    return f"{where} raised {ename}: {evalue}"


class Kernel:
    """One kernel that runs the notebooks of a report one after the other.

    Starting a kernel and importing pandas, scikit-learn and matplotlib costs seconds; the
    notebooks of one report share a kernel, and each starts from an empty namespace
    (``%reset -f``), with the inline figure backend and ``PYTHONHASHSEED=0``.
    """

    def __init__(self, cwd: Path, kernel_name: str = "python3"):
        self.cwd, self.kernel_name, self.km, self._sockets = Path(cwd), kernel_name, None, None

    def manager(self):
        """The running kernel's manager (started, or restarted after a crash, when needed)."""
        from jupyter_client.manager import KernelManager
        if self.km is None or not self.km.is_alive():
            self.close()
            env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
            env["PYTHONHASHSEED"] = "0"
            # a Unix socket in a private folder, not TCP: no port open to other local users
            # (and no "running over TCP without encryption" warning from ipykernel 7)
            self._sockets = tempfile.mkdtemp(prefix="litkit-kernel-")
            self.km = KernelManager(kernel_name=self.kernel_name, transport="ipc",
                                    ip=os.path.join(self._sockets, "kernel"))
            self.km.start_kernel(cwd=str(self.cwd), env=env)
        return self.km

    def close(self) -> None:
        if self.km is not None and self.km.has_kernel:
            self.km.shutdown_kernel(now=True)
        self.km = None
        if self._sockets:
            shutil.rmtree(self._sockets, ignore_errors=True)
            self._sockets = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


#: the first cell of every run: an empty namespace, inline figures
_FRESH = "%reset -f\n%matplotlib inline"


def run_notebook(path: Path, out_dir: Path, parameters: dict, *, kernel: Kernel,
                 timeout: int = 1800) -> NotebookResult:
    """Run one notebook with its declared ``parameters`` (papermill's injection) in ``kernel``;
    the executed notebook is written to ``out_dir/notebooks``."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from papermill.parameterize import parameterize_notebook
    declared = _declared_parameters(path)
    params = {k: v for k, v in parameters.items() if k in declared}
    executed = out_dir / "notebooks" / path.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    nb = nbformat.read(str(path), as_version=4)
    nb.metadata.setdefault("papermill", {})
    for cell in nb.cells:                   # papermill reads every cell's tags
        cell.metadata.setdefault("tags", [])
    if params:                              # as papermill: no injected cell without parameters
        nb = parameterize_notebook(nb, params)
    nb.cells.insert(0, nbformat.v4.new_code_cell(_FRESH))
    client = NotebookClient(nb, km=kernel.manager(), timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    error = None
    try:
        client.execute()
    except CellExecutionError as exc:
        error = exc
    except (DeadKernelError, CellTimeoutError, RuntimeError) as exc:
        error = exc
        kernel.close()                      # the next notebook gets a fresh kernel
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
    nb.cells.pop(0)
    for cell in nb.cells:                   # execution counts as if the notebook ran alone
        if cell.cell_type == "code" and cell.get("execution_count"):
            cell.execution_count -= 1
    nbformat.write(nb, str(executed))
    seconds = time.perf_counter() - start
    if isinstance(error, CellExecutionError):
        return NotebookResult(path.stem, False, seconds, None, _failure_message(executed, error))
    if error is not None:
        return NotebookResult(path.stem, False, seconds, None, f"{type(error).__name__}: {error}")
    return NotebookResult(path.stem, True, seconds, skipped=_skipped_lines(executed))


def _skipped_lines(executed: Path) -> tuple:
    """The notebook's one-line notes for the analyses it skipped, in order."""
    import nbformat
    nb = nbformat.read(str(executed), as_version=4)
    lines = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("text") if out.get("output_type") == "stream" else \
                out.get("data", {}).get("text/plain")
            for line in "".join(text or "").splitlines():
                if line.startswith(SKIP_PREFIX):
                    lines.append(line)
    return tuple(dict.fromkeys(lines))


def _teaching(path: Path) -> bool:
    import nbformat
    meta = nbformat.read(str(path), as_version=4).metadata.get("litkit", {})
    return bool(meta.get("teaching"))


def render_html(executed: Path, target: Path, *, nav: str = "") -> Path:
    """Render an executed notebook to one offline HTML page with code hidden behind a toggle."""
    import nbformat
    from nbconvert import HTMLExporter
    nb = nbformat.read(str(executed), as_version=4)
    # the defaults cell names the notebook's own data; papermill's injected cell says what ran
    nb.cells = [c for c in nb.cells if "parameters" not in c.get("metadata", {}).get("tags", [])]
    exporter = HTMLExporter(template_name="lab")
    for trait in ("require_js_url", "mathjax_url", "jquery_url", "widget_renderer_url",
                  "mermaid_js_url"):
        if exporter.has_trait(trait):
            setattr(exporter, trait, "")
    body, _ = exporter.from_notebook_node(nb)
    body = _make_offline(body)
    body = body.replace("</head>", _TOGGLE_CSS + "</head>", 1)
    body = re.sub(r"(<body[^>]*>)", r"\1" + _TOGGLE_HTML.replace("\\", "\\\\") + nav.replace("\\", "\\\\"),
                  body, count=1)
    target.write_text(body, encoding="utf-8")
    return target


def _make_offline(page: str) -> str:
    """Drop every script (MathJax, require.js, mermaid loaders: all would come from a CDN)
    and every stylesheet link to the network. The page's own CSS is inlined by nbconvert."""
    page = _REMOTE_LINK.sub("", _SCRIPT.sub("", page))
    # belt and braces: no event handler or javascript: URL survives, whatever an output held
    while True:
        cleaned = _EVENT_ATTR.sub(r"\1", page)
        if cleaned == page:
            break
        page = cleaned
    return _JS_URL.sub(r"\1#", page)


def report(corpus=None, out="reports", parameters=None, format=None, *,
           notebook_dir=None, progress: bool = True) -> Path:
    """Run the notebooks on a corpus and write an HTML report.

    Parameters
    ----------
    corpus : path, list of paths, folder, or None
        Anything :func:`litkit.read` accepts. ``None`` runs each notebook on the bundled
        data it names.
    out : path
        Output folder: ``index.html``, one ``NN_name.html`` per notebook and the executed
        notebooks in ``notebooks/``.
    parameters : dict
        Notebook parameters (``{"n_topics": 8, "seed": 1}``); strings from the command line
        are read as Python literals where they are ones. Each notebook gets those it declares.
    format : str, optional
        Force a reader (passed to the notebooks as ``corpus_format``).
    notebook_dir : path, optional
        Run the ``NN_name.ipynb`` notebooks of this folder instead of the curated ones.
    progress : bool
        Print to standard error a line as each notebook starts and ends, then the index's path.

    Returns
    -------
    pathlib.Path
        The index page.

    Raises
    ------
    ReportError
        When any notebook failed; its message names the notebook, the cell and the error.
        The pages of the other notebooks are written all the same.

    Examples
    --------
    ``litkit.make_report("export.csv", out="reports")`` runs the curated notebooks (minutes).
    Here one notebook of our own, whose ``parameters`` cell receives the corpus:

    >>> import nbformat, shutil, tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    >>> nb = nbformat.v4.new_notebook(metadata=kernel, cells=[
    ...     nbformat.v4.new_code_cell("corpus = None", metadata={"tags": ["parameters"]}),
    ...     nbformat.v4.new_code_cell("print(corpus.endswith('researcher-profile.txt'))")])
    >>> nbformat.write(nb, str(folder / "01_corpus.ipynb"))
    >>> index = litkit.make_report(litkit.data.RESEARCHER_PROFILE, out=folder / "report",
    ...                            notebook_dir=folder, progress=False)
    >>> index.name, sorted(p.name for p in index.parent.glob("*.html"))
    ('index.html', ['01_corpus.html', 'index.html'])
    >>> page = (index.parent / "01_corpus.html").read_text()
    >>> "ran: every analysis" in index.read_text(), ">True" in page, "<script" in page
    (True, True, False)
    >>> shutil.rmtree(folder)
    """
    from .io import read
    from .narrative import describe_corpus
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    # widgets need a live front end: reports show their static form
    params = {"interactive": False}
    params.update({k: _coerce(v) for k, v in (parameters or {}).items()})
    if corpus is not None:
        corpus_list = corpus if isinstance(corpus, (list, tuple)) else [corpus]
        abs_corpus = [str(Path(c).resolve()) for c in corpus_list]
        # read once up front: a file litkit cannot read fails here with a clear ReadError
        papers, skipped = read(abs_corpus, format, return_skipped=True)
        params["corpus"] = abs_corpus[0] if len(abs_corpus) == 1 else abs_corpus
        corpus_note = describe_corpus(papers, corpus=corpus_list, skipped=skipped).plain
    else:
        corpus_note = "the data bundled with litkit that each notebook names"
    if format is not None:
        params["corpus_format"] = format
    nbs = notebooks(notebook_dir)
    if not nbs:
        raise ReportError(f"no notebooks found in {notebook_dir or NOTEBOOK_DIR}")
    with Kernel(nbs[0].parent) as kernel:
        results = _run_all(nbs, out, params, kernel, corpus is not None, progress)
    index = _write_index(out, results, corpus_note)
    if progress:
        print(f"report written to {index}", file=sys.stderr)
    failed = [r for r in results if not r.ok]
    if failed:
        raise ReportError("; ".join(f"notebook {r.name} failed: {r.error}" for r in failed)
                          + f" (the other pages are in {out})")
    return index


make_report = report


def _run_all(nbs, out: Path, params: dict, kernel: Kernel, user_corpus: bool,
             progress: bool) -> list[NotebookResult]:
    results: list[NotebookResult] = []
    for i, nb in enumerate(nbs, 1):
        if user_corpus and _teaching(nb):
            results.append(NotebookResult(nb.stem, True, 0.0, left_out=(
                "not run: a teaching walk-through written around its own example corpus, not for "
                f"yours; open notebooks/{nb.name} in JupyterLab to follow it")))
            if progress:
                print(f"[{i}/{len(nbs)}] {nb.name}: left out (teaching walk-through)",
                      file=sys.stderr, flush=True)
            continue
        if progress:
            print(f"[{i}/{len(nbs)}] running {nb.name} ...", file=sys.stderr, flush=True)
        res = run_notebook(nb, out, params, kernel=kernel)
        if res.ok:
            nav = _nav(nbs, nb)
            res.html = render_html(out / "notebooks" / nb.name, out / f"{nb.stem}.html", nav=nav)
        if progress:
            status = "ok" if res.ok else f"FAILED: {res.error}"
            print(f"[{i}/{len(nbs)}] {nb.name}: {status} ({res.seconds:.1f} s)", file=sys.stderr,
                  flush=True)
        results.append(res)
    return results


def _nav(nbs, current) -> str:
    links = ["<a href='index.html'>index</a>"]
    for nb in nbs:
        label = html.escape(nb.stem)
        links.append(f"<b>{label}</b>" if nb == current else f"<a href='{label}.html'>{label}</a>")
    return "<nav class='litkit-nav'>" + " · ".join(links) + "</nav>"


def _write_index(out: Path, results: list[NotebookResult], corpus_note: str) -> Path:
    rows = []
    for r in results:
        title = html.escape(r.name.replace("_", " "))
        if r.left_out:
            cell, status, took = title, html.escape(r.left_out), ""
        elif r.ok:
            cell = f"<a href='{html.escape(r.name)}.html'>{title}</a>"
            status = "ran" + ("".join(f"<br><small>{html.escape(line)}</small>" for line in r.skipped)
                              if r.skipped else ": every analysis")
            took = f"{r.seconds:.1f} s"
        else:
            cell, status = title, "failed: " + html.escape(r.error or "")
            took = f"{r.seconds:.1f} s"
        rows.append(f"<tr><td>{cell}</td><td>{status}</td><td>{took}</td></tr>")
    page = ("<!doctype html><html><head><meta charset='utf-8'><title>litkit report</title>"
            "<style>body{font:16px/1.5 sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
            "td{padding:.2rem 1rem .2rem 0;vertical-align:top}small{color:#555}</style></head><body>"
            "<h1>litkit report</h1>"
            f"<p>Corpus: {html.escape(corpus_note)}</p>"
            "<table><tr><th>notebook</th><th>what ran</th><th>time</th></tr>"
            + "".join(rows) + "</table>"
            "<p>Each page shows the notebook's text, tables and figures; tick <i>show code</i> "
            "to see the code. The executed notebooks are in <code>notebooks/</code>.</p>"
            "</body></html>")
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
