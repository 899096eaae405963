"""Tables to bytes and back: polars DataFrames stored as Parquet (schema included)."""

import io

import polars as pl


def table_to_bytes(table: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    table.write_parquet(buffer, compression="zstd")
    return buffer.getvalue()


def table_from_bytes(content: bytes | memoryview) -> pl.DataFrame:
    return pl.read_parquet(io.BytesIO(bytes(content)))
