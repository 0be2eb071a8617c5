"""Git merge driver for the gettext catalogue: merges two branches' entries instead of lines.

The catalogue is sorted and carries source locations, so two branches that each add strings
conflict on neighbouring lines although their entries are independent. This driver reads the
base, ours and theirs as catalogues and keeps every entry of either side; where both sides
changed one entry's translation differently, ours wins and the entry is marked fuzzy so that
``tools/i18n.py check`` fails until a person looks at it. Strings no longer in the source are
dropped afterwards by ``tools/i18n.py update``.

Enable it in a clone (not needed for building or testing)::

    git config merge.pomerge.name "gettext catalogue union"
    git config merge.pomerge.driver ".venv/bin/python tools/po_merge.py %O %A %B"

(`.gitattributes` maps ``*.po`` to it; without the config git falls back to a line merge.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def _read(path: str):
    with open(path, "rb") as f:
        return read_po(f, locale="pl", domain="kooperacja")


def merge(base_path: str, ours_path: str, theirs_path: str) -> int:
    base, ours, theirs = _read(base_path), _read(ours_path), _read(theirs_path)
    for msg in theirs:
        if not msg.id:
            continue
        mine = ours.get(msg.id, context=msg.context)
        if mine is None:
            ours[msg.id] = msg
            continue
        if mine.string == msg.string:
            continue
        old = base.get(msg.id, context=msg.context)
        if old is not None and old.string == mine.string:
            mine.string = msg.string  # only theirs changed it
            mine.flags = set(msg.flags)
        elif old is not None and old.string == msg.string:
            pass  # only ours changed it
        elif not any(msg.string if isinstance(msg.string, tuple) else (msg.string,)):
            pass
        elif not any(mine.string if isinstance(mine.string, tuple) else (mine.string,)):
            mine.string = msg.string
            mine.flags = set(msg.flags)
        else:
            mine.flags.add("fuzzy")
        mine.locations = sorted(set(mine.locations) | set(msg.locations))
    tmp = Path(ours_path + ".merge")
    with tmp.open("wb") as f:
        write_po(f, ours, width=100, sort_output=True, omit_header=False, include_lineno=False)
    tmp.replace(ours_path)
    return 0


if __name__ == "__main__":
    sys.exit(merge(*sys.argv[1:4]))
