"""Rule files are parsed and collision-checked once per content, not once per process: the parsed
data and passed checks are kept on disk under the hash of what they came from. A changed file, a
damaged or unwritable cache, or GEM_EXTRACT_CACHE=off all give the same rules as no cache."""
from __future__ import annotations

import tomllib

import pytest

from extract import rules

RULE_TEXT = 'title = "x"\n[[entry]]\nid = "a"\nforms = ["करोड़", "crore"]\n'


@pytest.fixture
def rule_dir(tmp_path, monkeypatch):
    """A rules folder of its own and a cache of its own; rules.load forgets both afterwards."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "sample.toml").write_text(RULE_TEXT, encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_DIR", folder)
    monkeypatch.setenv("GEM_EXTRACT_CACHE", str(tmp_path / "cache"))
    rules.load.cache_clear()
    yield folder
    rules.load.cache_clear()


def _fresh_process_load(name: str = "sample"):
    rules.load.cache_clear()  # what a new process starts with
    return rules.load(name)


def _no_parsing(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("parsed although the cache holds this content")
    monkeypatch.setattr(tomllib, "loads", refuse)


def test_second_process_reads_the_cache_not_the_toml(rule_dir, tmp_path, monkeypatch):
    first = _fresh_process_load()
    assert first == tomllib.loads(RULE_TEXT)
    assert [p.name[:5] for p in (tmp_path / "cache").iterdir()] == ["toml-"]
    _no_parsing(monkeypatch)
    assert _fresh_process_load() == first


def test_changed_file_is_parsed_again(rule_dir, monkeypatch):
    _fresh_process_load()
    (rule_dir / "sample.toml").write_text(RULE_TEXT.replace('"x"', '"y"'), encoding="utf-8")
    assert _fresh_process_load()["title"] == "y"


def test_damaged_cache_file_is_ignored(rule_dir, tmp_path):
    expected = _fresh_process_load()
    for f in (tmp_path / "cache").iterdir():
        f.write_bytes(b"\x00garbage")
    assert _fresh_process_load() == expected


@pytest.mark.parametrize("setting", ["off", "file"])
def test_cache_off_or_unwritable_gives_the_same_rules(rule_dir, tmp_path, monkeypatch, setting):
    if setting == "off":
        monkeypatch.setenv("GEM_EXTRACT_CACHE", "off")
    else:  # a file where the cache folder should be
        (tmp_path / "blocked").write_text("")
        monkeypatch.setenv("GEM_EXTRACT_CACHE", str(tmp_path / "blocked" / "cache"))
    assert _fresh_process_load() == tomllib.loads(RULE_TEXT)
    assert not (tmp_path / "cache").exists()


def test_broken_toml_still_fails_with_a_rule_error(rule_dir):
    (rule_dir / "sample.toml").write_text("[[entry]\n", encoding="utf-8")
    with pytest.raises(rules.RuleError, match="not valid TOML"):
        _fresh_process_load()


def test_passed_collision_check_is_not_repeated(rule_dir, monkeypatch):
    forms = [("a", "करोड़"), ("b", "लाख")]
    rules.check_unique("sample", forms, "form")

    def refuse(_surface):
        raise AssertionError("checked again although this check passed before")
    monkeypatch.setattr(rules, "collision_key", refuse)
    rules.check_unique("sample", forms, "form")
    with pytest.raises(AssertionError, match="checked again"):
        rules.check_unique("sample", forms + [("c", "हजार")], "form")  # other forms: checked


def test_failed_collision_check_fails_every_time(rule_dir):
    forms = [("a", "करोड़"), ("b", "करोड\u093c")]  # the same word, nukta precomposed and not
    for _ in range(2):
        with pytest.raises(rules.RuleError, match="collides"):
            rules.check_unique("sample", forms, "form")


def test_check_once_runs_once_per_content_and_never_remembers_a_failure(rule_dir):
    runs = []

    def passing():
        runs.append("pass")

    def failing():
        runs.append("fail")
        raise rules.RuleError("sample.toml", "x", "broken")

    rules.check_once("sample-check", passing, b"data", b"code")
    rules.check_once("sample-check", passing, b"data", b"code")  # passed before: not run
    rules.check_once("sample-check", passing, b"data2", b"code")  # other data: run
    rules.check_once("sample-check", passing, b"data", b"code2")  # other checking code: run
    assert runs == ["pass"] * 3
    for _ in range(2):
        with pytest.raises(rules.RuleError):
            rules.check_once("sample-check", failing, b"bad")
    assert runs == ["pass"] * 3 + ["fail"] * 2


def test_layout_markers_checked_once_then_compiled_at_first_use(tmp_path, monkeypatch):
    """A process whose layout rules passed the pattern check before compiles no marker at load, only
    those its lines reach (a changed file is checked at load again: test_rules.py breaks a pattern)."""
    from extract.text import layout

    monkeypatch.setenv("GEM_EXTRACT_CACHE", str(tmp_path / "cache"))
    compiled = []
    real = layout.patterns.compile
    monkeypatch.setattr(layout.patterns, "compile", lambda *a: compiled.append(a[0]) or real(*a))

    def fresh_load():
        layout._rules.cache_clear()
        layout._COMPILED.clear()
        layout._CHECKS.clear()
        layout._LINE_CHECKS.clear()
        compiled.clear()
        return layout._rules()[0]

    try:
        markers = fresh_load()  # a cold cache: every marker compiled, to check it
        assert len(compiled) > len(markers)
        markers = fresh_load()  # checked before: none compiled but the caption credit pattern
        assert len(compiled) == 1
        assert layout.analyse("Also Read: GeM crosses a milestone\n\nबिहार में जेम पर खरीद बढ़ी।").blocks
        assert 1 < len(compiled) < len(markers) + 1  # only the markers the lines reached
    finally:
        layout._rules.cache_clear()
        layout._COMPILED.clear()
        layout._CHECKS.clear()
        layout._LINE_CHECKS.clear()
