"""litkit: read literature exports into one tidy papers table, clean it, find its topics,
trends and authors, and report on it from curated notebooks.

The public API is this flat namespace::

    import litkit
    papers = litkit.read("data/researcher-profile.txt")
"""

from .errors import LitkitError, ReadError, SchemaError
from .io import available_readers, detect_format, read, read_text
from .schema import COLUMNS, validate

__version__ = "0.1.0"

__all__ = ["COLUMNS", "LitkitError", "ReadError", "SchemaError", "available_readers",
           "detect_format", "read", "read_text", "validate", "__version__"]
