"""Printable forms for signature (ReportLab, A4, embedded Polish font); no Qt here.

* ``service``: ``render_document(ws, kind, family_id=…, review_id=…, visit_id=…, team_id=…)``
  loads the data through the services, renders into memory and records the audit event;
  ``KINDS`` lists the documents (also ``kooperacja print``).
* One module per document: ``diagnosis``, ``plan`` (IPW), ``contract`` (kontrakt socjalny),
  ``review``, ``consent`` (with the RODO clause), ``visit``, ``agreement``, ``blank`` (forms to
  fill in by hand); ``clauses_pl`` holds their legal wording; ``casedata``/``parts`` what they
  share (addresses, who signs, members, scales).
* Shared by every PDF builder (stable API): ``fonts`` (DejaVu Sans), ``layout`` (page header and
  footer with "strona X z Y", tables, signature blocks, ruled lines), ``raster`` (pages to
  images in memory, for the preview and printing).
"""
