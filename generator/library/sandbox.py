"""The limits every clause template renders within: time, steps, output size, ranges and widths.

A clause can come from an organisation folder or a user's edit; none may hang the app or the
command line, or fill the memory. Over a limit, rendering stops with an error naming the clause."""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from jinja2 import Template, TemplateRuntimeError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

_local = threading.local()  # the limits of the render running on this thread

CLAUSE_SECONDS = 3.0  # per clause: the longest library clause renders in milliseconds


MAX_OUTPUT = 200_000  # characters of Markdown one clause may produce


MAX_VALUE = 1_000_000  # characters (or items) of any value a clause builds on the way


MAX_WIDTH = 10_000  # any count or width given to a filter or string method


MAX_RANGE = 10_000


MAX_STEPS = 2_000_000  # loop iterations, calls and operators per clause


MAX_DEPTH = 60  # nested macro and function calls


MAX_INT_BITS = 100_000


class TemplateLimitError(TemplateRuntimeError):
    """A clause text went over a limit (time, size, depth) or failed in arithmetic."""


class RenderCancelled(Exception):  # noqa: N818 (a stop the caller asked for, not an error)
    """The render was stopped through `render_limits(cancelled=...)`; nothing is wrong with the input."""


@dataclass
class _Budget:
    deadline: float
    cancelled: Callable[[], bool] | None
    steps: int = 0
    depth: int = 0


@contextmanager
def render_limits(*, seconds: float | None = None, cancelled: Callable[[], bool] | None = None) -> Iterator[None]:
    """Clause renders in this block (this thread) stop when `cancelled()` is true, or after `seconds` each.

    The app's render workers wrap `build`/`render` in this with their cancel flag, so a
    hostile clause never keeps a worker (or the app's exit) waiting.
    """
    previous = getattr(_local, "limits", None)
    _local.limits = (CLAUSE_SECONDS if seconds is None else seconds, cancelled)
    try:
        yield
    finally:
        _local.limits = previous


def _tick(count: int = 1) -> None:
    budget: _Budget | None = getattr(_local, "budget", None)
    if budget is None:
        return
    budget.steps += count
    if budget.cancelled is not None and budget.cancelled():
        raise RenderCancelled("the render was cancelled")
    if budget.steps > MAX_STEPS:
        raise TemplateLimitError(f"the text does more than {MAX_STEPS:,} steps (loops or calls); simplify it")
    if time.monotonic() > budget.deadline:
        raise TemplateLimitError("the text takes too long to render (over the time limit); simplify its loops")


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict, set)) and len(value) > MAX_VALUE:
        raise TemplateLimitError(f"the text builds a value of more than {MAX_VALUE:,} characters or items")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError("the text builds a number too large to print")
    return value


def _check_count(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
        raise TemplateLimitError(f"a count or width of {value} is over the limit of {MAX_WIDTH:,}")


_PERCENT_WIDTH = re.compile(r"%[^a-zA-Z%]*?(\*|\d{5,})")


_BRACE_NUMBER = re.compile(r"\{[^{}]*?(\d{5,}|\{)")


def _check_format(template: Any) -> None:
    if isinstance(template, str) and (_PERCENT_WIDTH.search(template) or _BRACE_NUMBER.search(template)):
        raise TemplateLimitError(f"the format string asks for a width over {MAX_WIDTH:,} or a computed width")


def _joined_length(separator: str, items: list[Any]) -> int:
    return len(separator) * max(len(items) - 1, 0) + sum(len(str(item)) for item in items)


def _bounded_range(*args: int) -> range:
    for value in args:
        _check_count(value)
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise TemplateLimitError(f"range() gives more than {MAX_RANGE:,} numbers")
    return result


def _bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    for value in (n, min, max):
        _check_count(value)
    from jinja2.utils import generate_lorem_ipsum

    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _loop_guard(iterable: Iterable[Any]) -> Iterator[Any]:
    """Wraps the iterable of every `{% for %}`: each turn counts and checks the clock."""
    for item in iterable:
        _tick()
        yield item


def _bounded_filter(func: Callable[..., Any], name: str) -> Callable[..., Any]:
    skip = 2 if getattr(func, "jinja_pass_arg", None) is not None else 1

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _tick()
        for value in (*args[skip:], *kwargs.values()):
            _check_count(value)
        if name == "format" and len(args) >= skip:
            _check_format(args[skip - 1])
        elif name == "replace" and len(args) >= skip + 2:
            text, new = str(args[skip - 1]), str(args[skip + 1])
            if len(text) + text.count(str(args[skip])) * len(new) > MAX_VALUE:
                raise TemplateLimitError(f"replace() would build more than {MAX_VALUE:,} characters")
        elif name == "join" and len(args) >= skip:
            items = list(args[skip - 1])
            separator = str(args[skip]) if len(args) > skip else str(kwargs.get("d", ""))
            if _joined_length(separator, items) > MAX_VALUE:
                raise TemplateLimitError(f"join() would build more than {MAX_VALUE:,} characters")
            args = (*args[: skip - 1], items, *args[skip:])
        return _check_size(func(*args, **kwargs))

    return wrapper


_STR_WIDTH_METHODS = {"ljust", "rjust", "center", "zfill", "expandtabs"}


class BoundedTemplate(Template):
    """A template whose `render` runs within the limits above."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        seconds, cancelled = getattr(_local, "limits", None) or (CLAUSE_SECONDS, None)
        previous = getattr(_local, "budget", None)
        _local.budget = _Budget(time.monotonic() + seconds, cancelled)
        size = 0
        parts: list[str] = []
        try:
            for chunk in self.generate(*args, **kwargs):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateLimitError(f"the text renders to more than {MAX_OUTPUT:,} characters")
                parts.append(chunk)
                _tick()
        except RecursionError:
            raise TemplateLimitError("the text calls itself too deeply (a macro that never stops?)") from None
        except ZeroDivisionError:
            raise TemplateLimitError("the text divides by zero") from None
        except (ArithmeticError, MemoryError) as error:
            raise TemplateLimitError(f"the text computes a number or value too large ({error})") from None
        finally:
            _local.budget = previous
        return "".join(parts)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with limits on time, steps, depth and the size of every value built."""

    template_class = BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%", "//", "/"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _bounded_range
        self.globals["lipsum"] = _bounded_lipsum
        self.filters["_telepolicy_loop"] = _loop_guard
        self.filters["_telepolicy_size"] = _check_size

    def bound_filters(self) -> None:
        """Wrap every filter (call after adding the library's own)."""
        for name, func in list(self.filters.items()):
            if not name.startswith("_telepolicy") and not getattr(func, "_telepolicy_bounded", False):
                wrapped = _bounded_filter(func, name)
                wrapped._telepolicy_bounded = True  # type: ignore[attr-defined]
                self.filters[name] = wrapped

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        _tick()
        numbers = (int, float)
        if operator_name == "**" and isinstance(left, numbers) and isinstance(right, numbers):
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                if right * max(left.bit_length(), 1) > MAX_INT_BITS:
                    raise TemplateLimitError("the text raises a number to a power too large to print")
        elif operator_name == "*":
            for count, other in ((left, right), (right, left)):
                if isinstance(count, int) and isinstance(other, (str, list, tuple)):
                    if count * len(other) > MAX_VALUE:
                        raise TemplateLimitError(f"the text repeats a value to more than {MAX_VALUE:,} characters")
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise TemplateLimitError("the text multiplies numbers too large to print")
        elif operator_name == "%" and isinstance(left, str):
            _check_format(left)
        return _check_size(super().call_binop(context, operator_name, left, right))

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        _tick()
        method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
        owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
        if isinstance(owner, str):
            if name in ("format", "format_map"):
                _check_format(owner)
                for value in (*args, *kwargs.values()):
                    _check_count(value)
            elif name in _STR_WIDTH_METHODS:
                for value in (*args, *kwargs.values()):
                    _check_count(value)
            elif name == "replace" and len(args) >= 2:
                if len(owner) + owner.count(str(args[0])) * len(str(args[1])) > MAX_VALUE:
                    raise TemplateLimitError(f"replace() would build more than {MAX_VALUE:,} characters")
            elif name == "join" and args:
                items = list(args[0])
                if _joined_length(owner, items) > MAX_VALUE:
                    raise TemplateLimitError(f"join() would build more than {MAX_VALUE:,} characters")
                args = (items, *args[1:])
        budget: _Budget | None = getattr(_local, "budget", None)
        if budget is not None:
            budget.depth += 1
            if budget.depth > MAX_DEPTH:
                budget.depth -= 1
                raise TemplateLimitError(f"the text nests macro or function calls more than {MAX_DEPTH} deep")
        try:
            return _check_size(super().call(context, obj, *args, **kwargs))
        finally:
            if budget is not None:
                budget.depth -= 1

    def _generate(
        self, source: nodes.Template, name: str | None, filename: str | None, defer_init: bool = False
    ) -> str:
        """Every loop's iterable passes through the step counter; every `~` join through the size check."""
        for loop in source.find_all(nodes.For):
            loop.iter = self._wrap(loop.iter, "_telepolicy_loop")
        concats = {id(node) for node in source.find_all(nodes.Concat)}
        places = [
            (parent, name, value)
            for parent in source.find_all(nodes.Node)
            for name, value in parent.iter_fields()
            if id(value) in concats or (isinstance(value, list) and any(id(item) in concats for item in value))
        ]
        for parent, name, value in places:
            if isinstance(value, list):
                value = [self._wrap(item, "_telepolicy_size") if id(item) in concats else item for item in value]
                setattr(parent, name, value)
            else:
                setattr(parent, name, self._wrap(value, "_telepolicy_size"))
        return super()._generate(source, name, filename, defer_init=defer_init)  # type: ignore[arg-type]

    def _wrap(self, node: nodes.Node, filter_name: str) -> nodes.Filter:
        wrapped = nodes.Filter(
            node,  # type: ignore[arg-type]
            filter_name,
            [],
            [],
            None,
            None,
            lineno=node.lineno,
        )
        wrapped.set_environment(self)
        return wrapped
