"""What a run writes: the contract's CSVs streamed article by article (`writer`), spreadsheet-safe
cells and atomic file writes (`csvsafe`), the staging folder that replaces the output folder whole
(`staging`), the previous run read back for `--incremental` (`previous`), and the optional workbook
(`xlsx`). Reads records, never articles.
"""
