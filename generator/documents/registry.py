"""The documents a project can produce: the privacy policy and the documents its answers also feed.

Each document declares when it applies, in the clause condition language
(generator/rules/conditions.py), why it does not when it does not, the folder of
its clauses under clause_library/documents/, and the checks its content must pass.
Legal text stays in the clause files; this table only says which document is which.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telepolicy.generator.documents import checks as document_checks

if TYPE_CHECKING:
    from telepolicy.generator.checks.findings import Finding
    from telepolicy.generator.documents.build import DocumentBuild

POLICY = "policy"

Check = Callable[["DocumentBuild"], list["Finding"]]


@dataclass(frozen=True)
class Document:
    """One document: the policy has no folder; every other document is built from its own clauses."""

    id: str
    title: str
    summary: str  # one line for `telepolicy documents` and the export dialog
    when: dict[str, Any] = field(default_factory=dict, hash=False)
    when_any: dict[str, Any] = field(default_factory=dict, hash=False)
    why_not: dict[str, str] = field(default_factory=dict, hash=False)  # condition key -> reason it fails
    folder: str = ""  # under clause_library/documents/; empty for the policy
    checks: tuple[Check, ...] = ()

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return not self.reasons_not(answers)

    def reasons_not(self, answers: Mapping[str, Any]) -> list[str]:
        """Why the document does not apply: one reason per failing condition (empty when it applies)."""
        # Imported here: the command line reads this table at every start, most often to do nothing else.
        from telepolicy.generator.rendering.assemble import condition_values
        from telepolicy.generator.rules.conditions import condition_holds
        from telepolicy.generator.rules.facts import derive_facts

        values = condition_values(dict(answers), derive_facts(answers))
        reasons = [
            self.why_not.get(key, f"{key} is not {expected!r}")
            for key, expected in self.when.items()
            if not condition_holds({key: expected}, {}, values)
        ]
        if self.when_any and not condition_holds({}, self.when_any, values):
            reasons.append(self.why_not.get("when_any", "none of its conditions holds"))
        return reasons


DOCUMENTS: tuple[Document, ...] = (
    Document(
        POLICY,
        "Privacy policy",
        "The privacy policy itself (written as FILE.<format>).",
    ),
    Document(
        "cpni-certification",
        "Annual CPNI Compliance Certification",
        "Officer's certificate, accompanying statement and reports filed by 1 March (47 CFR 64.2009(e)).",
        when={"facts.cpni_applies": True},
        why_not={
            "facts.cpni_applies": "the CPNI rules cover US telecommunications carriers and interconnected VoIP "
            "providers: the project serves no one in the US (audience.regions) or offers no voice service "
            "(services.offered)",
        },
        folder="cpni-certification",
        checks=(document_checks.certification_content,),
    ),
    Document(
        "processor-notice",
        "Notice to End Users of Our Business Customers",
        "Tells the end users of business customers that the business decides and where to send requests.",
        when={"facts.processor": True, "audience.end_users_of_customers": True},
        why_not={
            "facts.processor": "no data category is handled as a processor for business customers "
            "(data.<category>.role)",
            "audience.end_users_of_customers": "the project does not serve end users of business customers "
            "(audience.end_users_of_customers)",
        },
        folder="processor-notice",
        checks=(document_checks.notice_content,),
    ),
    Document(
        "subprocessors",
        "Sub-processors",
        "The sub-processors used for business customers' data, with locations and transfer safeguards "
        "(GDPR Art. 28(2), (4)).",
        when={"facts.processor": True},
        why_not={
            "facts.processor": "no data category is handled as a processor for business customers "
            "(data.<category>.role), so there are no sub-processors to list",
        },
        folder="subprocessors",
        checks=(document_checks.subprocessor_entries, document_checks.subprocessors_match_policy),
    ),
    Document(
        "dpa-annex",
        "Annex II: Technical and Organisational Measures",
        "The security measures in the structure of Annex II of the 2021 Standard Contractual Clauses.",
        when={"facts.processor": True},
        why_not={
            "facts.processor": "no data category is handled as a processor for business customers "
            "(data.<category>.role); Annex II belongs to a data processing agreement",
        },
        folder="dpa-annex",
        checks=(document_checks.annex_coverage,),
    ),
)

DOCUMENTS_BY_ID: dict[str, Document] = {document.id: document for document in DOCUMENTS}


def document_problems() -> list[str]:
    """Conditions of the table that name unknown answers or impossible values (tested)."""
    from telepolicy.generator.rules.conditions import when_problems

    return [
        f"{document.id}: {key}: {message}"
        for document in DOCUMENTS
        for key, message in when_problems({"when": document.when, "when_any": document.when_any})
    ]
