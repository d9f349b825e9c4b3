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


def test_keep_bounds_a_plain_dict_the_same_way():
    from extract.memo import keep

    table: dict = {}
    assert [keep(table, k, k * 2, 3) for k in "abc"] == ["aa", "bb", "cc"]
    assert keep(table, "d", "dd", 3) == "dd" and table == {"d": "dd"}
    for i in range(100):
        keep(table, i, i, 3)
        assert len(table) <= 3
