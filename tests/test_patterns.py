"""extract/patterns.py: the one place patterns are compiled, and patterns compiled at first use."""
import pytest
import regex

from extract.patterns import LazyPattern


def test_lazy_pattern_reads_as_the_compiled_pattern():
    calls = []

    def compile_(*args):
        calls.append(args)
        return regex.compile(*args)

    lazy = LazyPattern(compile_, r"(?:a|b)(c)", regex.IGNORECASE)
    assert calls == []  # nothing compiled before the first use
    plain = regex.compile(r"(?:a|b)(c)", regex.IGNORECASE)
    for text in ("xAc", "bc bc", "", "ac\nBC"):
        assert [m.span(1) for m in lazy.finditer(text)] == [m.span(1) for m in plain.finditer(text)]
        assert bool(lazy.search(text, 1)) == bool(plain.search(text, 1))
    assert lazy.pattern == plain.pattern and lazy.flags == plain.flags
    assert len(calls) == 1  # compiled once
    with pytest.raises(AttributeError):
        lazy.no_such_method  # noqa: B018
