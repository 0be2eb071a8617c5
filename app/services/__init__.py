"""Use cases of Kooperacja: what a UI or the CLI asks for, each in one short transaction.

Services take a ``Workspace`` (an unlocked database with its device identity) and plain input
dataclasses, return detached ORM rows or small dataclasses, and raise ``KooperacjaError``
subclasses with user-facing messages.  They never import Qt.
"""
