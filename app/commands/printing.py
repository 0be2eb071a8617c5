"""``kooperacja print KIND --family ID [--review ID] [--visit ID] -o FILE.pdf``.

KIND is one of diagnosis, plan, contract, review, consent, visit, agreement, blank-diagnosis,
blank-review, blank-visit, referral, workshop, closing (case documents: ``--family``, with
``--referral``/``--workshop``/``--plan`` to choose), agenda (``--team`` or ``--meeting``),
minutes (``--meeting``), tasks (``--institution``); ``agreement`` takes ``--team ID`` (or
``--agreement ID``) instead of ``--family``.  ``--review``/``--visit`` default to the latest.
The PDF is rendered in memory and written atomically to the chosen path; the print is recorded
in the audit log.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands import unlocked
from app.config import atomic_write_bytes
from app.errors import FileProblem, UsageError
from app.i18n import _, ngettext
from app.printing import pilot_docs
from app.printing.raster import page_count
from app.printing.service import ALL_KINDS, prepare_document
from app.services import families
from app.store.fileops import io_problem

TEAM_KINDS = frozenset(k for k in pilot_docs.KINDS if k not in pilot_docs.CASE_KINDS)


def _check_args(args: argparse.Namespace) -> None:
    if args.kind == "agreement":
        if not (args.team or args.agreement):
            raise UsageError(_("The agreement needs --team ID (or --agreement ID)."))
    elif args.kind in TEAM_KINDS:
        pass  # the team documents say themselves which id they need
    elif not args.family:
        raise UsageError(_("This document needs --family ID."))
    if args.review and args.kind != "review":
        raise UsageError(_("--review only goes with the review document."))
    if args.visit and args.kind != "visit":
        raise UsageError(_("--visit only goes with the visit note."))
    if not args.output.lower().endswith(".pdf"):
        raise UsageError(_("The output file must end in .pdf."))


def cmd_print(args: argparse.Namespace) -> int:
    _check_args(args)
    output = Path(args.output)  # a missing folder is created, as for a backup
    with unlocked(args) as ws:
        doc = prepare_document(
            ws,
            args.kind,
            family_id=families.family_id_of(ws, args.family) if args.family else None,
            review_id=args.review,
            visit_id=args.visit,
            team_id=args.team,
            agreement_id=args.agreement,
            audit_action="print",
            pilot=pilot_docs.Ids(
                referral_id=args.referral,
                workshop_id=args.workshop,
                plan_id=args.plan,
                meeting_id=args.meeting,
                institution_id=args.institution,
            ),
        )
    pdf = doc.pdf
    for warning in doc.warnings:
        print(_("Warning: {text}").format(text=warning), file=sys.stderr)
    try:
        atomic_write_bytes(output, pdf)
    except OSError as exc:
        raise io_problem(exc) or FileProblem(_("The PDF file cannot be written.")) from exc
    pages = page_count(pdf)
    print(
        ngettext("Saved {path} ({pages} page).", "Saved {path} ({pages} pages).", pages).format(
            path=output, pages=pages
        ),
        file=sys.stderr,
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print", help=_("print a document for signature to a PDF file"))
    p.add_argument("kind", choices=list(ALL_KINDS), help=_("which document"))
    p.add_argument("--family", metavar="ID", help=_("the family: its id or its case number"))
    p.add_argument("--review", metavar="ID", help=_("the review (default: the latest)"))
    p.add_argument("--visit", metavar="ID", help=_("the visit (default: the latest)"))
    p.add_argument("--team", metavar="ID", help=_("the cooperation team (for the agreement)"))
    p.add_argument("--agreement", metavar="ID", help=_("a particular agreement of the team"))
    p.add_argument("--referral", metavar="ID", help=_("the referral (default: the latest)"))
    p.add_argument("--workshop", metavar="ID", help=_("the workshop (default: the latest)"))
    p.add_argument("--plan", metavar="ID", help=_("the closed programme (for the closing)"))
    p.add_argument("--meeting", metavar="ID", help=_("the team meeting (minutes, agenda)"))
    p.add_argument("--institution", metavar="ID", help=_("the institution (for its tasks)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=_("the PDF file"))
    p.set_defaults(func=cmd_print)
