"""Why a bundle was refused: one error class with a machine code and a Polish message per kind.

Every refusal happens before the database is written, so each message ends by saying that
nothing was imported.  Messages name devices by id and bundles by number, never people.
"""

from __future__ import annotations

from app.errors import SyncError
from app.i18n import N_, _
from app.sync.kinds import field_label, kind_label


class BundleRefused(SyncError):
    """An import stopped at one of its checks; ``code`` says which (tests and the UI use it)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message + " " + _("Nothing was imported."))
        self.code = code


# What a refusal names in brackets, as a code at the check and in words in the message (support
# staff read it back to the bundle's part; tests/sync/test_refusal_words.py keeps it complete).
DETAILS: dict[str, str] = {
    "preamble": N_("the file's beginning"),
    "length": N_("length"),
    "header": N_("header"),
    "size": N_("size"),
    "order": N_("order of the parts"),
    "padding": N_("padding"),
    "recipients": N_("recipients"),
    "line end": N_("a line without its end"),
    "sender role": N_("the sender's role"),
    "json": N_("JSON syntax"),
    "type": N_("type of data"),
    "not canonical": N_("not written in canonical form"),
    "head": N_("the last entry"),
    "device": N_("an entry of another device"),
}


def refused(code: str, **values: object) -> BundleRefused:
    """The refusal of kind ``code`` with its message filled in (a ``detail`` code of
    ``DETAILS`` in words; any other detail comes already worded: ``at_line``, ``in_field``)."""
    detail = values.get("detail")
    if isinstance(detail, str) and detail in DETAILS:
        values["detail"] = _(DETAILS[detail])
    template = _messages()[code]
    return BundleRefused(code, template.format(**values))


def at_line(number: int, kind: str = "") -> str:
    """ "wiersz 3", or "rodzina, wiersz 3" for a record of that kind (``kind``: its table)."""
    where = _("line {n}").format(n=number)
    return f"{kind_label(kind)}, {where}" if kind else where


# The columns every synced record has (the forms' own fields are named by ``field_label``)
_SYNC_FIELDS = {
    "id": N_("identifier"),
    "deleted": N_("deletion mark"),
    "version": N_("version stamp"),
    "field_stamps": N_("stamps of the fields"),
    "version_vector": N_("version vector"),
}


def in_field(kind: str, field: str) -> str:
    """ "program (IPW), pole data do": a record kind and one of its fields, in words."""
    name = _(_SYNC_FIELDS[field]) if field in _SYNC_FIELDS else field_label(field)
    return _("{kind}, field {field}").format(kind=kind_label(kind), field=name)


def _messages() -> dict[str, str]:
    # Built at call time so the current language applies.
    return {
        "too_large": _(
            "The bundle file is too large ({size} MB; at most {limit} MB are accepted)."
        ),
        "unreadable": _("The bundle file cannot be read."),
        "not_a_bundle": _("This file is not a Kooperacja sync bundle."),
        "not_for_us": _(
            "This bundle cannot be opened with this device's key: it is addressed to another "
            "device, or its header was damaged."
        ),
        "truncated": _(
            "The bundle file is incomplete (cut short, e.g. by an interrupted copy). Copy it again."
        ),
        "tampered": _(
            "The bundle file was altered or damaged: its encrypted content does not verify."
        ),
        "age_header": _(
            "The bundle's encryption header is not one Kooperacja makes ({detail}): it was "
            "refused before any key was tried."
        ),
        "container": _("The inside of the bundle is malformed ({detail})."),
        "member_path": _(
            "The bundle contains a part named like a file path ({name}); it was refused."
        ),
        "member_unknown": _("The bundle contains an unknown part ({name})."),
        "member_duplicate": _("The bundle contains the part {name} twice."),
        "too_many_members": _("The bundle contains too many parts."),
        "manifest": _("The bundle's manifest is malformed ({detail})."),
        "format": _(
            "The bundle has a format this version of Kooperacja does not know "
            "(format {format}, version {version}). Update the application."
        ),
        "unknown_sender": _(
            "The bundle comes from an unknown device ({device}). Import that device's key "
            "card first."
        ),
        "revoked_sender": _(
            "The sending device {device} has been revoked; its bundles are refused."
        ),
        "bad_signature": _(
            "The bundle's signature does not match the key registered for device {device}: "
            "the bundle was altered or forged."
        ),
        "wrong_recipient": _("The bundle is addressed to another device ({device})."),
        "wrong_recipient_key": _(
            "The bundle was made for a different key of this device; ask the sender to "
            "import this device's current key card."
        ),
        "older_seq": _(
            "Bundle {seq} from device {device} is older than bundle {last} already imported; "
            "it was refused as a replay (its contents came with the later bundle)."
        ),
        "expired": _(
            "Bundle {seq} from device {device} expired on {when}: an old bundle is not accepted "
            "any more. Ask for a new one (it carries everything this one did). This computer's "
            "date is {today}: if that is wrong, set the correct date first."
        ),
        "chain": _(
            "Bundle {seq} from device {device} does not continue the chain of bundle {last}: "
            "it was forged or the sender's database was replaced."
        ),
        "member_missing": _("A part listed in the manifest is missing from the bundle ({name})."),
        "member_size": _("A part of the bundle has the wrong size ({name}): it was altered."),
        "member_hash": _(
            "A part of the bundle does not match its checksum ({name}): it was altered."
        ),
        "schema_newer": _(
            "The bundle was made by a newer version of Kooperacja (database schema {schema}). "
            "Update the application first."
        ),
        "too_many_records": _(
            "The bundle holds too many records ({count}; at most {limit} are accepted)."
        ),
        "counts": _("The bundle's record counts do not match its manifest."),
        "line_too_long": _("A record in the bundle is too large ({size} bytes)."),
        "nesting": _("The bundle holds data nested too deeply to be a record."),
        "json": _("A record in the bundle is not valid JSON (line {line})."),
        "table": _("The bundle holds records of a kind this device does not accept ({table})."),
        "field_too_long": _("A record in the bundle has a field that is too long ({field})."),
        "record": _("A record in the bundle is invalid ({detail})."),
        "duplicate_record": _("The bundle holds the same record twice ({table})."),
        "stamp": _("A record in the bundle has an invalid version stamp ({detail})."),
        "audit": _(
            "The sender's audit log in the bundle is not continuous or was altered ({detail})."
        ),
        "references": _(
            "The bundle refers to records this device does not have; import the earlier "
            "bundles from this sender first, or ask for a full bundle."
        ),
        "rotation": _("The bundle announces a new key without a valid proof."),
        "foreign_stamp": _(
            "The bundle from device {sender} carries a change attributed to device {device} "
            "that this device never received: a device may only send its own changes (only "
            "the coordinator passes on other devices' changes)."
        ),
        "not_in_area": _(
            "Device {device} may not write records of gmina {gmina}: the bundle holds a "
            "record ({kind}) outside that device's area."
        ),
        "not_owner": _(
            "Device {device} may not change shared reference data it did not create: the "
            "bundle holds such a record ({kind})."
        ),
        "clock_ahead": _(
            "The clock of device {device} is wrong: the bundle holds a change dated {when}, "
            "more than a day ahead of this computer's clock. Set the correct date and time on "
            "that device (or on this one, if its clock is behind) and make a new bundle."
        ),
        "conflict": _(
            "A conflict entry in the bundle is invalid or does not match the records it "
            "concerns ({detail})."
        ),
        "gmina_change": _(
            "The bundle moves a family from gmina {old} to gmina {new}. A family is "
            "moved by a separate operation, never by editing it."
        ),
    }
