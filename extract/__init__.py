"""gem-extract: rule-based bilingual extraction of GeM procurement facts from news articles.

Python API (pandas DataFrames, see `extract/api.py`): `extract.extract_text(text)` and
`extract.extract_files(paths)`. They load on first use, so `import extract` and the command line
do not import pandas.
"""
__version__ = "0.1.0"
__all__ = ["extract_text", "extract_files"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
