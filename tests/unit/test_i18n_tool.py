"""``tools/i18n.py`` reads the sources once and still files every kind of message right.

One Babel pass finds ``_``, the plural and context forms and ``NG_`` together; a gendered source
becomes one message in each gender's context and never a message without one.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

from babel.messages.extract import extract

from app.i18n import GENDER_CONTEXTS

TOOL = Path(__file__).resolve().parents[2] / "tools" / "i18n.py"
SOURCE = b"""
from app.i18n import NG_, _, ngettext, pgettext

A = _("Plain")
B = NG_("applicant")
C = pgettext("menu", "File")
D = ngettext("{n} family", "{n} families", 2)
E = NG_(name)  # not a literal: nothing to translate
"""


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_pass_finds_each_kind_with_its_context():
    tool = _tool()
    found = [
        (message, context)
        for _line, message, _comments, context in extract(
            tool._python, io.BytesIO(SOURCE), tool.KEYWORDS
        )
    ]
    assert found == [
        ("Plain", None),
        ("applicant", tool.GENDERED),
        ("File", "menu"),
        (("{n} family", "{n} families"), None),
    ]


def test_a_gendered_source_is_a_message_in_each_gender_context_only():
    tool = _tool()
    catalog = tool.extract()
    contexts = {m.context for m in catalog if m.id == "spouse"}  # NG_("spouse"), models/enums.py
    assert contexts == set(GENDER_CONTEXTS.values())
    assert all(m.context != tool.GENDERED for m in catalog)
