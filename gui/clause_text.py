"""A clause's template in words: placeholders named by their question, conditions as plain-language notes.

The clause editor shows a clause as pieces: prose the user edits freely, and the
template's tags, each shown as a named placeholder («Privacy contact e-mail») or a
note (⟨Only when the policy serves people in Canada⟩). Joining the pieces gives
back the template exactly, so an edit of the prose never needs template syntax;
the tag's source stays available in its tooltip and in the Advanced view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telepolicy.generator import FACTS, FIELDS_BY_KEY, choice_label

TAG = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})", re.DOTALL)
_NAME = re.compile(r"\b(facts\.[a-z_]+|[a-z_]+(?:\.[a-z_]+)+|[a-z_]+\[[a-z_]+\]\.[a-z_]+)\b")
_IN = re.compile(r'^"([a-z_]+)" in ([a-z_.]+)$')
_EQUALS = re.compile(r'^([a-z_.\[\]]+) (==|!=) "([^"]*)"$')
_BLOCK = re.compile(r"^{%[-+]?\s*(\w+)\s*(.*?)\s*[-+]?%}$", re.DOTALL)
_OUTPUT = re.compile(r"^{{[-+]?\s*(.*?)\s*[-+]?}}$", re.DOTALL)


@dataclass(frozen=True)
class Piece:
    """Prose (`tag` empty) or one template tag with the words that stand for it."""

    text: str  # what the editor shows
    tag: str = ""  # the template source this piece stands for; empty for prose

    @property
    def is_tag(self) -> bool:
        return bool(self.tag)


def _words(name: str) -> str:
    return name.replace("_", " ")


def name_of(reference: str) -> str:
    """An answer or fact in the user's words: its question's label, or the fact's description."""
    if reference.startswith("facts."):
        fact = reference.removeprefix("facts.")
        return FACTS[fact][0] if fact in FACTS else _words(fact)
    if reference in FIELDS_BY_KEY:
        return FIELDS_BY_KEY[reference].label
    if "[" in reference:  # data[cat].retention: one question per data category
        return _words(reference.rsplit(".", 1)[-1]) + " of each category"
    return _words(reference.rsplit(".", 1)[-1])


def placeholder(expression: str) -> str:
    """«Label» for an answer written into the text: the first answer the expression reads."""
    names = [name_of(reference) for reference in _NAME.findall(expression)]
    if names:
        return "«" + " or ".join(dict.fromkeys(names)) + "»"
    word = re.match(r"[a-z_]+", expression.strip())
    return f"«{_words(word.group(0)) if word else 'a value from your answers'}»"


def condition(expression: str) -> str:
    """A condition of the template as a sentence fragment (“the policy serves people in Canada”)."""
    expression = expression.strip()
    for joiner in (" or ", " and "):
        depth, parts, start = 0, [], 0
        for index, char in enumerate(expression):
            depth += char == "("
            depth -= char == ")"
            if depth == 0 and expression.startswith(joiner, index):
                parts.append(expression[start:index])
                start = index + len(joiner)
        if parts:
            parts.append(expression[start:])
            return joiner.join(condition(part) for part in parts)
    if expression.startswith("not "):
        return "not: " + condition(expression.removeprefix("not "))
    if expression.startswith("(") and expression.endswith(")"):
        return condition(expression[1:-1])
    found = _IN.match(expression)
    if found:
        value, reference = found.groups()
        if reference == "audience.regions":
            return f"the policy serves people in {choice_label(value)}"
        return f"{name_of(reference)} includes “{choice_label(value)}”"
    found = _EQUALS.match(expression)
    if found:
        reference, operator, value = found.groups()
        verb = "is" if operator == "==" else "is not"
        return f"{name_of(reference)} {verb} “{choice_label(value)}”"
    if re.fullmatch(r"facts\.[a-z_]+", expression):
        return "the policy " + name_of(expression) if expression != "facts.gdpr" else name_of(expression)
    if expression in FIELDS_BY_KEY:
        field = FIELDS_BY_KEY[expression]
        return f"“{field.label}” is {'ticked' if field.kind == 'bool' else 'answered'}"
    names = [name_of(reference) for reference in _NAME.findall(expression)]
    return "a condition on " + (", ".join(dict.fromkeys(names)) if names else "your answers")


def describe_tag(tag: str) -> str:
    """The note or placeholder that stands for one tag."""
    output = _OUTPUT.match(tag)
    if output:
        return placeholder(output.group(1))
    if tag.startswith("{#"):
        return "⟨note for clause authors⟩"
    block = _BLOCK.match(tag)
    if not block:
        return "⟨template code⟩"
    keyword, rest = block.groups()
    if keyword == "if":
        return f"⟨Only when {condition(rest)}:⟩"
    if keyword == "elif":
        return f"⟨Otherwise, when {condition(rest)}:⟩"
    if keyword == "else":
        return "⟨Otherwise:⟩"
    if keyword == "endif":
        return "⟨end of the condition⟩"
    if keyword == "for":
        source = rest.split(" in ", 1)[-1]
        return f"⟨For each of {placeholder(source)}:⟩"
    if keyword == "endfor":
        return "⟨end of the list⟩"
    if keyword == "set":
        return "⟨working value⟩"
    return f"⟨{_words(keyword)}⟩"


def pieces(template: str) -> list[Piece]:
    """The template split into prose and described tags; `"".join(p.tag or p.text ...)` is the template."""
    found: list[Piece] = []
    for index, part in enumerate(TAG.split(template)):
        if not part:
            continue
        found.append(Piece(describe_tag(part), part) if index % 2 else Piece(part))
    return found


def template_of(parts: list[Piece]) -> str:
    return "".join(piece.tag or piece.text for piece in parts)
