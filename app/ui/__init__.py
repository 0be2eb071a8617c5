"""The PySide6 desktop application: the only package that imports Qt.

The UI is thin: widgets gather input, call ``app.services`` through the operation runner
(one database worker thread), and redraw what changed.  Importing the package first applies
the work-arounds for the installed PySide6 (``pyside_fixes``).
"""

from app.ui import pyside_fixes as _pyside_fixes  # noqa: F401  (applied on import)
