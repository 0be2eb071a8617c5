"""Printable forms for signature (ReportLab, A4, embedded Polish font); no Qt here."""
