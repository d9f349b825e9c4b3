"""What a run writes: the contract's CSVs (`writer`), spreadsheet-safe cells and atomic file
writes (`csvsafe`), and the optional workbook (`xlsx`). Reads records, never articles.
"""
