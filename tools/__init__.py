"""Developer tools: the project-file reference generator and the clause-text measures (not installed)."""
