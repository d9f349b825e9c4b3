"""The number layer: every numeric expression in Hindi, English or both, with offsets into the
original text and exact values (int or Decimal, never float).

`expressions` owns the scan and the typed readings (money, count, percent, year, FY, date,
rank...); `phrases` finds where the pieces of one number phrase stand (prefix trees over word
tokens); `words` owns the number-word tables read from rules/numbers.toml. None knows about
articles, records or extractors.
"""
from .expressions import KINDS, NumberExpr, as_json, command, find_in, find_numbers, is_decimal_point, load_rules

__all__ = ["KINDS", "NumberExpr", "as_json", "command", "find_in", "find_numbers", "is_decimal_point", "load_rules"]
