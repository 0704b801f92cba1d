"""One local Spark session for every test here: starting the JVM costs seconds."""

from __future__ import annotations

from typing import Any, Iterator

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    # Never skipped: pyspark is installed by `make test` (the spark extra) and Java 17 by .ci/run.
    from sitroom.spark.session import spark_session

    with spark_session("local[2]") as session:
        yield session
