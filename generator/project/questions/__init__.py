"""The questions of the project file, one module a group of wizard pages; `schema.FIELDS` joins them in order."""
