"""The family file (teczka rodziny): one window per case, in tabs, plus the registration dialog.

``FamilyWindow(ctx, family_id)`` is what the main window opens on ``ctx.events.family_opened``;
``RegistrationDialog.ask(parent, ctx)`` registers a new family ("Nowa rodzina").  The small
modules here are views (layout only), controllers (tabs, dialogs) and item models
(``*_table_model.py``); all data goes through ``app.services`` on the DB worker.
"""
