"""Spark schemas generated from the model dataclasses (see records.py for the value mapping)."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from pyspark.sql import types as T

from ..analysis import ArticleAnalysis
from ..model import Article, RawDocument, Rejection
from .records import Hint, field_hints, optional_inner

_SCALARS: dict[Any, T.DataType] = {
    str: T.StringType(),
    int: T.LongType(),
    float: T.DoubleType(),
    bool: T.BooleanType(),
    bytes: T.BinaryType(),
}


def spark_type(hint: Hint) -> T.DataType:
    """Return the Spark type holding ``records.to_plain`` values of ``hint``."""
    inner = optional_inner(hint)
    if inner is not None:
        return spark_type(inner)
    if dataclasses.is_dataclass(hint):
        return struct_of(hint)  # type: ignore[arg-type]
    if hint in _SCALARS:
        return _SCALARS[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        # tuple[X, ...] and the fixed (start, end) pairs both become arrays.
        return T.ArrayType(spark_type(args[0]), containsNull=True)
    if origin is dict:
        entry = T.StructType([T.StructField("key", spark_type(args[0])), T.StructField("value", spark_type(args[1]))])
        return T.ArrayType(entry, containsNull=False)
    raise TypeError(f"no Spark type for {hint!r}")


def struct_of(cls: type, skip: tuple[str, ...] = ()) -> T.StructType:
    """Return the struct of the dataclass ``cls`` (fields in ``skip`` left out), every field nullable."""
    return T.StructType([T.StructField(name, spark_type(hint)) for name, hint in field_hints(cls) if name not in skip])


def with_fields(struct: T.StructType, *fields: tuple[str, T.DataType]) -> T.StructType:
    """Return ``struct`` with extra leading fields."""
    return T.StructType([*(T.StructField(n, t) for n, t in fields), *struct.fields])


ORDINAL = (("file_index", T.LongType()), ("record", T.LongType()))
DOCUMENT = with_fields(struct_of(RawDocument), *ORDINAL)
ARTICLE = with_fields(struct_of(Article), *ORDINAL)
REJECTION = with_fields(struct_of(Rejection), *ORDINAL, ("seq", T.LongType()))
# One row per item a reader yielded: the document (when segmented) with its articles, or rejections.
READ = T.StructType([
    T.StructField("file_index", T.LongType()),
    T.StructField("record", T.LongType()),
    T.StructField("raw", T.BooleanType()),
    T.StructField("document", struct_of(RawDocument)),
    T.StructField("articles", T.ArrayType(struct_of(Article))),
    T.StructField("rejections", T.ArrayType(struct_of(Rejection))),
])
# Per-article analysis without the article itself (joined back by article_id).
ANALYSIS = with_fields(struct_of(ArticleAnalysis, skip=("article",)), ("article_id", T.StringType()))
