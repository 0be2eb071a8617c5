"""Qt's own strings that ``qtbase_pl.qm`` leaves in English, said from our catalogue.

Qt's Polish translation is incomplete: the file dialog's "Look in:" and "Files of type:" have no
Polish, and Qt 6 moved the file-type names ("Folder", "card File") to a new context
(``QAbstractFileIconProvider``) that the Polish file still has under ``QFileDialog``.  This
translator, installed after ``qtbase_pl.qm`` (Qt asks the translator installed last first),
answers those and nothing else; every other string falls through to Qt's file.  (The dialog's
file sizes and dates follow the computer's own locale, Polish on a Polish system.)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from app.i18n import NP_, pgettext

CONTEXT = "Qt"  # written out in each NP_ too: the extractor reads literals only

# (Qt's context, Qt's English) -> our catalogue entry (context "Qt").
OWN = {
    ("QFileDialog", "&Look in:"): NP_("Qt", "&Look in:"),
    ("QFileDialog", "Files of &type:"): NP_("Qt", "Files of &type:"),
}

# Qt 6's context -> the context under which the Polish file still holds the same strings.
MOVED = {"QAbstractFileIconProvider": "QFileDialog"}


class QtGapsTranslator(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if (context, source) in OWN:
            return pgettext(CONTEXT, OWN[context, source])
        if context in MOVED:
            text = QCoreApplication.translate(MOVED[context], source, disambiguation, n)
            return text if text != source else None
        return None  # not ours: Qt asks the next translator
