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
