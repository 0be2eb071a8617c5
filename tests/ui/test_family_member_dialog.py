"""The member dialog: PESEL checked as typed, birth date and sex from it, duplicates warned."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

from PySide6.QtWidgets import QMessageBox

from app.services import casefile, families, persons
from app.ui.family import member_checks
from app.ui.family.member_dialog import MemberDialog
from tests.factories import PESEL_CHILD, PESEL_MOTHER
from tests.ui._family_support import save_dialog, unsaved_answers_fixture  # noqa: F401
from tests.ui.conftest import settle


def new_family(ctx) -> str:
    return families.register_family(
        ctx.ws, families.FamilyInput(gmina_code="2005092", locality="Olchówka")
    ).id


def dialog_for(ctx, qtbot, family_id: str, person=None) -> MemberDialog:
    dialog = MemberDialog(ctx, family_id, "2005092/2026/0099", person)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(ctx, qtbot)
    return dialog


def test_invalid_pesel_is_explained_next_to_the_field(ctx, qtbot):
    dialog = dialog_for(ctx, qtbot, new_family(ctx))
    v = dialog.view
    v.pesel.setText("8503048")
    assert v.pesel_status.text() == "7 z 11 cyfr"
    v.pesel.setText("85030484083")  # wrong check digit
    assert v.pesel_status.text().startswith("Ten numer PESEL jest nieprawidłowy")
    assert v.pesel_status.isVisible()
    assert v.birth_date.isEnabled()  # nothing derived from a wrong number
    v.first_name.setText("Ewa")
    v.last_name.setText("Nowak")
    save_dialog(qtbot, dialog, expect_error=True)
    assert "PESEL" in dialog.error.text()
    assert dialog.focusWidget() is v.pesel  # the field the error is about


def test_valid_pesel_fills_birth_date_and_sex(ctx, qtbot):
    dialog = dialog_for(ctx, qtbot, new_family(ctx))
    v = dialog.view
    v.pesel.setText("850 304 840 82")  # spaces as typed from a document
    assert v.birth_date.value() == date(1985, 3, 4)
    assert v.sex.code() == "F"
    assert not v.birth_date.isEnabled() and not v.sex.isEnabled()
    assert "04.03.1985" in v.pesel_status.text() and "kobieta" in v.pesel_status.text()
    v.pesel.setText("")
    assert v.birth_date.isEnabled() and v.pesel_status.text() == ""


def test_document_number_when_there_is_no_pesel(ctx, qtbot):
    family_id = new_family(ctx)
    dialog = dialog_for(ctx, qtbot, family_id)
    v = dialog.view
    v.first_name.setText("Olena")
    v.last_name.setText("Kovalenko")
    save_dialog(qtbot, dialog, expect_error=True)
    assert "numer dokumentu" in dialog.error.text()
    v.document_type.set_code("passport")
    v.document_number.setText("FK123456")
    v.birth_date.set_value(date(1990, 5, 1))
    v.sex.set_code("F")
    v.relation.set_code("applicant")
    person = save_dialog(qtbot, dialog)
    assert person.document_number == "FK123456" and person.pesel == ""
    assert person.birth_date == date(1990, 5, 1)


def test_duplicate_pesel_warns_and_asks_before_saving(
    ctx, qtbot, family_case, dialogs, monkeypatch
):
    case_number = casefile.reload_family(ctx.ws, family_case.family_id).family.case_number
    other = new_family(ctx)
    dialog = dialog_for(ctx, qtbot, other)
    v = dialog.view
    v.first_name.setText("Grażyna")
    v.last_name.setText("Źdźbło-Łęcka")
    v.pesel.setText(PESEL_MOTHER)
    dialog.checks.look_for_duplicates()
    settle(ctx, qtbot)
    assert v.duplicates.isVisible()
    assert case_number in v.duplicates.text()
    assert "Źdźbło-Łęcka" in v.duplicates.text()

    # The default answer of the question is "No": the dialog stays open, nothing is saved.
    dialog.save()
    settle(ctx, qtbot)
    assert any(kind == "question" and "Źdźbło-Łęcka" in text for kind, text in dialogs)
    assert dialog.isVisible() and dialog.result_value is None
    assert casefile.reload_family(ctx.ws, other).persons == []

    # Continuing anyway saves the person.
    asked = []
    monkeypatch.setattr(
        member_checks.DuplicateWarning,
        "ask",
        classmethod(lambda cls, parent, dups: asked.append(dups) or True),
    )
    person = save_dialog(qtbot, dialog)
    assert asked and asked[0][0].reason == "pesel"
    assert person.pesel == PESEL_MOTHER


def test_surname_and_birth_date_duplicate(ctx, qtbot, family_case, monkeypatch):
    dialog = dialog_for(ctx, qtbot, new_family(ctx))
    v = dialog.view
    v.last_name.setText("Łęcka")  # diacritics and case are ignored in the comparison
    v.birth_date.set_value(date(2012, 7, 23))  # born the same day as the family's child
    dialog.checks.look_for_duplicates()
    settle(ctx, qtbot)
    assert v.duplicates.isVisible() and "Zuzanna Łęcka" in v.duplicates.text()
    assert dialog.checks.duplicates[0].reason == "name_birth"


def test_editing_a_member_is_not_its_own_duplicate(ctx, qtbot, family_case, monkeypatch):
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    child = next(p for p in ff.persons if p.pesel == PESEL_CHILD)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    dialog = dialog_for(ctx, qtbot, family_case.family_id, child)
    assert dialog.view.first_name.text() == "Zuzanna"
    assert dialog.view.birth_date.value() == date(2012, 7, 23)
    dialog.view.school.setText("Szkoła Podstawowa w Hajnówce")
    person = save_dialog(qtbot, dialog)
    assert person.school == "Szkoła Podstawowa w Hajnówce"
    assert not dialog.view.duplicates.isVisible()
    assert persons.find_duplicates(ctx.ws, PESEL_CHILD, exclude_person_id=child.id) == []


def test_a_lock_closes_the_dialog_and_keeps_what_was_typed(ctx, qtbot, db_path):
    from app.services import drafts, setup
    from tests.conftest import PASSPHRASE

    family_id = new_family(ctx)
    dialog = dialog_for(ctx, qtbot, family_id)
    dialog.view.first_name.setText("Bożena")
    dialog.view.last_name.setText("Żak")
    dialog.view.notes.setPlainText("Prosi o kontakt telefoniczny po południu.")
    ctx.lock()  # idle lock while the dialog is open, before the 2-second autosave
    assert not dialog.isVisible() and dialog.result_value is None
    ctx.attach(setup.open_workspace(db_path, PASSPHRASE))
    assert drafts.load_draft(ctx.ws, f"member:{family_id}:new")["first_name"] == "Bożena"
    again = dialog_for(ctx, qtbot, family_id)  # the default answer restores the draft
    assert again.view.last_name.text() == "Żak"
    assert again.view.notes.toPlainText().startswith("Prosi o kontakt")
    person = save_dialog(qtbot, dialog=again, expect_error=True)  # no PESEL or document yet
    assert person is None and "PESEL" in again.error.text()
