"""Publishing: the version history beside a project, and redlines between versions."""
