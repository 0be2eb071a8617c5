"""The dialog of one record of a family's case: one opening for every such dialog.

Its title says whether the record is new (the form key's record is "new") or edited, and its
draft is listed after a crash as "<form> – case <number>".
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.kit.record_dialog import RecordDialog


class CaseRecordDialog(RecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        key: FormKey,
        case_number: str,
        titles: tuple[str, str],  # (when editing, when new)
        parent: QWidget | None = None,
    ) -> None:
        title = titles[1] if key.is_new else titles[0]
        draft_title = _("{form} – case {case}").format(form=title, case=case_number)
        super().__init__(ctx, title, key, parent, draft_title=draft_title)
