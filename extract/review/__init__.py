"""Checking what a run wrote: HTML review pages (`pages`), re-checking every row against its
source (`verify`), scoring against gold (`evaluate`), and the Label Studio round trip
(`labelstudio`). Nothing here takes part in extraction.
"""
