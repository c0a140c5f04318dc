"""Figures: one function per figure, a tidy table in, ``ax=`` honoured, the ``Axes`` out.

Each family of figures has its own module; this package re-exports them all, so a notebook writes
``litkit.plots.publications(table)``.
"""

from ._core import *  # noqa: F401,F403
from ._core import __all__ as _core_all
from .authors import *  # noqa: F401,F403
from .authors import __all__ as _authors_all
from .biblio import *  # noqa: F401,F403
from .biblio import __all__ as _biblio_all
from .topics import *  # noqa: F401,F403
from .topics import __all__ as _topics_all

__all__ = [*_core_all, *_authors_all, *_topics_all, *_biblio_all]
