"""Test subprocesses only: new databases get the cheap test KDF, as in the test process.

``tests/conftest.py`` puts this folder first on ``PYTHONPATH``, so every program a test starts
(the CLI, the demo launcher, the GUI in a subprocess) imports this at start-up.  Shipped code
reads no switch for it.
"""

from app.store import keys

keys.default_kdf = lambda: keys.TEST_KDF
