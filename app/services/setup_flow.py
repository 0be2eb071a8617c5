"""The first-run wizard as data and rules, without Qt (Electrum's ``wizard.py`` approach).

``SetupFlow.navmap`` says which step follows which; ``problems(step, data)`` says what stops
the user from going on (in Polish, per field); ``finish(data)`` creates the encrypted database.
The Qt wizard (``app/ui/setup_wizard.py``) only shows pages and calls these, so every path
through the wizard is tested headless (``tests/ui/test_setup_flow.py``).

The TERYT type-ahead works before any database exists, so it searches the shipped TERC register
(parsed once, a few thousand rows), not the database's copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.errors import ValidationError
from app.i18n import _
from app.models.enums import Role
from app.services import reference, setup
from app.services.text import fold
from app.services.workspace import Workspace
from app.store import keys

ROLE_STEP, UNIT_STEP, IDENTITY_STEP, PASSPHRASE_STEP, SUMMARY_STEP = (
    "role",
    "unit",
    "identity",
    "passphrase",
    "summary",
)


@dataclass
class SetupData:
    """What the user entered so far."""

    role: str = ""
    unit_code: str = ""
    unit_label: str = ""
    institution: str = ""
    worker_name: str = ""
    passphrase: str = ""
    repeat: str = ""
    understood: bool = False
    suggested_institution: str = ""


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


@dataclass(frozen=True)
class UnitChoice:
    code: str
    label: str
    name: str


@dataclass(frozen=True)
class _Row:
    """One unit of the register, as ``reference.describe_unit`` reads it."""

    code: str
    woj: str
    pow: str
    gmi: str
    rodz: str
    name: str
    name_folded: str
    kind: str
    level: str
    valid_on: object


@dataclass
class TercIndex:
    """The shipped TERYT register in memory, for type-ahead before the database exists."""

    units: list[UnitChoice] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)  # code → "gmina" | "powiat"
    _folded: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    @classmethod
    def load(cls) -> TercIndex:
        # Built on the GUI thread when the first letter is typed: from the register's rows (the
        # same parse as every new database's), not thousands of ORM objects.
        parsed = [_Row(**row) for row in reference.shipped_terc_rows()]
        by_code = {u.code: u for u in parsed}
        index = cls()
        for u in parsed:
            if u.level == "gmina":
                powiat = by_code.get(u.code[:4])
                label = reference.describe_unit(u, powiat)
            elif u.level == "powiat":
                woj = by_code.get(u.code[:2])
                label = f"{u.name} ({u.kind}, woj. {woj.name.lower() if woj else u.woj})"
            else:
                continue
            index.units.append(UnitChoice(u.code, label, u.name))
            index.levels[u.code] = u.level
            folded = fold(u.name)
            index._folded.append((folded, tuple(folded.replace("-", " ").split())))
        return index

    def search(self, text: str, level: str, limit: int = 30) -> list[UnitChoice]:
        """Units of ``level`` whose name (or any word of it) starts with ``text``, or whose
        TERYT code starts with the digits typed; names that start with it come first."""
        key = fold(text.strip())
        if not key:
            return []
        first, second = [], []
        for unit, (name, words) in zip(self.units, self._folded, strict=True):
            if self.levels[unit.code] != level:
                continue
            if key.isdigit():
                if unit.code.startswith(key):
                    first.append(unit)
            elif name.startswith(key):
                first.append(unit)
            elif any(w.startswith(key) for w in words[1:]):
                second.append(unit)
        first = sorted(first, key=lambda u: fold(u.name))[:limit]
        return first + second[: max(0, limit - len(first))]

    def get(self, code: str) -> UnitChoice | None:
        return next((u for u in self.units if u.code == code), None)


class SetupFlow:
    """Steps, their order, what each needs, and creating the database at the end."""

    navmap: dict[str, dict[str, str | None]] = {
        ROLE_STEP: {"next": UNIT_STEP, "back": None},
        UNIT_STEP: {"next": IDENTITY_STEP, "back": ROLE_STEP},
        IDENTITY_STEP: {"next": PASSPHRASE_STEP, "back": UNIT_STEP},
        PASSPHRASE_STEP: {"next": SUMMARY_STEP, "back": IDENTITY_STEP},
        SUMMARY_STEP: {"next": None, "back": PASSPHRASE_STEP},
    }

    def __init__(self, path: Path | str, terc: TercIndex | None = None) -> None:
        self.path = Path(path)
        self._terc = terc

    @property
    def terc(self) -> TercIndex:
        if self._terc is None:
            self._terc = TercIndex.load()
        return self._terc

    # -- navigation ------------------------------------------------------------------------
    def start(self) -> str:
        return ROLE_STEP

    def steps(self) -> list[str]:
        return list(self.navmap)

    def next_step(self, step: str, data: SetupData) -> str | None:
        """The step after ``step``; raises ``ValueError`` while ``step`` has problems."""
        if self.problems(step, data):
            raise ValueError(f"step {step} is not complete")
        following = self.navmap[step]["next"]
        if following is not None:
            self.on_enter(following, data)
        return following

    def previous_step(self, step: str) -> str | None:
        return self.navmap[step]["back"]

    def is_last(self, step: str) -> bool:
        return self.navmap[step]["next"] is None

    def on_enter(self, step: str, data: SetupData) -> None:
        if step == IDENTITY_STEP:
            suggestion = self.suggest_institution(data)
            # Replace the name only while it is still our own earlier suggestion.
            if not data.institution or data.institution == data.suggested_institution:
                data.institution = suggestion
            data.suggested_institution = suggestion

    # -- input -----------------------------------------------------------------------------
    def set_role(self, data: SetupData, role: str) -> None:
        if role != data.role:
            data.role = role
            data.unit_code = data.unit_label = ""

    def unit_level(self, data: SetupData) -> str:
        return "powiat" if data.role == Role.COORDINATOR else "gmina"

    def search_units(self, data: SetupData, text: str, limit: int = 30) -> list[UnitChoice]:
        return self.terc.search(text, self.unit_level(data), limit)

    def choose_unit(self, data: SetupData, code: str) -> bool:
        unit = self.terc.get(code)
        if unit is None or self.terc.levels[code] != self.unit_level(data):
            data.unit_code = data.unit_label = ""
            return False
        data.unit_code, data.unit_label = unit.code, unit.label
        return True

    def match_typed_unit(self, data: SetupData, text: str) -> bool:
        """Accept what was typed when it names exactly one unit (or is exactly a label)."""
        text = text.strip()
        if data.unit_code and text == data.unit_label:
            return True
        level = self.unit_level(data)
        exact = [
            u
            for u in self.terc.units
            if text in (u.label, u.code) and self.terc.levels[u.code] == level
        ]
        if not exact:
            same = [u for u in self.search_units(data, text, 200) if fold(u.name) == fold(text)]
            exact = same if len(same) == 1 else []
        if len(exact) == 1:
            return self.choose_unit(data, exact[0].code)
        data.unit_code = data.unit_label = ""
        return False

    def suggest_institution(self, data: SetupData) -> str:
        unit = self.terc.get(data.unit_code)
        if unit is None:
            return ""
        if data.role == Role.COORDINATOR:
            return _("Powiat Family Support Centre, powiat {name}").format(name=unit.name)
        return _("Social Assistance Centre in the gmina of {name}").format(name=unit.name)

    def hints(self, data: SetupData) -> tuple[str, ...]:
        unit = self.terc.get(data.unit_code)
        parts = [data.institution, data.worker_name, unit.name if unit else ""]
        # zxcvbn matches whole words: give it each word of the names as well.
        words = [w for p in parts for w in p.replace("-", " ").split() if len(w) >= 3]
        return tuple(dict.fromkeys([p for p in parts if p] + words))

    def strength(self, data: SetupData) -> keys.Strength:
        return keys.assess_passphrase(data.passphrase, self.hints(data))

    # -- validation ------------------------------------------------------------------------
    def problems(self, step: str, data: SetupData) -> list[Problem]:
        out: list[Problem] = []
        if step == ROLE_STEP and data.role not in (Role.OPS, Role.COORDINATOR):
            out.append(Problem("role", _("Choose who will work with this program.")))
        elif step == UNIT_STEP and not data.unit_code:
            message = (
                _("Choose your powiat from the list (type the first letters of its name).")
                if data.role == Role.COORDINATOR
                else _("Choose your gmina from the list (type the first letters of its name).")
            )
            out.append(Problem("unit", message))
        elif step == IDENTITY_STEP:
            if not data.institution.strip():
                out.append(Problem("institution", _("Give the name of your institution.")))
            if not data.worker_name.strip():
                out.append(
                    Problem("worker_name", _("Give your name; it appears on forms you print."))
                )
        elif step == PASSPHRASE_STEP:
            verdict = self.strength(data)
            if not verdict.acceptable:
                out.append(Problem("passphrase", verdict.message))
            elif data.repeat != data.passphrase:
                out.append(Problem("repeat", _("The two passphrases differ.")))
            if not data.understood:
                out.append(
                    Problem(
                        "understood",
                        _("Confirm that you know a forgotten passphrase cannot be recovered."),
                    )
                )
        elif step == SUMMARY_STEP:
            for earlier in (ROLE_STEP, UNIT_STEP, IDENTITY_STEP, PASSPHRASE_STEP):
                out += self.problems(earlier, data)
        return out

    def summary(self, data: SetupData) -> list[tuple[str, str]]:
        role = Role(data.role).label if data.role else ""
        return [
            (_("Role"), role),
            (_("Powiat") if data.role == Role.COORDINATOR else _("Gmina"), data.unit_label),
            (_("Institution"), data.institution.strip()),
            (_("Your name"), data.worker_name.strip()),
            (_("Database file"), str(self.path)),
        ]

    # -- the end ---------------------------------------------------------------------------
    def finish(self, data: SetupData) -> Workspace:
        """Create the database (runs on the DB worker; takes a second for the key)."""
        problems = self.problems(SUMMARY_STEP, data)
        if problems:
            raise ValidationError(problems[0].message, problems[0].field)
        return setup.initialize(
            self.path,
            data.passphrase,
            role=data.role,
            unit_code=data.unit_code,
            name=data.institution.strip(),
            worker_name=data.worker_name.strip(),
        )
