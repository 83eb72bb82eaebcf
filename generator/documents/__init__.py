"""Documents other than the policy that the same answers produce: the FCC CPNI annual
certification and the processor documents (sub-processor list, Annex II, end-user notice).

`DOCUMENTS` lists them all, the policy first; `build_document` plans, renders and checks one.
"""

from telepolicy.generator.documents.build import DocumentBuild, build_document, render_document
from telepolicy.generator.documents.registry import DOCUMENTS, DOCUMENTS_BY_ID, POLICY, Document

__all__ = ["DOCUMENTS", "DOCUMENTS_BY_ID", "POLICY", "Document", "DocumentBuild", "build_document", "render_document"]
