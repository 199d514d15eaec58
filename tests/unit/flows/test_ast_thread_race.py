"""Why the flow keeps every Scrapy crawl on one thread: on CPython 3.11 the AST constructor's
recursion counter is shared by all threads, so Scrapy's `ast.parse` check of a spider callback
fails when another thread parses at the same moment (issue 19 finding 10). The switch that load
makes likely is forced here: each garbage collection inside the first parse runs a whole parse
in a second thread, from a different stack depth."""

import ast
import gc
import sys
import threading
import types

import pytest
from scrapy.utils.misc import is_generator_with_return_value

pytestmark = [
    pytest.mark.issue19(10),
    pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the race is CPython 3.11's"),
]

OTHER_SOURCE = "x = [" + ", ".join(f"({i}, [{i}])" for i in range(200)) + "]\n"


def callback(response):  # a spider callback with enough nodes for a few GC passes
    rows = [(1, [1]), (2, [2]), (3, [3]), (4, [4]), (5, [5]), (6, [6]), (7, [7]), (8, [8]),
            (9, [9]), (10, [10]), (11, [11]), (12, [12]), (13, [13]), (14, [14]), (15, [15])]
    for number, values in rows:
        yield {"n": number, "v": [v * 2 for v in values], "u": {str(v): v for v in values}}
        yield {"url": response.url, "title": f"{number}", "list": [values, values, values]}
    yield {"done": True, "count": len(rows), "pairs": [(a, b) for a, b in rows if a > 1]}


def fresh_callback() -> types.FunctionType:
    """A new function object each time: Scrapy caches the check's answer per callable."""
    return types.FunctionType(callback.__code__, globals(), "callback")


def _from_depth(depth: int) -> None:
    if depth:
        _from_depth(depth - 1)
    else:
        ast.parse(OTHER_SOURCE)


def interleaved(check):
    """Run `check()` here while every GC pass in this thread runs a parse in another thread."""
    here, busy = threading.get_ident(), [False]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start" and threading.get_ident() == here and not busy[0]:
            busy[0] = True
            other = threading.Thread(target=_from_depth, args=(30,))
            other.start()
            other.join()
            busy[0] = False

    threshold = gc.get_threshold()
    gc.callbacks.append(on_gc)
    gc.set_threshold(100)
    try:
        return check()
    finally:
        gc.callbacks.remove(on_gc)
        gc.set_threshold(*threshold)


def test_scrapy_callback_check_fails_when_another_thread_parses_meanwhile():
    with pytest.raises(SystemError, match="AST constructor recursion depth mismatch"):
        interleaved(lambda: is_generator_with_return_value(fresh_callback()))


def test_same_check_passes_with_one_thread_parsing():
    assert is_generator_with_return_value(fresh_callback()) is False
