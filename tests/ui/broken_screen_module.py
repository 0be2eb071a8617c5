"""A module that fails to import for a reason other than being absent (used by a test)."""

import app.ui.this_module_does_not_exist  # noqa: F401
