"""Start (or reuse) the SparkSession a run works in."""

from __future__ import annotations

import logging
import os
import sys
from contextlib import contextmanager
from typing import Any, Iterator

from ..errors import ConfigError

LOGGER = logging.getLogger(__name__)

INSTALL_HINT = "the Spark engine needs pyspark and Java 17: pip install 'sitroom[spark]'"


def require_pyspark() -> None:
    """Raise a ConfigError naming the install command when pyspark is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ConfigError(f"{INSTALL_HINT} ({exc})") from exc


@contextmanager
def spark_session(master: str) -> Iterator[Any]:
    """Yield a SparkSession on ``master``; stop it afterwards unless it was already running.

    A session already active in this process (a test's, a notebook's) is reused as it is, so
    ``master`` only applies to a session started here.
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        LOGGER.info("reusing the active Spark session (%s)", active.sparkContext.master)
        yield active
        return
    if master.startswith("local"):
        # Local workers are this machine's processes: run them with this interpreter (and its
        # packages). pyspark reads the worker's Python from the environment, not the config.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName("sitroom")
    for key, value in _config(master).items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM failed to start: no Java, a bad master URL
        raise ConfigError(f"cannot start Spark on {master!r}: {type(exc).__name__}: {exc}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


def _config(master: str) -> dict[str, str]:
    config = {"spark.ui.showConsoleProgress": "false", "spark.sql.adaptive.enabled": "true"}
    if master.startswith("local"):
        # A local run shuffles little data: a few partitions instead of Spark's 200.
        config["spark.sql.shuffle.partitions"] = "8"
        config["spark.ui.enabled"] = "false"
    return config
