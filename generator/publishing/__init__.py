"""Publishing: the version history beside a project, and redlines between versions."""

REDLINE_FORMATS = ("html", "pdf", "docx")  # what a redline can be written as
CURRENT = "current"  # names the project file as it is now, in `diff --from/--to`
