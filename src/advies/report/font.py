"""The report's font: Source Sans Pro (SIL Open Font License 1.1), installed by pip with the
font-source-sans-pro package, so PDF and chart need no system font. It covers ‘ ’ – € and the
Dutch diacritics, which fpdf2's built-in fonts (Latin-1 only) do not."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from advies.errors import AdviesError

_BESTANDEN = {
    "": "SourceSansPro-Regular.ttf",
    "B": "SourceSansPro-Bold.ttf",
    "I": "SourceSansPro-It.ttf",
}


def lettertype(stijl: str = "") -> Path:
    """Path of the TTF for a style: "" regular, "B" bold, "I" italic."""
    try:
        pad = Path(str(resources.files("font_source_sans_pro") / "files" / _BESTANDEN[stijl]))
    except ModuleNotFoundError:
        pad = Path("/nonexistent")
    if not pad.is_file():
        raise AdviesError(
            "het lettertype Source Sans Pro ontbreekt; installeer het met "
            "'pip install font-source-sans-pro' (het hoort bij advies)"
        )
    return pad
