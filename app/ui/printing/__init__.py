"""The print preview dialog: shows, prints and saves the documents of ``app.printing``."""
