"""The Diagnoza tab's layout: the model's four axes, domain ratings, reasons, participants.

Field names are those of ``diagnosis.DiagnosisInput`` (plus ``reasons`` and ``participants``).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.ui.family.case_form_view import reasons_view
from app.ui.family.domain_ratings_widget import DomainRatingsWidget
from app.ui.kit.checklist_table_model import ChecklistTableModel
from app.ui.kit.form_kit import (
    DateEdit,
    ErrorLabel,
    FormBinding,
    buddy_label,
    hint_label,
    scrolled,
    setup_table,
    tab_chain,
    text_edit,
)
from app.ui.kit.mnemonics import key_field

AXES = (
    # (group title, ((field, label), …)); translated when the view is built
    (N_("1. Causes and sources of the difficult situation"), (("causes", N_("&Causes:")),)),
    (
        N_("2. Strengths and weaknesses"),
        (("strengths", N_("St&rengths:")), ("weaknesses", N_("&Weaknesses:"))),
    ),
    (
        N_("3. Resources and deficits"),
        (("resources", N_("Reso&urces:")), ("deficits", N_("&Deficits:"))),
    ),
    (
        N_("4. Needs and expectations"),
        (("needs", N_("&Needs:")), ("expectations", N_("E&xpectations:"))),
    ),
)


class DiagnosisView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(_("Diagnosis shown"))
        self.new_button = QPushButton(_("New diagnosis (&update)"))
        self.print_slot = QHBoxLayout()
        self.made_on = DateEdit()
        self.finalized = QCheckBox(_("Agreed with the family (&final)"))
        self.texts: dict[str, QPlainTextEdit] = {}
        self.ratings = DomainRatingsWidget()
        self.reasons = ChecklistTableModel("", parent=self)
        self.reasons_view = reasons_view(self.reasons, _("Reasons for help (art. 7)"))
        self.participants = ChecklistTableModel(
            _("Who took part"), (_("Role or function"),), _("As"), parent=self
        )
        self.participants_view = QTableView()
        setup_table(self.participants_view, _("Participants of the diagnosis"), 0)
        self.participants_view.setModel(self.participants)
        self.participants_view.setMinimumHeight(170)
        self.add_other = QPushButton(_("Add another &person…"))
        self.error = ErrorLabel()
        self.save_button = QPushButton(_("&Save diagnosis"))
        self.save_button.setToolTip(_("Ctrl+S"))
        self.state = QLabel()
        self._build()

    def _text(self, name: str, lines: int = 3) -> QPlainTextEdit:
        edit = text_edit(lines)
        self.texts[name] = edit
        return edit

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(buddy_label(_("Dia&gnosis of:"), self.chooser))
        top.addWidget(self.chooser)
        top.addWidget(self.new_button)
        top.addWidget(self.state, 1)
        top.addLayout(self.print_slot)

        body = QWidget()
        col = QVBoxLayout(body)
        head = QHBoxLayout()
        head.addWidget(buddy_label(_("Date of the &diagnosis:"), self.made_on))
        head.addWidget(self.made_on)
        head.addSpacing(24)
        head.addWidget(self.finalized)
        head.addStretch(1)
        col.addLayout(head)
        col.addWidget(
            hint_label(
                _(
                    "Fill the four axes of the Model Kooperacji together with the family and "
                    "the partners (diagnostic workshop)."
                )
            )
        )
        for title, fields in AXES:
            box = QGroupBox(_(title))
            grid = QGridLayout(box)
            for i, (name, label) in enumerate(fields):
                edit = self._text(name, 4 if len(fields) == 1 else 3)
                grid.addWidget(buddy_label(_(label), key_field(edit)), 0, i)  # the diagnosis
                grid.addWidget(edit, 1, i)
            col.addWidget(box)

        domains = QGroupBox(_("Life domains (−3 serious problem … +2 clear strength)"))
        QVBoxLayout(domains).addWidget(self.ratings)
        col.addWidget(domains)

        lower = QHBoxLayout()
        reasons = QGroupBox(_("Reasons for help (art. 7 u.p.s.)"))
        QVBoxLayout(reasons).addWidget(self.reasons_view)
        people = QGroupBox(_("Participants: the cooperation team, the family, others"))
        p = QVBoxLayout(people)
        p.addWidget(self.participants_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_other)
        row.addStretch(1)
        p.addLayout(row)
        lower.addWidget(reasons, 2)
        lower.addWidget(people, 3)
        col.addLayout(lower)

        closing = QGroupBox(_("The family's view and conclusions"))
        f = QFormLayout(closing)
        f.addRow(
            buddy_label(_("The famil&y's own view:"), self._text("family_view")),
            self.texts["family_view"],
        )
        f.addRow(
            buddy_label(_("C&onclusions:"), self._text("conclusions")), self.texts["conclusions"]
        )
        col.addWidget(closing)
        col.addStretch(1)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scrolled(body), 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

    def chain_tabs(self) -> None:
        """Tab order as laid out (the rating rows are built when the domains are known)."""
        texts = [self.texts[name] for name in
                 ("causes", "strengths", "weaknesses", "resources", "deficits", "needs",
                  "expectations")]  # fmt: skip
        tab_chain([
            self.chooser, self.new_button, self.made_on, self.finalized, *texts,
            *self.ratings.tab_widgets(), self.reasons_view, self.participants_view,
            self.add_other, self.texts["family_view"], self.texts["conclusions"],
            self.save_button,
        ])  # fmt: skip

    def bind(self, binding: FormBinding) -> None:
        binding.add("made_on", self.made_on)
        binding.add("finalized", self.finalized)
        for name, edit in self.texts.items():
            binding.add(name, edit)
        binding.add("ratings", self.ratings)
        binding.add("reasons", self.reasons)
        binding.add("participants", self.participants)
