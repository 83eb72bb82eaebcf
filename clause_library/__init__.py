"""The clause library: data files only (clauses, sections, terms, presets, requirements).

A package so that installed copies find their data through importlib.resources.
"""
