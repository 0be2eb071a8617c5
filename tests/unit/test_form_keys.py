"""Draft keys are typed values whose text is the format drafts were always stored in."""

from __future__ import annotations

import pytest

from app.services.form_keys import FormKey

F, P, R = "8f0c1c1e-0000-4000-8000-000000000001", "plan-1", "rec-1"


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (FormKey("family", F), f"family:{F}"),
        (FormKey("close", F), f"close:{F}"),
        (FormKey("registration"), "registration:new"),
        (FormKey("visit", F, record_id=R), f"visit:{F}:{R}"),
        (FormKey("diagnosis", F), f"diagnosis:{F}:new"),
        (FormKey("goal", F, P, R), f"goal:{F}:{P}:{R}"),
        (FormKey("review", F, P), f"review:{F}:{P}:new"),
        (FormKey("registry:institution", record_id=R), f"registry:institution:{R}"),
        (FormKey("registry:agreement", parent_id="team-1"), "registry:agreement:team-1:new"),
    ],
)
def test_the_text_is_the_stored_format_and_reads_back(key, text):
    assert str(key) == text
    assert FormKey.parse(text) == key


def test_parts_are_named_not_counted():
    key = FormKey.parse(f"action:{F}:{P}:{R}")
    assert key is not None and (key.family_id, key.parent_id, key.record_id) == (F, P, R)
    assert not key.is_new and FormKey("member", F).is_new
    assert FormKey.parse("registry:meeting:team-1:m-1").registry_kind == "meeting"
    assert FormKey("visit", F).registry_kind == ""


@pytest.mark.parametrize("text", ["", "visit", f"visit:{F}", f"goal:{F}:{R}", "a:1", "visit::x"])
def test_text_in_no_known_format_is_not_a_key(text):
    assert FormKey.parse(text) is None


def test_an_unknown_kind_cannot_be_made():
    with pytest.raises(ValueError):
        FormKey("vistt", F)
