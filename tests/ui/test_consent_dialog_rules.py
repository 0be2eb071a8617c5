"""Issue 10 §6 in the consent dialog: a child is not offered as the signer (a baby under a year
neither: its age 0 was once taken for "unknown"), and Ctrl+S on a consent without a scope is
refused with a Polish message (it saved before, with Alt+Z)."""

from __future__ import annotations

import os
from datetime import date, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from app.services import casefile, persons
from app.ui.family.consent_dialog import ConsentDialog
from app.ui.family.consents_tab import ConsentsTab
from app.ui.kit.record_dialog import RecordDialog
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui.conftest import settle


def test_consent_signers_are_adults_and_the_scope_is_required(ctx, qtbot, family_case, monkeypatch):
    seen: dict = {}

    def run(_cls, dialog: RecordDialog):
        qtbot.addWidget(dialog)
        dialog.show()
        settle(ctx, qtbot)
        assert isinstance(dialog, ConsentDialog)
        seen["signers"] = [dialog.person.itemText(i) for i in range(dialog.person.count())]
        view = next(
            v for v in dialog.findChildren(QAbstractItemView) if v.model() is dialog.recipients
        )
        view.setFocus()
        view.setCurrentIndex(dialog.recipients.index(0, 0))
        qtbot.keyClick(view, Qt.Key.Key_Space)  # one institution to share with
        seen["checked"] = dialog.binding.draft_values()["institution_ids"]
        qtbot.keyClick(
            QApplication.focusWidget() or dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
        seen["error"] = dialog.error.text()
        seen["focus"] = QApplication.focusWidget()
        seen["scope"] = dialog.scope
        dialog.close_for_lock()
        return None

    monkeypatch.setattr(RecordDialog, "run", classmethod(run))
    persons.add_person(
        ctx.ws,
        family_case.family_id,
        persons.PersonInput(
            "Antoni",
            "Łęcki",
            document_number="akt urodzenia 12/2026",
            birth_date=date.today() - timedelta(days=100),
            relation="child",
        ),
    )
    window = open_window(ctx, qtbot, family_case.family_id)
    before = len(casefile.reload_family(ctx.ws, family_case.family_id).consents)
    tab = next(t for t in window.tab_pages if isinstance(t, ConsentsTab))
    window.tabs.setCurrentIndex(window.tab_pages.index(tab))
    tab.edit(None)  # "Nowa zgoda…"
    assert any("Grażyna" in s for s in seen["signers"]) and any(
        "Józef" in s for s in seen["signers"]
    )
    assert not any("Zuzanna" in s for s in seen["signers"])  # the child
    assert not any("Antoni" in s for s in seen["signers"])  # the baby (age 0)
    assert any(checked for checked, _note in seen["checked"].values())
    assert "zakres" in seen["error"].lower()
    assert seen["focus"] is seen["scope"]
    assert len(casefile.reload_family(ctx.ws, family_case.family_id).consents) == before


def test_the_centre_itself_is_not_offered_as_a_recipient(ctx, qtbot, family_case, monkeypatch):
    """The OPS is the controller of the data it shares, never a recipient (the form offered it;
    the printed consent dropped it and the art. 30 register listed it)."""
    from app.services import casefile as files

    rows: list[str] = []

    def run(_cls, dialog: RecordDialog):
        qtbot.addWidget(dialog)
        assert isinstance(dialog, ConsentDialog)
        model = dialog.recipients
        rows.extend(model.index(r, 0).data() for r in range(model.rowCount()))
        dialog.close_for_lock()
        return None

    monkeypatch.setattr(RecordDialog, "run", classmethod(run))
    window = open_window(ctx, qtbot, family_case.family_id)
    tab = next(t for t in window.tab_pages if isinstance(t, ConsentsTab))
    window.tabs.setCurrentIndex(window.tab_pages.index(tab))
    tab.edit(None)  # "Nowa zgoda…"
    home = files.home_institution(ctx.ws)
    assert home is not None and rows
    assert home.name not in rows
