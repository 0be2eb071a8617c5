"""Rejestr i podstawa: the processing register entry (art. 30 RODO) printed from the OPS's
settings, and the basis on which the coordinator receives case data (statute or consent)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.printing import rodo_files
from app.services.rodo import register, sharing
from app.ui.context import AppContext
from app.ui.kit.form_kit import hint_label
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import label
from app.ui.rodo import common


class RegisterTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.iod = QLineEdit()
        self.iod.setAccessibleName(_("The IOD's contact"))
        self.iod.setMaxLength(300)
        self.print_button = QPushButton(_("&Print the register entry (art. 30)…"))
        self.print_button.clicked.connect(self.print_register)
        self.result = label("", "muted")
        self.result.setAccessibleName(_("Result"))
        register_box = QGroupBox(_("Register of processing activities (art. 30 RODO)"))
        form = QFormLayout()
        form.addRow(label(_("IOD's &contact:"), wrap=False, buddy=self.iod), self.iod)
        box_layout = QVBoxLayout(register_box)
        box_layout.addWidget(
            hint_label(
                _(
                    "The entry is made from this OPS's settings and database: purposes, "
                    "categories of people and data, recipients with their basis, retention "
                    "periods in use and the security measures."
                )
            )
        )
        box_layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        box_layout.addLayout(row)
        box_layout.addWidget(self.result)

        self.statute = QRadioButton(_("By &statute: every case of the gmina"))
        self.consent = QRadioButton(_("Only with a consent &naming the coordinator"))
        self.group = QButtonGroup(self)
        self.group.addButton(self.statute)
        self.group.addButton(self.consent)
        self.save_basis = QPushButton(_("Sa&ve the basis"))
        self.save_basis.clicked.connect(self.store_basis)
        self.basis_state = label("", "muted")
        self.basis_state.setAccessibleName(_("Basis recorded"))
        basis_box = QGroupBox(_("What case data the coordinator receives"))
        basis_layout = QVBoxLayout(basis_box)
        basis_layout.addWidget(
            hint_label(
                _(
                    "Partners receive case data only as named in a consent in force. For the "
                    "coordinator the OPS decides: the statute, or a consent naming it. What a "
                    "sync bundle would reveal without a basis is withheld and counted."
                )
            )
        )
        basis_layout.addWidget(self.statute)
        basis_layout.addWidget(self.consent)
        row = QHBoxLayout()
        row.addWidget(self.save_basis)
        row.addWidget(self.basis_state, 1)
        basis_layout.addLayout(row)

        layout = QVBoxLayout(self)
        layout.addWidget(register_box)
        layout.addWidget(basis_box)
        layout.addStretch(1)

    def refresh(self) -> None:
        if not self.ctx.is_unlocked:
            return
        self.ctx.runner.run(
            register.iod_contact, self.ctx.ws, success=guarded(self, self.iod.setText)
        )
        self.ctx.runner.run(
            sharing.basis_state,
            self.ctx.ws,
            success=guarded(self, lambda state: self._show_basis(*state)),
        )

    def _show_basis(self, basis: str, recorded: bool = True) -> None:
        (self.consent if basis == "consent" else self.statute).setChecked(True)
        self.basis_state.setText(
            _("Recorded: {basis}.").format(basis=_(sharing.BASES[basis]))
            if recorded  # a new OPS has chosen nothing yet: "Zapisano" would not be true
            else _("Not chosen yet: bundles carry every case of the gmina (the default).")
        )

    def print_register(self) -> None:
        path = common.save_path(
            self, _("Save the register entry as"), "rejestr-czynnosci.pdf",
            _("PDF documents (*.pdf)"),
        )  # fmt: skip
        if not path:
            return
        self.ctx.runner.run(
            rodo_files.write_register,
            self.ctx.ws,
            path,
            self.iod.text().strip(),
            success=guarded(self, lambda _r: self.result.setText(
                _("Register entry written: {path}").format(path=path)
            )),
        )  # fmt: skip

    def store_basis(self) -> None:
        basis = "consent" if self.consent.isChecked() else "statute"
        self.ctx.runner.run(
            sharing.set_basis,
            self.ctx.ws,
            basis,
            success=guarded(self, lambda _r: self._show_basis(basis)),
        )
