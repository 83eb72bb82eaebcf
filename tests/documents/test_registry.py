"""The document registry and the document clause folders."""

from __future__ import annotations

from telepolicy.generator.documents.library import document_library
from telepolicy.generator.documents.registry import DOCUMENTS, POLICY, document_problems
from telepolicy.generator.library.loader import load_library


def test_every_condition_of_the_registry_names_real_answers():
    assert document_problems() == []


def test_document_clauses_load_and_stay_out_of_the_policy():
    policy = load_library()
    for document in DOCUMENTS:
        if document.id == POLICY:
            continue
        library = document_library(document.folder, policy)
        assert library.clauses, document.id
        assert all(clause_id.startswith(document.id + ".") for clause_id in library.clauses)
        assert not set(library.clauses) & set(policy.clauses)
        cited = {rid for clause in library.clauses.values() for rid in clause.requirements}
        assert cited <= set(library.requirements)
    assert not any(clause.path and "documents" in clause.path.parts for clause in policy.clauses.values())


def test_the_policy_comes_first_and_ids_are_unique():
    ids = [document.id for document in DOCUMENTS]
    assert ids[0] == POLICY
    assert len(ids) == len(set(ids))
