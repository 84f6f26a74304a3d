"""Counting and timing the queries of one request."""

import time


class QueryTimer:
    """An execute_wrapper that records each query's SQL, parameters and time."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, params, (time.perf_counter() - started) * 1000))


def print_side_by_side(local, http):
    """The table bench.records and bench.open_data print: each scenario's in-process
    (name, median ms, queries, target) beside its median over HTTP."""
    print("| scenario | median ms in-process | median ms over HTTP | queries | target ms |")
    print("|---|---:|---:|---:|---:|")
    for (name, median, queries, target), remote in zip(local, http, strict=True):
        print(f"| {name} | {median:.1f} | {remote:.1f} | {queries} | {target} |")
