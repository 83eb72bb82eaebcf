"""Documents other than the policy that the same answers produce: the FCC CPNI annual
certification and the processor documents (sub-processor list, Annex II, end-user notice).

`DOCUMENTS` lists them all, the policy first; `build_document` plans, renders and checks one.
The builder is imported on first use (PEP 562): rendering only the policy does not load it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from telepolicy.generator.documents.registry import DOCUMENTS, DOCUMENTS_BY_ID, POLICY, Document

if TYPE_CHECKING:
    from telepolicy.generator.documents.build import DocumentBuild, build_document, render_document

__all__ = ["DOCUMENTS", "DOCUMENTS_BY_ID", "POLICY", "Document", "DocumentBuild", "build_document", "render_document"]
_BUILD_NAMES = frozenset({"DocumentBuild", "build_document", "render_document"})


def __getattr__(name: str) -> Any:
    if name in _BUILD_NAMES:
        return getattr(importlib.import_module("telepolicy.generator.documents.build"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
