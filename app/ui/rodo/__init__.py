"""Ochrona danych: the data-protection screen (issue 14) and its dialogs, calling the RODO use
cases of ``app.services.rodo`` and ``app.printing.rodo_files`` only."""
