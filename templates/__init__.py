"""Document templates and styles: layout only, no legal text (that lives in clause_library/).

A package so that installed copies find these files through importlib.resources.
"""
