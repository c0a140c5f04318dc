"""Run litkit on Dask: the same analyses on a partitioned papers table (the ``dask`` extra).

``litkit.read(source, engine="dask")`` gives a :class:`dask.dataframe.DataFrame` with the papers
schema; :func:`litkit.counts_by_period`, :func:`litkit.shares_over_time`,
:func:`litkit.author_stats`, :func:`litkit.deduplicate` and :meth:`litkit.TopicModel.fit`
accept it and give the results they give on the computed pandas table. The work runs on
whatever scheduler is active: a ``distributed.Client`` (a ``LocalCluster`` or a real cluster),
or dask's threads / synchronous schedulers.

Importing this package does not import dask; the functions that need it do, and say
``pip install litkit[dask]`` when it is missing.
"""

from __future__ import annotations

from ..errors import MissingExtraError

__all__ = ["is_dask", "require", "no_string_conversion", "dispatch", "share", "active_client",
           "read", "sample",
           "sample_positions", "SAMPLE_CAP", "fit_topics", "releases", "release", "WORKER_CONFIG"]

#: Dask config for a cluster that runs litkit (``dask.config.set(WORKER_CONFIG)`` before the
#: cluster starts, or the same keys in the cluster's Dask config file): worker processes whose
#: pyarrow memory pool (mimalloc) gives freed pages back to the system at once
#: (``MIMALLOC_PURGE_DELAY=0``, set in a nanny's worker processes before they start), and
#: schedulers that hand a worker one root task per thread, not 1.1 (``worker-saturation``).
#: dask's P2P shuffles convert every partition to and from Arrow in their own threads, where
#: :func:`release` does not run: with mimalloc's delayed purge the pages those conversions
#: freed stayed resident (a shuffle's split of 8 partitions in one process: up to 100 MB; 5 MB
#: with the delay 0). With it the workers' peaks in ``bench/bench_dask.py`` were 27-62 MB lower
#: up to 160,000 records (not lower at 320,000-640,000). The results do not change.
WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MIMALLOC_PURGE_DELAY": "0",
    "distributed.scheduler.worker-saturation": 1.0,
}

#: the module that marks a Dask collection (dask.dataframe and dask-expr alike)
_DASK_MODULE = "dask."


def is_dask(obj) -> bool:
    """True for a Dask DataFrame or Series, without importing dask.

    Examples
    --------
    >>> import pandas as pd
    >>> from litkit.dask import is_dask
    >>> is_dask(pd.DataFrame())
    False
    """
    return type(obj).__module__.startswith(_DASK_MODULE)


def dispatch(name: str, *args, **kwargs):
    """Run ``litkit.dask``'s version of the function ``name`` (the hook of the pandas functions)."""
    if name == "fit":
        from ._topics import fit as run
    elif name == "deduplicate":
        from ._dedup import deduplicate as run
    else:
        from . import _ops
        run = getattr(_ops, name)
    return run(*args, **kwargs)


def share(obj):
    """``obj`` as an argument of many tasks, sent to the workers once.

    Under a ``distributed`` client (the active scheduler), ``obj`` is scattered to every worker
    and a future stands for it in the graph, so the graph stays small and each worker gets one
    copy. On dask's local schedulers it is a delayed object (one copy in the graph).

    Parameters
    ----------
    obj : object
        A fitted model, a lookup table: anything picklable the tasks read.

    Returns
    -------
    distributed.Future or dask.delayed.Delayed
        Pass it to ``map_partitions`` or a delayed function in place of ``obj``.

    Examples
    --------
    >>> import dask
    >>> from litkit.dask import share
    >>> with dask.config.set(scheduler="synchronous"):
    ...     shared = share({"a": 1})
    ...     dask.delayed(len)(shared).compute()
    1
    """
    import dask
    client = active_client()
    if client is not None:
        return client.scatter(obj, broadcast=True, hash=False)
    return dask.delayed(obj, pure=True)


def active_client():
    """The ``distributed.Client`` that runs the graphs computed now, or None (local schedulers).

    Returns
    -------
    distributed.Client or None
        The client when dask's active scheduler is one (the default client, or
        ``dask.config.set(scheduler="distributed")``); None for the threads, processes and
        synchronous schedulers.

    Examples
    --------
    >>> import dask
    >>> from litkit.dask import active_client
    >>> with dask.config.set(scheduler="synchronous"):
    ...     active_client() is None
    True
    """
    require()
    from dask.base import get_scheduler
    client = getattr(get_scheduler(), "__self__", None)   # the scheduler is Client.get
    return client if hasattr(client, "scatter") else None


def release() -> None:
    """Give back what a task leaves in its worker process (called at the end of litkit's tasks).

    The name-parsing caches are emptied (``litkit.names.keys``: up to 2**18 names each, they
    fill with every distinct first-author name the worker has parsed, so a long-lived worker's
    memory would grow with the corpus), the garbage is collected and glibc's free heap is
    returned to the system (``malloc_trim``; nothing elsewhere), and so is the free memory
    of pyarrow's pool (pandas' string columns, dask's P2P shuffles; mimalloc or jemalloc,
    which glibc's trim does not reach): the next task starts from what
    is live, not from the high-water mark of the tasks before. The results do not change.

    Examples
    --------
    >>> from litkit.dask import release
    >>> from litkit.names.keys import _keys
    >>> _keys("Ada Lovelace")
    ('lovelace, a', 'lovelace, ada')
    >>> release(); _keys.cache_info().currsize
    0
    """
    import gc
    import sys
    from ..names import keys
    for cached in (keys._parse, keys._keys, keys._swap):
        cached.cache_clear()
    gc.collect()
    _malloc_trim()
    arrow = sys.modules.get("pyarrow")       # pandas' strings and dask's P2P shuffle use it
    if arrow is not None:
        arrow.default_memory_pool().release_unused()


def _malloc_trim() -> None:
    global _LIBC
    if _LIBC is None:
        import ctypes
        try:
            _LIBC = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):          # not glibc
            _LIBC = False
    if _LIBC:
        _LIBC(0)


_LIBC = None


def releases(func):
    """``func`` (a task of litkit's graphs) followed by :func:`release`, same name and result.

    Examples
    --------
    >>> from litkit.dask import releases
    >>> releases(len)([1, 2])
    2
    """
    import functools

    @functools.wraps(func)
    def task(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        finally:
            release()
    return task


def no_string_conversion():
    """Dask's config with object columns kept as they are (list columns stay lists).

    Dask turns object columns into strings by default (``dataframe.convert-string``); the
    papers table's list and dict columns must not be. litkit builds its graphs inside this.

    Examples
    --------
    >>> from litkit.dask import no_string_conversion
    >>> with no_string_conversion():
    ...     import dask
    ...     dask.config.get("dataframe.convert-string")
    False
    """
    require()
    import dask
    return dask.config.set({"dataframe.convert-string": False})


def require():
    """Import and return ``dask.dataframe``, or say which extra to install.

    Examples
    --------
    >>> from litkit.dask import require
    >>> dd = require()
    >>> dd.__name__
    'dask.dataframe'
    """
    try:
        import dask.dataframe as dd
    except ModuleNotFoundError as exc:
        raise MissingExtraError(f"this needs Dask, which is not installed ({exc.name} is missing): "
                                "pip install litkit[dask]") from None
    return dd


def __getattr__(name: str):
    # the public names of the submodules, loaded on first use (they import dask only when run)
    if name == "read":
        from ._read import read
        return read
    if name in ("sample", "sample_positions", "SAMPLE_CAP", "fit_topics"):
        from . import _topics
        return getattr(_topics, "fit" if name == "fit_topics" else name)
    raise AttributeError(f"module 'litkit.dask' has no attribute {name!r}")
