"""The advice as PDF, typeset by Typst from the document model.

The model goes to a Typst template as JSON (`sys.inputs`), where it is set as text and never read
as markup; the layout lives in Typst files inside this package: `typst/advies.typ`, the default
template, and the building blocks it imports as the local Typst package `@advies/sjabloon`. A
coach's own template imports the same package (docs/sjabloon.md; `typst/voorbeeld/eigen.typ` is
the documented example).

`typeset.als_pdf` is the entry point and the one module that imports typst. This module holds
paths only, so importing it loads nothing.
"""

from __future__ import annotations

from pathlib import Path

TYPST = Path(__file__).resolve().parent / "typst"
STANDAARD = TYPST / "advies.typ"
PAKKETTEN = TYPST / "pakketten"  # Typst's package_path: advies/sjabloon/0.1.0/
PAKKET = "@advies/sjabloon:0.1.0"
VOORBEELD = TYPST / "voorbeeld" / "eigen.typ"
