"""The promises an advice keeps, written down so they can be checked on any case.

An advice a coach hands to a client must not contradict itself: a proposal that breaks its own
condition, a red chart under a go, a no go that still proposes methods, a letter that talks about
the coach in the third person. Each promise is a function that returns what breaks it in one
advice (empty when it holds); `gebroken_beloften` runs them all. The tests run them over random
cases and every example; nothing in the product depends on them.
"""

from __future__ import annotations

from advies.report import coherence_advice, coherence_confirmation, coherence_letter
from advies.report.coherence_core import BELOFTEN, Breuk, Controle, gebroken_beloften

__all__ = [
    "BELOFTEN",
    "Breuk",
    "Controle",
    "coherence_advice",
    "coherence_confirmation",
    "coherence_letter",
    "gebroken_beloften",
]
