"""Build the curated notebooks from their sources and execute them top to bottom.

    .venv/bin/python tools/build_notebooks.py            # all notebooks
    .venv/bin/python tools/build_notebooks.py 03_topics  # one

The source of each notebook is a jupytext "percent" script in ``notebooks/src/`` (readable diffs,
easy review). This script turns it into ``notebooks/NN_name.ipynb``, runs every cell in order in
a fresh kernel (PYTHONHASHSEED=0, inline figures, working directory ``notebooks/``), and saves the
outputs, so every code cell has an execution count and nbval has something to compare.
You can also edit the ``.ipynb`` in JupyterLab; then copy the change back with
``jupytext --to py:percent``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "litkit" / "notebooks" / "src"
OUT = ROOT / "litkit" / "notebooks"


def build(src: Path) -> Path:
    nb = jupytext.read(src)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata.pop("jupytext", None)
    for cell in nb.cells:
        cell.metadata.pop("lines_to_next_cell", None)
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.pop("MPLBACKEND", None)   # the kernel's inline backend shows the figures
    client = NotebookClient(nb, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(OUT)}})
    client.execute()
    # stable diffs: cell ids from the position, no execution timestamps
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i:03d}"
        cell.metadata.pop("execution", None)
    target = OUT / (src.stem + ".ipynb")
    nbformat.write(nb, target)
    return target


def main(names: list[str]) -> None:
    sources = sorted(SRC.glob("[0-9][0-9]_*.py"))
    if names:
        sources = [s for s in sources if s.stem in names or s.stem[:2] in names]
    for src in sources:
        print(f"building {src.name} ...", flush=True)
        print(f"  wrote {build(src).relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
