"""``python -m litkit``: the same command line as ``litkit`` (see :mod:`litkit.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
