"""Entry script of the frozen program (PyInstaller): the same as the ``kooperacja`` command."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
