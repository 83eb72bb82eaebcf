"""Helpers for the document tests: build one document of a project in memory."""

from __future__ import annotations

from telepolicy.generator.documents import DocumentBuild, build_document
from telepolicy.generator.pipeline import plan_for
from telepolicy.generator.project.model import Project
from telepolicy.generator.project.schema import CPNI_PROCEDURES


def build(project: Project, document_id: str) -> DocumentBuild:
    return build_document(document_id, project, plan_for(project))


def clause_ids(result: DocumentBuild) -> set[str]:
    return {clause.id for section in result.plan.sections for clause in section.clauses}


def errors(result: DocumentBuild) -> list[str]:
    return [f"{f.code} {f.key}: {f.message}" for f in result.findings if f.severity == "error"]


def complete_filing(project: Project) -> Project:
    """The answers a filer gives before signing, for projects that do not have them yet."""
    project.answers.update(
        {
            "cpni_certification.frn": "0012345678",
            "cpni_certification.filer_499_id": "812345",
            "cpni_certification.officer_name": "Dana Reyes",
            "cpni_certification.officer_title": "Chief Operating Officer",
            "cpni_certification.year": 2026,
            "cpni_certification.procedures": list(CPNI_PROCEDURES),
        }
    )
    return project
