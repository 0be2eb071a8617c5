"""The encrypted case store: SQLCipher 4 files, keys, migrations, backup and integrity checks.

Nothing here knows about families or forms; ``app.services`` builds the domain on top.
"""
