"""Doctests (``pytest --doctest-modules litkit``, part of ``make test``).

Every Examples section may use ``litkit``, ``pd`` and ``np`` without importing them, as a
notebook has them. An example marked ``# doctest: +SKIP`` is not silent: each docstring with
one is named in the warnings summary (how many of its examples did not run).
"""

import doctest

import numpy as np
import pandas as pd
import pytest

import litkit


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    doctest_namespace.update(litkit=litkit, pd=pd, np=np)


def pytest_collection_modifyitems(config, items):
    from _pytest.doctest import DoctestItem
    for item in items:
        if not isinstance(item, DoctestItem):
            continue
        examples = item.dtest.examples
        skipped = sum(bool(ex.options.get(doctest.SKIP)) for ex in examples)
        if skipped:
            item.warn(pytest.PytestWarning(
                f"doctest {item.name}: {skipped} of {len(examples)} examples do not run (+SKIP)"))
