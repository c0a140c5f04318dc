"""Real-browser tests: JupyterLab on loopback, a notebook opened in Chromium, Run All.

Run by `make test-browser` (and by `.ci/run`, which installs Debian's `chromium`). Playwright
drives the system Chromium through `executable_path`; no browser is downloaded.
Screenshots are kept in `test-artifacts/`: the walk-through (05) after Run All, and the topics
notebook (03) with its explorer widget before and after another topic is picked.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
NOTEBOOK = os.environ.get("LITKIT_BROWSER_NOTEBOOK", "05_survey_walkthrough.ipynb")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: `apt-get install chromium` (Debian) — "
                    "the browser test drives the system browser, it cannot download one")
    work = tmp_path / "lab"
    shutil.copytree(ROOT / "litkit" / "notebooks", work / "notebooks", ignore=shutil.ignore_patterns("src"))
    shutil.copytree(ROOT / "litkit" / "data", work / "data")
    # the copies open without their stored outputs, so every output seen is from this run
    import nbformat
    for path in (work / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, path)
    port, token = _free_port(), "litkit-test"
    # render every cell (JupyterLab 4 only renders the visible ones by default), no news pop-up
    settings = tmp_path / "settings"
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        '{"windowingMode": "none"}')
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}')
    env = dict(os.environ, PYTHONHASHSEED="0", JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"), JUPYTERLAB_SETTINGS_DIR=str(settings))
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", "--ServerApp.disable_check_xsrf=True",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--allow-root", f"--ServerApp.root_dir={work}"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "lab.log", "w"))
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180                # a loaded machine starts JupyterLab slowly
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start: " + (tmp_path / "lab.log").read_text()[-2000:])
    yield base, token
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _menu(page, menu: str, item: str) -> None:
    # the notebook must be the active widget for its menu commands to apply to it
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.click()
    page.click(f".lm-MenuBar-itemLabel:text-is('{menu}')", timeout=30_000)
    page.click(f".lm-Menu-itemLabel:text-is('{item}')", timeout=30_000)
    page.wait_for_timeout(300)


def _dismiss_kernel_dialog(page) -> None:
    """JupyterLab may ask which kernel to start; the notebook's own (python3) is preselected."""
    dialog = page.locator(".jp-Dialog button.jp-mod-accept")
    if dialog.count():
        dialog.first.click()
        page.wait_for_timeout(300)
    news = page.locator(".jp-Notification-Toast-Close, .Toastify__close-button")
    if news.count():
        news.first.click()


def _launch(p):
    return p.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync"])


def _run_all(page, base, token, notebook) -> tuple[int, list]:
    """Open ``notebook`` (saved without outputs), Run All; (code cells, finished cells)."""
    page.goto(f"{base}/lab/tree/notebooks/{notebook}?token={token}", timeout=90_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    _dismiss_kernel_dialog(page)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    # JupyterLab renders the cells in batches: wait until every code cell of the file is on the page
    # (counting the page too early once saw 1 of 11 cells and ran only that one)
    import nbformat
    nb = nbformat.read(ROOT / "litkit" / "notebooks" / notebook, as_version=4)
    n_code = sum(cell.cell_type == "code" for cell in nb.cells)
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell').length >= n",
        arg=n_code, timeout=90_000)
    assert page.locator(".jp-NotebookPanel:visible .jp-CodeCell").count() == n_code
    # the copy was saved without outputs (see the lab fixture): nothing shows before Run All
    assert page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output").count() == 0
    _menu(page, "Run", "Run All Cells")
    # every code cell gets an execution count: its prompt shows [n] instead of [ ] or [*]
    deadline = time.time() + 600
    done = []
    while time.time() < deadline:
        _dismiss_kernel_dialog(page)
        prompts = page.locator(".jp-NotebookPanel:visible .jp-CodeCell .jp-InputPrompt").all_inner_texts()
        done = [t for t in prompts if any(ch.isdigit() for ch in t) and "*" not in t]
        if len(done) == n_code:
            break
        time.sleep(1)
    page.wait_for_timeout(1000)
    return n_code, done


def _problems(page) -> tuple[int, int]:
    errors = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output"
                          "[data-mime-type='application/vnd.jupyter.stderr']").count()
    tracebacks = page.locator(".jp-NotebookPanel:visible .jp-RenderedText"
                              "[data-mime-type='application/vnd.jupyter.error']").count()
    return errors, tracebacks


def test_run_all_in_jupyterlab_shows_outputs_without_errors(lab):
    from playwright.sync_api import sync_playwright
    base, token = lab
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = _launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        n_code, done = _run_all(page, base, token, NOTEBOOK)
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-run-all.png"), full_page=False)
        errors, tracebacks = _problems(page)
        outputs = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output").count()
        images = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output img").count()
        browser.close()
    assert len(done) == n_code, f"only {len(done)} of {n_code} code cells finished"
    assert tracebacks == 0, "a cell raised in JupyterLab (see test-artifacts/jupyterlab-run-all.png)"
    assert errors == 0, "a cell wrote to stderr"
    assert outputs >= n_code // 2 and images >= 1


def test_topic_explorer_shows_and_follows_the_topic_picked(lab):
    """Notebook 03: the explorer widget displays, and picking another topic changes its papers."""
    from playwright.sync_api import sync_playwright
    base, token = lab
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = _launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        n_code, done = _run_all(page, base, token, "03_topics.ipynb")
        errors, tracebacks = _problems(page)
        picker = page.locator(".jp-NotebookPanel:visible .widget-dropdown select").first
        picker.wait_for(timeout=60_000)
        picker.scroll_into_view_if_needed()
        tables = page.locator(".jp-NotebookPanel:visible .widget-html-content").first
        before = tables.inner_text()
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-03-explorer-topic0.png"), full_page=False)
        picker.select_option(index=1)
        page.wait_for_function(
            "([el, old]) => el.innerText !== old", arg=[tables.element_handle(), before],
            timeout=30_000)
        after = tables.inner_text()
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-03-explorer-topic1.png"), full_page=False)
        browser.close()
    assert len(done) == n_code, f"only {len(done)} of {n_code} code cells finished"
    assert tracebacks == 0 and errors == 0
    # the papers table lists other papers for the other topic
    papers_before = before.split("papers", 2)[-1]
    papers_after = after.split("papers", 2)[-1]
    assert papers_before.strip() and papers_after.strip() and papers_before != papers_after
