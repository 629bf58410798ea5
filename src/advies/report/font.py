"""The report's fonts, installed by pip so that the PDF and the chart need no system font:
Source Sans Pro (SIL Open Font License 1.1), which covers ‘ ’ – € and the Latin, Greek and
Cyrillic scripts, and for the scripts it lacks Noto Sans Arabic and Heebo (Hebrew), both OFL."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from advies.errors import AdviesError

_BESTANDEN = {
    "": "SourceSansPro-Regular.ttf",
    "B": "SourceSansPro-Bold.ttf",
    "I": "SourceSansPro-It.ttf",
}


@dataclass(frozen=True)
class Letter:
    """A font family the PDF may use, the pip package that ships it, and its regular file (whose
    character map says what the family can show)."""

    familie: str
    pakket: str
    bestand: str


# In order of preference: the text font first, then one per script it lacks.
LETTERS = (
    Letter("Source Sans Pro", "font_source_sans_pro", "SourceSansPro-Regular.ttf"),
    Letter("Noto Sans Arabic", "fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf"),
    Letter("Heebo", "fontpkg_heebo", "Heebo[wght].ttf"),
)


def _map(pakket: str) -> Path:
    try:
        return Path(str(resources.files(pakket) / "files"))
    except ModuleNotFoundError:
        return Path("/nonexistent")


def _ontbreekt(pakket: str) -> AdviesError:
    naam = pakket.replace("_", "-")
    return AdviesError(
        f"het lettertype uit het pakket {naam} ontbreekt; installeer het met "
        f"'pip install {naam}' (het hoort bij advies)"
    )


def lettertype(stijl: str = "") -> Path:
    """Path of the Source Sans Pro TTF for a style: "" regular, "B" bold, "I" italic."""
    pad = _map("font_source_sans_pro") / _BESTANDEN[stijl]
    if not pad.is_file():
        raise _ontbreekt("font_source_sans_pro")
    return pad


def lettermappen() -> list[Path]:
    """The folders of the shipped fonts, in the order of LETTERS (Typst takes folders)."""
    mappen = []
    for letter in LETTERS:
        if not (_map(letter.pakket) / letter.bestand).is_file():
            raise _ontbreekt(letter.pakket)
        mappen.append(_map(letter.pakket))
    return mappen


def letterbestanden() -> list[Path]:
    """The regular file of every shipped family, for checking which characters they know."""
    return [m / letter.bestand for m, letter in zip(lettermappen(), LETTERS, strict=True)]
