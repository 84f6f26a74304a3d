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
