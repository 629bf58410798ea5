"""The texts of a case (the fields of meta, the coach's reason): no control characters, bounded.

A control character in a case name would be obeyed by a terminal (`ESC [ 2J` clears it) and cannot
be written into a Word document at all, so it is refused where the case is read, for every input
and so for every output alike. Lengths are bounded so that a report never has to lay out megabytes
(a 2 MB request took the PDF over a minute); the message says the limit.
"""

from __future__ import annotations

from typing import Any

from advies.case.visible_text import keert_leesrichting, ongeldig_teken, zichtbaar
from advies.errors import InvoerFout

# The longest text each field of meta may hold: enough for any real case, short enough that no
# report has to lay out megabytes. The intake's own limits are stricter (questionnaires/).
MAX_TEKST = {"naam": 200, "opdrachtgever": 200, "organisatie": 200, "coach": 200, "datum": 40}
MAX_TEKST_OVERIG = 5000  # hulpvraag, oordeel_coach.reden and a coach's own fields


def controleer_tekst(
    veld: str,
    tekst: str,
    *,
    bestand: str,
    regel: int | None,
    max_lengte: int | None = None,
    naam: bool = False,
) -> None:
    """Refuse a text with a control character (which a terminal would obey and a Word document
    cannot hold) or longer than its limit, naming the field. `naam`: the text is a key."""
    veld = zichtbaar(veld if len(veld) <= 60 else veld[:59] + "…")
    plek = ongeldig_teken(tekst)
    if plek is not None:
        wat = "de naam" if naam else "de tekst"
        soort = (
            "een teken dat de leesrichting omkeert"
            if keert_leesrichting(tekst[plek])
            else "een stuurteken"
        )
        raise InvoerFout(
            f"{wat} van '{veld}' bevat {soort} (U+{ord(tekst[plek]):04X}) op "
            f"positie {plek + 1}; zulke tekens horen niet in een casus. Haal het weg",
            bestand=bestand,
            regel=regel,
        )
    grens = max_lengte or MAX_TEKST_OVERIG
    if len(tekst) > grens:
        raise InvoerFout(
            f"'{veld}' is {len(tekst)} tekens lang; hooguit {grens} tekens",
            bestand=bestand,
            regel=regel,
        )


def controleer_teksten(
    veld: str, waarde: Any, bestand: str, regel: int | None, max_lengte: int | None
) -> None:
    """Every text in a field of meta, also inside a coach's own lists and mappings."""
    if isinstance(waarde, str):
        controleer_tekst(veld, waarde, bestand=bestand, regel=regel, max_lengte=max_lengte)
    elif isinstance(waarde, dict):
        for sleutel, binnen in waarde.items():
            controleer_tekst(veld, str(sleutel), bestand=bestand, regel=regel, naam=True)
            controleer_teksten(f"{veld}.{sleutel}", binnen, bestand, regel, None)
    elif isinstance(waarde, list):
        for binnen in waarde:
            controleer_teksten(veld, binnen, bestand, regel, None)
