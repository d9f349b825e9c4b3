"""gem-extract: rule-based bilingual extraction of GeM procurement facts from news articles.

Python API (pandas DataFrames, see `extract/api.py`): `extract.extract_text(text)` and
`extract.extract_files(paths)`. They load on first use, so `import extract` and the command line
do not import pandas.

The hot modules run compiled where `make setup` could build them (extract/native.py): same
output, faster.
"""
from . import native

native.install()  # compiled twins of the hot modules, where built and current (see native.py)

__version__ = "0.1.0"
__all__ = ["extract_text", "extract_files"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
