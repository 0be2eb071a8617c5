"""The desktop application's generic parts, shared by the family file, the registry and the shell.

Form widgets and the binding that names a form's fields (``form_kit``), the record dialog with
its draft guard (``record_dialog``, ``draft_guard``), table models for records and checklists,
the list panel, the print menu, guards for callbacks on deleted widgets (``safe``), and the
shell's small widgets (``widgets``: labels with roles, the passphrase meter).  Nothing here knows
about families, plans or the registry.
"""
