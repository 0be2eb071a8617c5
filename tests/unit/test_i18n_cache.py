"""The compiled Polish catalogue is kept in the cache folder; a bad or stale copy is made anew."""

from __future__ import annotations

from app import i18n
from app.config import cache_dir


def cached_files() -> list:
    return sorted((cache_dir() / "locale").glob("kooperacja-pl-*.mo"))


def test_the_catalogue_is_compiled_once_then_read_from_the_cache(monkeypatch):
    first = i18n._catalogue("pl")
    [cached] = cached_files()
    assert oct(cached.stat().st_mode & 0o777) == "0o600"
    compiled = []
    monkeypatch.setattr(i18n, "compile_catalogue", lambda po, lang: compiled.append(lang))
    again = i18n._catalogue("pl")
    assert compiled == []  # read back, not compiled
    assert again.gettext("Unlock") == first.gettext("Unlock") != "Unlock"


def test_a_damaged_cached_catalogue_is_compiled_again():
    i18n._catalogue("pl")
    [cached] = cached_files()
    cached.write_bytes(b"not a catalogue")
    translations = i18n._catalogue("pl")
    assert translations.gettext("Unlock") != "Unlock"
    assert cached.read_bytes() != b"not a catalogue"


def test_a_changed_po_file_replaces_the_cached_catalogue(monkeypatch, tmp_path):
    i18n._catalogue("pl")
    [old] = cached_files()
    po = tmp_path / "kooperacja.po"
    po.write_bytes(i18n.catalogue_path("pl").read_bytes() + b"\n")
    monkeypatch.setattr(i18n, "catalogue_path", lambda lang: po)
    i18n._catalogue("pl")
    [new] = cached_files()
    assert new != old and not old.exists()
