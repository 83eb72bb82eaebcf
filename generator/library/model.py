"""The clause library in memory: clauses, sections, requirements, and each clause text compiled once.

A compiled text keeps its output for the values of the answers it reads, so after an answer
changes only the clauses that read it render again (the live preview's incremental render)."""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import Environment, Template, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from telepolicy.generator import cache
from telepolicy.generator.library.templating import attribute_chain
from telepolicy.generator.project.schema import FIELDS_BY_KEY

ROOTS = {key.split(".", 1)[0] for key in FIELDS_BY_KEY} | {"facts"}


@dataclass(frozen=True)
class Source:
    seed: str
    section: str


@dataclass(frozen=True)
class Clause:
    id: str
    section: str
    title: str
    order: int
    text: str
    sources: tuple[Source, ...]
    requirements: tuple[str, ...]
    when: dict[str, Any] = field(default_factory=dict, hash=False)
    when_any: dict[str, Any] = field(default_factory=dict, hash=False)
    show_title: bool = True
    path: Path | None = None
    body_line: int = 1
    law_as_of: dt.date | None = None  # when the legal position of the text was last verified
    unconfirmed: str = ""  # what a lawyer still has to verify; empty when the position is confirmed

    @property
    def text_hash(self) -> str:
        """Identifies the library text an override was made against."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    order: int
    regions: tuple[str, ...] = ()  # regions the title names; a policy names only those it serves

    def title_for(self, served: set[str] | frozenset[str]) -> str:
        """The title naming only the served regions: "... in the EEA" rather than "... the EEA, the UK and ..."."""
        named = [REGION_SHORT_NAMES[r] for r in self.regions if r in REGION_SHORT_NAMES]
        shown = [REGION_SHORT_NAMES[r] for r in self.regions if r in served and r in REGION_SHORT_NAMES]
        if not shown or len(shown) == len(named) or _join(named) not in self.title:
            return self.title
        return self.title.replace(_join(named), _join(shown))


REGION_SHORT_NAMES = {"eea": "the EEA", "uk": "the UK", "switzerland": "Switzerland"}


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Requirement:
    id: str
    group: str
    element: str
    citation: str
    applies_if: str


@dataclass
class Library:
    clauses: dict[str, Clause]
    sections: dict[str, Section]
    terms: dict[str, dict[str, str]]
    requirements: dict[str, Requirement]
    seeds: dict[str, dict[str, str]]
    env: ImmutableSandboxedEnvironment
    templates: dict[str, ClauseTemplate] = field(default_factory=dict)
    # Compiled library texts and the answers each reads (template_inputs), kept in the cache.
    code: dict[str, tuple[CodeType, tuple[str, ...]]] = field(default_factory=dict)
    # What identifies this library's content and the program (loader.load_library): outputs kept
    # in the user cache are filed under it, as they depend on the terms and the filters too.
    key: str = ""

    def compile(self, source: str) -> ClauseTemplate:
        """Compiled template for a clause text, cached: the preview re-renders often.

        Texts that are not the library's own (respelt, edited or custom) are compiled once and
        kept in the user cache too, saved when the program exits.
        """
        template = self.templates.get(source)
        if template is None:
            compiled = self.code.get(source) or _stored_code(source)
            if compiled is None:
                compiled = self.env.compile(source), template_inputs(self.env.parse(source), self.env)
                _compiled.put(source, marshal.dumps(compiled))
            code, inputs = compiled
            stored_as = cache.digest(self.key, source) if self.key else ""
            template = self.templates[source] = ClauseTemplate(self.env, code, inputs, stored_as)
        return template


class ClauseTemplate:
    """A compiled clause text that keeps its output for the values of the answers it reads.

    After an answer changes, only the clauses that read it render again. The inputs are every
    dotted path the text reads and every root it uses otherwise (template_inputs); each is
    looked up as deep as the context goes ("*" is the whole context), so a value is never left
    out of the key. Outputs are also kept in the user cache, filed under the library's key and
    the text (`stored_as`), so the next run renders only what changed since the last one.
    """

    def __init__(self, env: Environment, code: CodeType, inputs: tuple[str, ...], stored_as: str = "") -> None:
        self.env, self.code, self.stored_as = env, code, stored_as
        self.inputs = tuple(path.split(".") for path in inputs)
        self._template: Template | None = None
        self._outputs: dict[bytes, str] = {}

    @property
    def template(self) -> Template:
        """The Jinja template, made on the first render that is not found among the kept outputs."""
        if self._template is None:
            self._template = self.env.template_class.from_code(self.env, self.code, self.env.make_globals(None))
        return self._template

    def render(self, context: dict[str, Any]) -> str:
        try:
            key = pickle.dumps([_lookup(context, path) for path in self.inputs], protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a value that cannot be a key: render without keeping the output
            return self.template.render(context)
        output = self._outputs.get(key)
        if output is None:
            stored_key = cache.digest(self.stored_as, key) if self.stored_as else ""
            output = _outputs.get(stored_key) if stored_key else None
            if output is None:
                output = self.template.render(context)
                if stored_key:
                    _outputs.put(stored_key, output)
            if len(self._outputs) >= 32:
                self._outputs.clear()
            self._outputs[key] = output
        return output


def _lookup(context: Any, path: list[str]) -> Any:
    """The value at a dotted path, or the deepest table on the way when the path leaves the tables."""
    value = context
    for part in path:
        if not isinstance(value, dict) or part not in value:
            break
        value = value[part]
    return value


HIGHER_ORDER = frozenset({"map", "select", "reject", "selectattr", "rejectattr"})
ANY = object()  # a higher-order filter whose filter or test is not known before rendering


def _named_callable(node: nodes.Filter, env: Environment) -> Any:
    """The filter (`map("lower")`) or test (`select("in", x)`, `selectattr("a", "in", x)`) a
    higher-order filter calls, None when it calls none (`map(attribute="a")`, `select`), or ANY
    when the name is not a constant string in the text."""
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return ANY
    position = 1 if node.name in ("selectattr", "rejectattr") else 0
    if len(node.args) <= position:
        return None if node.name != "map" or any(k.key == "attribute" for k in node.kwargs) else ANY
    name = node.args[position]
    if not isinstance(name, nodes.Const) or not isinstance(name.value, str):
        return ANY
    return (env.filters if node.name == "map" else env.tests).get(name.value)


def template_inputs(ast: nodes.Template, env: Environment) -> tuple[str, ...]:
    """The context a clause text reads: each outermost dotted path (`company.legal_name`) from a
    root, and each root used any other way (`company[k]`, `{% set c = company %}`) as a whole.

    A filter, test or function given the whole context (`@pass_context`) reads what its
    `context_reads` attribute lists (`term` reads the spelling, policy.language); without one,
    it may read anything, and a text that uses it reads the whole context ("*").
    """
    filters = list(ast.find_all(nodes.Filter))
    called: list[Any] = [env.filters.get(n.name) for n in filters if n.name not in HIGHER_ORDER]
    for higher in filters:
        if higher.name in HIGHER_ORDER:  # given the context only to call the filter or test they name
            named = _named_callable(higher, env)
            if named is ANY:
                return ("*",)
            called.append(named)
    called += [env.tests.get(n.name) for n in ast.find_all(nodes.Test)]
    called += [env.globals.get(n.node.name) for n in ast.find_all(nodes.Call) if isinstance(n.node, nodes.Name)]
    declared: set[str] = set()
    for function in called:
        if getattr(getattr(function, "jinja_pass_arg", None), "name", "") == "context":
            reads = getattr(function, "context_reads", None)
            if not isinstance(reads, tuple):
                return ("*",)
            declared.update(reads)
    inner: set[int] = set()
    bases: set[int] = set()
    for node in ast.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Getattr):
            inner.add(id(node.node))
    paths: set[str] = set()
    for node in ast.find_all(nodes.Getattr):
        base, names = attribute_chain(node)
        if isinstance(base, nodes.Name):
            bases.add(id(base))
            if base.name in ROOTS and id(node) not in inner:
                paths.add(".".join([base.name, *names]))
    paths |= {n.name for n in ast.find_all(nodes.Name) if n.name in ROOTS and id(n) not in bases}
    return tuple(sorted(paths | declared))


_compiled = cache.StoredMap("clause-code", limit=2000, value_type=bytes)  # saved at exit
_outputs: cache.StoredMap[str] = cache.StoredMap("clause-output", limit=4000)  # rendered clause texts, saved at exit


def _stored_code(source: str) -> tuple[CodeType, tuple[str, ...]] | None:
    data = _compiled.get(source)
    try:
        code, inputs = marshal.loads(data) if data is not None else (None, None)
    except (EOFError, ValueError, TypeError):  # damaged: compile again
        return None
    if isinstance(code, CodeType) and isinstance(inputs, tuple) and all(isinstance(i, str) for i in inputs):
        return code, inputs
    return None
