"""The PySide6 desktop application: the only package that imports Qt.

The UI is thin: widgets gather input, call ``app.services`` through the operation runner
(one database worker thread), and redraw what changed.
"""
