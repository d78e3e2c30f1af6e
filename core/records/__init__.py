"""The assessment records: the SQLite database, report data read from it, and its Datasette metadata. Records never render."""
