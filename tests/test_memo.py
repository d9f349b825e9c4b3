"""extract/memo.py: a bounded memo table is a dict that keeps at most `limit` entries."""
from extract.memo import Memo


def test_a_memo_keeps_and_returns_values_and_empties_itself_when_full():
    table = Memo(3)
    assert [table.keep(k, k * 2) for k in "abc"] == ["aa", "bb", "cc"]
    assert table.get("b") == "bb" and len(table) == 3
    assert table.keep("d", "dd") == "dd"  # full: emptied first, then kept
    assert dict(table) == {"d": "dd"}
    for i in range(100):
        table.keep(i, i)
        assert len(table) <= 3
