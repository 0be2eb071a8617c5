"""Saving and reading a key card: one function each, for the sync screen and ``keys``."""

from __future__ import annotations

import io
import os

import pytest
from pypdf import PdfReader

from app.errors import FileProblem, ValidationError
from app.printing.keycard import save_card
from app.sync import identity


def test_the_card_saved_reads_back_as_this_device(ws, tmp_path):
    path = save_card(ws, tmp_path / "narewka.card")
    card = identity.read_card_file(path)
    assert card.device_id == ws.device_id
    assert card.fingerprint == identity.show(ws).fingerprint
    assert os.stat(path).st_mode & 0o077 == 0  # like every file the program writes


def test_the_printable_card_carries_the_fingerprint(ws, tmp_path):
    for path in (save_card(ws, tmp_path / "karta.pdf"), save_card(ws, tmp_path / "x", pdf=True)):
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
        fingerprint = identity.show(ws).fingerprint
        assert fingerprint.split()[0] in text


def test_what_is_not_a_card_is_refused(tmp_path):
    with pytest.raises(FileProblem):
        identity.read_card_file(tmp_path / "missing.card")
    big = tmp_path / "big.card"
    big.write_bytes(b"{" + b" " * (identity.CARD_MAX_BYTES + 10) + b"}")
    with pytest.raises(ValidationError):
        identity.read_card_file(big)
