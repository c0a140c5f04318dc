"""The ``litkit`` command line: ``litkit report CORPUS [--out DIR] [-p NAME VALUE ...]``."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="litkit", description="Literature-review kit.")
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="analyse a corpus and write an HTML report")
    rep.add_argument("corpus", nargs="*",
                     help="export file(s) or folder(s) that litkit.read accepts "
                          "(default: each notebook's bundled data)")
    rep.add_argument("--out", default="reports", help="output folder (default: reports)")
    rep.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                     metavar=("NAME", "VALUE"), help="notebook parameter, e.g. -p n_topics 8")
    rep.add_argument("--format", default=None, help="force a reader (default: detect)")
    rd = sub.add_parser("read", help="read exports and print what was read")
    rd.add_argument("corpus", nargs="+")
    rd.add_argument("--format", default=None)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    from .errors import LitkitError
    try:
        if args.command == "report":
            from .report import report
            corpus = (None if not args.corpus else
                      args.corpus[0] if len(args.corpus) == 1 else args.corpus)
            report(corpus, out=args.out, parameters=dict(args.parameter), format=args.format)
        elif args.command == "read":
            from .io import read
            papers, skipped = read(args.corpus, args.format, return_skipped=True)
            print(f"{len(papers)} papers read, {len(skipped)} records skipped")
            print(papers.groupby("source").size().to_string())
            if len(skipped):
                print(skipped.to_string(index=False))
    except LitkitError as exc:
        print(f"litkit: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
