"""The first-run wizard's pages; the order and the rules live in ``setup_flow.SetupFlow``.

Each page copies its widgets into ``SetupData`` and asks the flow what is missing; the last page
creates the database on the DB worker (Argon2id takes a second) and emits ``created(ws)``.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QCompleter,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.i18n import _
from app.models.enums import Role
from app.services.setup_flow import (
    IDENTITY_STEP,
    PASSPHRASE_STEP,
    ROLE_STEP,
    SUMMARY_STEP,
    UNIT_STEP,
    SetupData,
    SetupFlow,
)
from app.ui.context import AppContext
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.kit.widgets import StrengthMeter, label, password_edit, set_role
from app.ui.ops import show_error


class _Page(QWizardPage):
    step = ""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.w = wizard
        self.error = label("", "error")
        self.error.setAccessibleName(_("Message"))
        self.body = QVBoxLayout(self)

    @property
    def data(self) -> SetupData:
        return self.w.data

    def store(self) -> None:
        """Copy the widgets into ``data``."""

    def field_widget(self, name: str) -> QWidget | None:
        return None

    def show_problem(self, message: str) -> None:
        self.error.setText(message)

    def validatePage(self) -> bool:
        self.store()
        problems = self.w.flow.problems(self.step, self.data)
        if problems:
            self.show_problem(problems[0].message)
            target = self.field_widget(problems[0].field)
            if target is not None:
                target.setFocus()
            return False
        self.error.setText("")
        self.w.flow.next_step(self.step, self.data)
        return True


class RolePage(_Page):
    step = ROLE_STEP

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Welcome to Kooperacja"))
        self.setSubTitle(_("Who will work with the program on this computer?"))
        self.ops = QRadioButton(_("&Social worker of an OPS (gmina)"))
        self.coordinator = QRadioButton(_("Powiat &coordinator (PCPR)"))
        self.group = QButtonGroup(self)
        for button, name in ((self.ops, Role.OPS), (self.coordinator, Role.COORDINATOR)):
            self.group.addButton(button)
            button.setProperty("role_value", str(name))
        self.ops.setAccessibleName(_("Role: social worker of an OPS"))
        self.coordinator.setAccessibleName(_("Role: powiat coordinator"))
        self.body.addWidget(self.ops)
        self.body.addWidget(
            label(_("Families of your gmina: registration, diagnosis, plan, visits."), "muted")
        )
        self.body.addWidget(self.coordinator)
        self.body.addWidget(
            label(_("Every case of the powiat, partner actions, reports for the ROPS."), "muted")
        )
        self.body.addStretch(1)
        self.body.addWidget(self.error)
        self.ops.setChecked(True)

    def store(self) -> None:
        checked = self.group.checkedButton()
        self.w.flow.set_role(self.data, checked.property("role_value") if checked else "")

    def field_widget(self, name: str) -> QWidget | None:
        return self.ops


class UnitPage(_Page):
    step = UNIT_STEP

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(_("Gmina or powiat"))
        self.edit.setClearButtonEnabled(True)
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.caption = label("", buddy=self.edit)
        self.chosen = label("", "ok")
        self.chosen.setAccessibleName(_("Chosen unit"))
        self.body.addWidget(self.caption)
        self.body.addWidget(self.edit)
        self.body.addWidget(self.chosen)
        self.body.addStretch(1)
        self.body.addWidget(self.error)
        self._codes: dict[str, str] = {}
        self.edit.textEdited.connect(self.search)
        # PySide6's stubs do not type a signal's overload index (QCompleter.activated[str]).
        self.completer.activated[str].connect(self.choose)  # type: ignore[index]

    def initializePage(self) -> None:
        coordinator = self.data.role == Role.COORDINATOR
        self.setTitle(_("Your powiat") if coordinator else _("Your gmina"))
        self.setSubTitle(
            _("Type the first letters of the name or the TERYT code and choose from the list.")
        )
        self.caption.setText(_("&Powiat (TERYT):") if coordinator else _("&Gmina (TERYT):"))
        self.edit.setText(self.data.unit_label)
        self._show_choice()

    def search(self, text: str) -> None:
        found = self.w.flow.search_units(self.data, text)
        self._codes = {u.label: u.code for u in found}
        self.model.setStringList(list(self._codes))
        if found:
            self.completer.complete()
        if self.data.unit_code and text != self.data.unit_label:
            self.data.unit_code = self.data.unit_label = ""
            self._show_choice()

    def choose(self, text: str) -> None:
        code = self._codes.get(text)
        if code and self.w.flow.choose_unit(self.data, code):
            self.edit.setText(self.data.unit_label)
        self._show_choice()

    def _show_choice(self) -> None:
        self.chosen.setText(
            _("Chosen: {unit} (TERYT {code})").format(
                unit=self.data.unit_label, code=self.data.unit_code
            )
            if self.data.unit_code
            else ""
        )

    def store(self) -> None:
        if not self.data.unit_code:
            self.w.flow.match_typed_unit(self.data, self.edit.text())
            if self.data.unit_code:
                self.edit.setText(self.data.unit_label)
        self._show_choice()

    def field_widget(self, name: str) -> QWidget | None:
        return self.edit


class IdentityPage(_Page):
    step = IDENTITY_STEP

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Your institution and you"))
        self.setSubTitle(_("Both names appear on printed forms and in the audit log."))
        self.institution = QLineEdit()
        self.institution.setAccessibleName(_("Name of the institution"))
        self.worker = QLineEdit()
        self.worker.setAccessibleName(_("Your name"))
        form = QFormLayout()
        # One line each: wrapped, "Twoje imię / i nazwisko:" broke in two beside an empty page.
        form.addRow(label(_("&Institution:"), buddy=self.institution, wrap=False), self.institution)
        form.addRow(label(_("&Your name:"), buddy=self.worker, wrap=False), self.worker)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.body.addWidget(self.error)

    def initializePage(self) -> None:
        self.institution.setText(self.data.institution)
        self.worker.setText(self.data.worker_name)

    def store(self) -> None:
        self.data.institution = self.institution.text()
        self.data.worker_name = self.worker.text()

    def field_widget(self, name: str) -> QWidget | None:
        return self.institution if name == "institution" else self.worker


class PassphrasePage(_Page):
    step = PASSPHRASE_STEP

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Passphrase"))
        self.setSubTitle(
            _("The passphrase encrypts every case on this computer. Use several unrelated words.")
        )
        self.first = password_edit(_("Passphrase"))
        self.second = password_edit(_("Repeat the passphrase"))
        self.meter = StrengthMeter()
        self.show_text = QCheckBox(_("S&how the passphrase"))
        self.warning = label(
            _(
                "Nobody can recover a forgotten passphrase on this laptop — not the IT service, "
                "not the authors of the program. Without it the data can be restored only from "
                "the coordinator or a backup."
            ),
            "subheading",
        )
        self.understood = QCheckBox(
            _("I &understand that a forgotten passphrase cannot be recovered")
        )
        form = QFormLayout()
        form.addRow(label(_("&Passphrase:"), buddy=self.first), self.first)
        form.addRow("", self.meter)
        form.addRow(label(_("&Repeat:"), buddy=self.second), self.second)
        form.addRow("", self.show_text)
        self.body.addLayout(form)
        self.body.addWidget(self.warning)
        self.body.addWidget(self.understood)
        self.body.addStretch(1)
        self.body.addWidget(self.error)
        self.first.textChanged.connect(self._rate)
        self.show_text.toggled.connect(self._toggle)

    def _rate(self, text: str) -> None:
        self.data.passphrase = text
        self.error.setText("")  # a message about the previous passphrase no longer applies
        set_role(self.meter.message, "muted")
        self.meter.show_strength(self.w.flow.strength(self.data) if text else None)

    def show_problem(self, message: str) -> None:
        # The meter already says why the passphrase is too weak: say it once, as the error.
        if message == self.meter.message.text():
            set_role(self.meter.message, "error")
            self.error.setText("")
        else:
            super().show_problem(message)

    def _toggle(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def store(self) -> None:
        self.data.passphrase = self.first.text()
        self.data.repeat = self.second.text()
        self.data.understood = self.understood.isChecked()

    def field_widget(self, name: str) -> QWidget | None:
        return {"passphrase": self.first, "repeat": self.second}.get(name, self.understood)


class SummaryPage(_Page):
    step = SUMMARY_STEP

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Ready to create the encrypted database"))
        self.setSubTitle(_("Check the details; go back to change them."))
        self.form = QFormLayout()
        self.body.addLayout(self.form)
        self.body.addStretch(1)
        self.body.addWidget(self.error)

    def initializePage(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for name, value in self.w.flow.summary(self.data):
            self.form.addRow(label(name + ":", wrap=False), label(value))

    def validatePage(self) -> bool:
        if self.w.finished_ok:
            return True
        if not super().validatePage():
            return False
        self.w.create_database()
        return False


class SetupWizard(QWizard):
    """First run: role, gmina/powiat, names, passphrase → a new encrypted database."""

    created = Signal(object)  # the unlocked Workspace

    def __init__(self, ctx: AppContext, flow: SetupFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.flow = flow
        self.data = SetupData()
        self.finished_ok = False
        self.setWindowTitle(_("First start"))  # Qt adds " — Kooperacja"
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Create the database"))
        self.passphrase_page = PassphrasePage(self)
        self.pages: dict[str, _Page] = {
            ROLE_STEP: RolePage(self),
            UNIT_STEP: UnitPage(self),
            IDENTITY_STEP: IdentityPage(self),
            PASSPHRASE_STEP: self.passphrase_page,
            SUMMARY_STEP: SummaryPage(self),
        }
        self._ids: dict[str, int] = {}
        for step in flow.steps():
            self._ids[step] = self.addPage(self.pages[step])
        resize_to_fit(self, 720, 520)

    def nextId(self) -> int:
        step = self.current_step()
        following = self.flow.navmap[step]["next"] if step else None
        return self._ids[following] if following else -1

    def current_step(self) -> str:
        page = self.currentPage()
        return page.step if isinstance(page, _Page) else ""

    def create_database(self) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.ctx.runner.run_with_progress(
            self,
            _("Creating the encrypted database…"),
            lambda progress: self.flow.finish(self.data),
            success=self._created,
            failure=self._failed,
        )

    def _created(self, ws: object) -> None:
        self.finished_ok = True
        self.data.passphrase = self.data.repeat = ""
        self.passphrase_page.first.clear()
        self.passphrase_page.second.clear()
        self.created.emit(ws)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        show_error(self, exc)

    def reject(self) -> None:
        # Cancelling after the first page asks first, so typed details are not dropped silently.
        if self.finished_ok or self.current_step() == ROLE_STEP or self.ask_cancel(self):
            super().reject()

    @classmethod
    def ask_cancel(cls, parent: QWidget) -> bool:
        answer = QMessageBox.question(
            parent,
            _("Kooperacja"),
            _("Stop setting up? Nothing has been created yet; you can start again later."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
