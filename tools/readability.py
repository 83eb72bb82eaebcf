"""Flesch reading ease, with syllables from pyphen (which WeasyPrint already brings).

The same formula scores rendered policies and the seed policies, so the library
can be held to be at least as readable as the most readable seed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def flesch(self) -> float:
        """206.835 - 1.015 (words / sentences) - 84.6 (syllables / words)."""
        if not self.words:
            return 0.0
        return 206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    return len(_dictionary().positions(word.lower())) + 1


def measure(text: str) -> Readability:
    """Each line is at least one sentence (list items and headings end without a full stop)."""
    words = sentences = total = 0
    for line in text.splitlines():
        found = _WORD.findall(line)
        if not found:
            continue
        words += len(found)
        total += sum(syllables(w) for w in found)
        sentences += max(1, len(_SENTENCE_END.findall(line.strip())))
    return Readability(words, max(sentences, 1), total)
