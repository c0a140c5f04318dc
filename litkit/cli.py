"""The ``litkit`` command line (also ``python -m litkit``).

Commands: ``info`` (what is in some exports), ``convert`` (exports to one CSV, Parquet, BibTeX or
RIS file, optionally deduplicated), ``report`` (the curated notebooks as an HTML report),
``notebooks`` (copy the notebooks out to edit and run in JupyterLab) and ``read``. Run
``litkit COMMAND --help`` for each one's options; exit codes are in :data:`EXIT_CODES_HELP`.

Examples
--------
>>> from litkit.cli import main
>>> from litkit.data import RESEARCHER_PROFILE
>>> main(["read", str(RESEARCHER_PROFILE)])  # doctest: +ELLIPSIS
19 papers read, 0 records skipped
...
0
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import warnings
from pathlib import Path

from . import __version__
from .errors import LitkitError

#: exit status: everything asked for was done
EXIT_OK = 0
#: exit status: done, but not all of the input made it (records skipped, a notebook failed)
EXIT_PARTIAL = 1
#: exit status: nothing was done (bad arguments, a file litkit cannot read, output not writable)
EXIT_ERROR = 2
#: exit status after Ctrl-C (the shell's convention, 128 + SIGINT)
EXIT_INTERRUPTED = 130
#: skipped records listed on stderr by ``convert``, ``read`` and ``report``; ``info`` lists all
MAX_LISTED_SKIPS = 20
#: output formats of ``convert`` (``--to``), beside the extensions that imply them
OUTPUT_FORMATS = ("csv", "parquet", "bibtex", "ris")
_EXTENSIONS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".bib": "bibtex",
               ".bibtex": "bibtex", ".ris": "ris"}
#: the file part of a source_ref ("export.ris:12", "works.json#3")
_REF_FILE = re.compile(r"[:#][^:#/\\]*$")

EXIT_CODES_HELP = """\
exit codes:
  0  done
  1  done in part: some records could not be read and were left out (each is named
     on stderr), or some notebooks of a report failed (the other pages are written)
  2  error, nothing written: bad arguments, a file litkit cannot read, an output
     that cannot be written. The one-line message on stderr names the file and line.
"""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors on stderr and exit status 2."""

    def error(self, message):
        self.exit(EXIT_ERROR, f"litkit: error: {message} (see {self.prog} --help)\n")


def _say(kind: str, message: str) -> None:
    print(f"litkit: {kind}: " + " ".join(str(message).split("\n")), file=sys.stderr)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    _say("warning", message)


def _progress(items, desc: str):
    """A tqdm bar on stderr when it is a terminal and there is more than one item."""
    from tqdm.auto import tqdm
    return tqdm(items, desc=desc, unit="file", file=sys.stderr, leave=False,
                disable=len(items) < 2 or not sys.stderr.isatty())


def _once(sources) -> list:
    """The sources in order, each named once (as ``litkit.read`` does with a list)."""
    seen, out = set(), []
    for source in sources:
        key = Path(source).resolve()
        if key in seen:
            _say("warning", f"{source}: named more than once, read once")
        else:
            seen.add(key)
            out.append(source)
    return out


def _read_each(sources, fmt):
    """(papers, skipped) of each source (file or folder), read in turn."""
    from .io import read
    return [read(source, fmt, return_skipped=True) for source in _progress(sources, "reading")]


def _concat(tables):
    import pandas as pd
    filled = [t for t in tables if len(t)] or tables[:1]
    return pd.concat(filled, ignore_index=True)


def _read_all(sources, fmt):
    """The papers and skipped tables of all the sources together, in the order given."""
    parts = _read_each(_once(sources), fmt)
    return _concat([p for p, _ in parts]), _concat([s for _, s in parts])


def _list_skipped(skipped, limit: int | None = MAX_LISTED_SKIPS) -> None:
    rows = skipped if limit is None else skipped.head(limit)
    for ref, reason in zip(rows["source_ref"], rows["reason"]):
        _say("skipped", f"{ref}: {reason}")
    if limit is not None and len(skipped) > limit:
        _say("skipped", f"... and {len(skipped) - limit} more (`litkit info` lists them all)")


def _file_of(ref: str) -> str:
    return _REF_FILE.sub("", ref)


def _cmd_info(args) -> int:
    from .clean import coverage
    from .io import available_readers, detect_format, load
    sources = _once(args.files)
    parts = _read_each(sources, args.format)
    papers, skipped = _concat([p for p, _ in parts]), _concat([s for _, s in parts])
    described = available_readers()
    names = []
    for source, (p, s) in zip(sources, parts):
        files, skip_files = p["source_ref"].map(_file_of), s["source_ref"].map(_file_of)
        here = list(dict.fromkeys([*files, *skip_files])) or [str(source)]
        for name in here:
            fmts = list(dict.fromkeys(p["source"][files == name]))
            if not fmts and Path(name).is_file():
                fmts = [detect_format(load(name))[0]]
            kinds = ", ".join(f"{f} ({described.get(f, 'unknown')})" for f in fmts) or "no records"
            print(f"{name}: {kinds}: {int((files == name).sum())} records read, "
                  f"{int((skip_files == name).sum())} skipped")
        names += here
    _list_skipped(skipped, limit=None)
    print(f"total: {len(papers)} records read, {len(skipped)} skipped, from {len(names)} file(s)")
    if len(papers):
        cov = coverage(papers)
        share = cov.pivot(index="field", columns="source", values="share")
        share = share.reindex(list(dict.fromkeys(cov["field"])))
        print("\nfield coverage (share of records that have the field):")
        print(share.map(lambda v: f"{v:.0%}").to_string())
        hints = cov.dropna(subset=["hint"])
        for src, field, hint in zip(hints["source"], hints["field"], hints["hint"]):
            print(f"  {src} {field}: {hint}")
    return EXIT_PARTIAL if len(skipped) else EXIT_OK


def _output_format(args) -> str:
    fmt = args.to or _EXTENSIONS.get(Path(args.out).suffix.lower())
    if fmt is None:
        raise LitkitError(f"{args.out}: cannot tell the output format from the extension "
                          f"{Path(args.out).suffix!r}: use .csv, .parquet, .bib or .ris, or --to")
    return fmt


def _write_audit(audit, path: Path) -> None:
    from .io.write import neutralise
    safe = audit.copy()
    for col in safe.columns:
        if safe[col].dtype == "string":
            safe[col] = safe[col].map(neutralise, na_action="ignore")
    safe.to_csv(path, index=False)


def _cmd_convert(args) -> int:
    from .io.write import write
    fmt = _output_format(args)
    out = Path(args.out)
    if args.audit and not args.dedup:
        raise LitkitError("--audit needs --dedup (there is no audit without deduplication)")
    if not out.parent.is_dir():
        raise LitkitError(f"{out}: the folder {out.parent} does not exist")
    papers, skipped = _read_all(args.files, args.format)
    read_count = len(papers)
    message = f"{read_count} records read"
    if args.dedup:
        from .clean import deduplicate
        papers, audit = deduplicate(papers)
        audit_path = Path(args.audit) if args.audit else out.with_name(out.stem + ".audit.csv")
        _write_audit(audit, audit_path)
        message += f", {len(audit)} duplicates merged (audit: {audit_path})"
    write(papers, out, format=fmt)
    print(f"{out}: {len(papers)} papers ({message}, {len(skipped)} skipped)")
    _list_skipped(skipped)
    return EXIT_PARTIAL if len(skipped) else EXIT_OK


def _cmd_read(args) -> int:
    papers, skipped = _read_all(args.files, args.format)
    print(f"{len(papers)} papers read, {len(skipped)} records skipped")
    if len(papers):
        print(papers.groupby("source").size().to_string())
    _list_skipped(skipped)
    return EXIT_PARTIAL if len(skipped) else EXIT_OK


def _cmd_notebooks(args) -> int:
    from .report import NOTEBOOK_DIR, notebooks
    nbs = notebooks()
    if not nbs:
        raise LitkitError(f"no notebooks found in {NOTEBOOK_DIR} (is litkit installed whole?)")
    dest = Path(args.dir)
    clash = [dest / nb.name for nb in nbs if (dest / nb.name).exists()]
    if clash and not args.force:
        raise LitkitError(f"{clash[0]}: exists (your edits?); use --force to overwrite")
    dest.mkdir(parents=True, exist_ok=True)
    for nb in nbs:
        shutil.copyfile(nb, dest / nb.name)
        print(dest / nb.name)
    print(f"open them with: jupyter lab {dest}", file=sys.stderr)
    return EXIT_OK


def _cmd_report(args) -> int:
    from .report import NOTEBOOK_DIR, ReportError, notebooks, report
    if not notebooks():
        raise LitkitError(f"no notebooks found in {NOTEBOOK_DIR} (is litkit installed whole?)")
    skipped = []
    if args.corpus:
        _, skipped = _read_all(args.corpus, args.format)
        _list_skipped(skipped)
    corpus = (None if not args.corpus else
              args.corpus[0] if len(args.corpus) == 1 else args.corpus)
    with warnings.catch_warnings():
        # the records skipped are listed above; report() reads the corpus again
        warnings.filterwarnings("ignore", message=r"\d+ record\(s\) could not be read")
        try:
            index = report(corpus, out=args.out, parameters=dict(args.parameter),
                           format=args.format, progress=sys.stderr.isatty())
        except ReportError as exc:
            _say("error", exc)
            return EXIT_PARTIAL
    print(index)
    return EXIT_PARTIAL if len(skipped) else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``litkit`` (its ``--help`` documents the exit codes)."""
    fmt_help = "force the reader (default: detect each file's format from its content)"
    parser = _Parser(prog="litkit", epilog=EXIT_CODES_HELP,
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     description="Literature-review kit: read exports, convert them, report on them.")
    parser.add_argument("--version", action="version", version=f"litkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, func, help):
        p = sub.add_parser(name, help=help, description=help, epilog=EXIT_CODES_HELP,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        return p

    info = command("info", _cmd_info, "detected formats, record counts, skipped records with "
                   "reasons and field coverage of exports")
    info.add_argument("files", nargs="+", metavar="FILE", help="export files or folders")
    info.add_argument("--format", help=fmt_help)

    conv = command("convert", _cmd_convert, "read exports into one CSV, Parquet, BibTeX or RIS "
                   "file (by OUT's extension), merged and optionally deduplicated")
    conv.add_argument("files", nargs="+", metavar="FILE", help="export files or folders")
    conv.add_argument("out", metavar="OUT", help="output file: .csv, .parquet, .bib or .ris")
    conv.add_argument("--dedup", action="store_true",
                      help="merge the records that are the same paper (see litkit.deduplicate)")
    conv.add_argument("--audit", metavar="FILE",
                      help="with --dedup: where to write the audit CSV, one row per record "
                           "merged away (default: OUT's name + .audit.csv, beside OUT)")
    conv.add_argument("--to", choices=OUTPUT_FORMATS, help="output format (default: by extension)")
    conv.add_argument("--format", help=fmt_help)

    rep = command("report", _cmd_report, "run the curated notebooks on a corpus and write an "
                  "HTML report")
    rep.add_argument("corpus", nargs="*", metavar="FILE",
                     help="export file(s) or folder(s) (default: each notebook's bundled data)")
    rep.add_argument("--out", default="reports", help="output folder (default: reports)")
    rep.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                     metavar=("NAME", "VALUE"), help="notebook parameter, e.g. -p n_topics 8")
    rep.add_argument("--format", help=fmt_help)

    nbs = command("notebooks", _cmd_notebooks, "copy the curated notebooks into DIR to edit and "
                  "run in JupyterLab (they default to the bundled data)")
    nbs.add_argument("dir", metavar="DIR")
    nbs.add_argument("--force", action="store_true", help="overwrite notebooks already in DIR")

    rd = command("read", _cmd_read, "read exports and print how many papers each format gave")
    rd.add_argument("files", nargs="+", metavar="FILE")
    rd.add_argument("--format", help=fmt_help)
    return parser


def main(argv=None) -> int:
    """Run the command line; returns the exit status (see :data:`EXIT_CODES_HELP`).

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``litkit`` (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 done, 1 done in part, 2 error.
    """
    args = build_parser().parse_args(argv)
    previous = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except LitkitError as exc:
        _say("error", exc)
    except OSError as exc:
        _say("error", f"{exc.filename}: {exc.strerror}" if exc.filename else exc)
    except KeyboardInterrupt:
        _say("error", "interrupted")
        return EXIT_INTERRUPTED
    finally:
        warnings.showwarning = previous
    return EXIT_ERROR
