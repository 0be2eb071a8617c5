"""Maintain the one gettext catalogue (resources/locale/pl/LC_MESSAGES/kooperacja.po).

``update``: extract the English source strings from ``app/`` and merge them into the Polish
catalogue (new strings arrive untranslated, vanished ones are dropped).
``check``: fail if any source string lacks a Polish translation, a translation is fuzzy, or the
``{placeholders}`` of a translation differ from its source (the check Electrum's translator does).
``todo``: print the untranslated source strings as a JSON object {source: ""} to fill in.
``translate FILE.json``: apply translations from a JSON object {English source: Polish}.

A message with a context (``pgettext``, ``NP_``; ``NG_`` gives the three gender contexts of
``app.i18n.GENDER_CONTEXTS``) is keyed ``"context\u0004source"`` in those JSON objects (the
separator gettext itself uses).

Every read-modify-write of the catalogue holds an exclusive lock, so several people (or
helpers) can run ``update``/``translate`` at the same time without losing entries.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "resources" / "locale" / "pl" / "LC_MESSAGES" / "kooperacja.po"
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    # ``NG_(source)`` reaches Babel as ``NG_(GENDERED, source)`` (``_python``): a context that
    # marks it, so one pass over the sources finds every kind of message.
    "NG_": ((1, "c"), 2),
}
GENDERED = "\x00gendered"
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")
CTX = "\x04"
sys.path.insert(0, str(ROOT))
from app.i18n import GENDER_CONTEXTS  # noqa: E402  (after the path is set)


def _python(fileobj, keywords, comment_tags, options):
    """Babel's Python extractor, with each ``NG_`` call's source after the ``GENDERED`` mark."""
    for lineno, funcname, messages, comments in extract_python(
        fileobj, keywords, comment_tags, options
    ):
        if funcname == "NG_":
            source = messages[0] if isinstance(messages, tuple) else messages
            messages = (GENDERED, source)
        yield lineno, funcname, messages, comments


def extract() -> Catalog:
    template = Catalog(project="Kooperacja", domain="kooperacja")
    for filename, lineno, message, comments, ctx in extract_from_dir(
        str(ROOT / "app"),
        method_map=[("**.py", _python)],  # type: ignore[list-item]  (a callable works too)
        keywords=KEYWORDS,
        strip_comment_tags=True,
    ):
        where = [(f"app/{filename}", lineno)]
        # A gendered source is one message in each gender's context (app.i18n.NG_).
        for context in GENDER_CONTEXTS.values() if ctx == GENDERED else (ctx,):
            template.add(message, None, where, auto_comments=comments, context=context)
    return template


def key_of(msg) -> str:
    """The JSON key of a message: its (singular) source, after its context if it has one."""
    source = msg.id if isinstance(msg.id, str) else msg.id[0]
    return f"{msg.context}{CTX}{source}" if msg.context else source


def find(catalog: Catalog, key: str):
    context, _sep, source = key.rpartition(CTX)
    return catalog.get(source, context=context or None)


def load() -> Catalog:
    if not PO.exists():
        return Catalog(locale="pl", domain="kooperacja", project="Kooperacja")
    with PO.open("rb") as f:
        return read_po(f, locale="pl", domain="kooperacja")


def save(catalog: Catalog) -> None:
    PO.parent.mkdir(parents=True, exist_ok=True)
    tmp = PO.with_suffix(".po.tmp")
    with tmp.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False)
    tmp.replace(PO)


@contextlib.contextmanager
def locked():
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(PO.parent / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def update() -> None:
    with locked():
        catalog = load()
        catalog.update(extract(), no_fuzzy_matching=True)
        catalog.obsolete.clear()
        save(catalog)
    missing = untranslated(catalog)
    print(f"{len(catalog)} messages, {len(missing)} untranslated")


def translate(path: str) -> None:
    mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    with locked():
        catalog = load()
        catalog.update(extract(), no_fuzzy_matching=True)
        catalog.obsolete.clear()
        applied = 0
        for source, polish in mapping.items():
            msg = find(catalog, source)
            if msg is None or not polish:
                continue
            msg.string = tuple(polish) if isinstance(polish, list) else polish
            msg.flags.discard("fuzzy")
            applied += 1
        save(catalog)
    print(f"{applied} translations applied, {len(untranslated(catalog))} still untranslated")


def untranslated(catalog: Catalog) -> list[str]:
    out = []
    for msg in catalog:
        if not msg.id:
            continue
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if not all(strings) or msg.fuzzy:
            out.append(key_of(msg))
    return out


def check() -> int:
    catalog = load()
    template = extract()
    problems = []
    for msg in template:
        if not msg.id:
            continue
        found = catalog.get(msg.id, context=msg.context)
        key = key_of(msg)
        if found is None:
            problems.append(f"missing from catalogue: {key!r}")
            continue
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        if not all(strings) or found.fuzzy:
            problems.append(f"untranslated or fuzzy: {key!r}")
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        for s in strings:
            if set(PLACEHOLDER.findall(s)) != wanted:
                problems.append(f"placeholders differ: {key!r}")
    for p in problems:
        print(p)
    print(f"i18n: {len(template)} source strings, {len(problems)} problems")
    return 1 if problems else 0


def todo() -> None:
    print(json.dumps({k: "" for k in untranslated(load())}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    verb = sys.argv[1] if len(sys.argv) > 1 else "check"
    if verb == "update":
        update()
    elif verb == "todo":
        todo()
    elif verb == "translate":
        translate(sys.argv[2])
    else:
        sys.exit(check())
