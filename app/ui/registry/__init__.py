"""The cooperation registry screens the main window embeds by key.

``TeamScreen`` (Zespół Kooperacji: institutions, the PZK, agreements, meetings),
``CatalogScreen`` (Koszyk usług) and ``HistoryScreen`` (the audit log) are ``QWidget``s that take
an ``AppContext``; each loads its data through ``ctx.runner`` when shown and refreshes on
``ctx.events.data_changed``.
"""
