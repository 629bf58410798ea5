"""From what a person picks or types to an answer (or a Dutch message saying what to give
instead), and an answer shown back: as the default when a question is asked again, and on the
review screen. Shared by the terminal, the answers file and the browser."""

from __future__ import annotations

from advies.case.talk import Notitie
from advies.case.visible_text import ongeldig_teken
from advies.knowledge.model import Kennisbank
from advies.questionnaires.model import Vraag
from advies.questionnaires.state import ONBEKEND, Antwoord, Stand

STUURTEKEN_MELDING = "Daar staat een onzichtbaar stuurteken in; typ de tekst opnieuw, zonder."


def antwoord_uit_keuze(vraag: Vraag, index: int) -> Antwoord:
    keuze = vraag.keuzes[index]
    if keuze.onbekend:
        return ONBEKEND
    if vraag.feit or vraag.gesprek:
        return Antwoord({str(vraag.feit or vraag.gesprek): keuze.waarde})
    return Antwoord(dict(keuze.feiten))


def antwoord_uit_tekst(vraag: Vraag, tekst: str) -> Antwoord | str:
    """An answer, or a Dutch message saying what to type instead (shown, then asked again)."""
    tekst = tekst.strip()
    v = vraag.validatie
    if vraag.type == "getal":
        if not tekst:
            return ONBEKEND
        # ASCII digits only ('²' is a digit to Python, not to int()), and not a number too long
        # to read: both said as any other mistyped number
        if not (tekst.isascii() and tekst.isdigit()) or len(tekst) > 9:
            return (
                f"Vul een heel getal in van {v.min} tot en met {v.max}, "
                "of laat het leeg als u het niet weet."
            )
        getal = int(tekst)
        if (v.min is not None and getal < v.min) or (v.max is not None and getal > v.max):
            return f"Dat kan niet: vul een getal in van {v.min} tot en met {v.max}."
        return Antwoord({str(vraag.feit or vraag.gesprek): getal})
    if not tekst:
        return "Dit is nodig om verder te gaan; vul iets in." if v.verplicht else ONBEKEND
    if v.max_lengte is not None and len(tekst) > v.max_lengte:
        return f"Dat is te lang: hooguit {v.max_lengte} tekens."
    if ongeldig_teken(tekst) is not None:
        return STUURTEKEN_MELDING
    return Antwoord({str(vraag.meta or vraag.gesprek): tekst})


def antwoord_uit_invoer(vraag: Vraag, invoer: str | None) -> Antwoord | str:
    """An answer from what a form sent (a choice's number, or the typed text), or a Dutch message
    saying what to give instead. None: nothing was chosen."""
    if vraag.type != "keuze":
        return antwoord_uit_tekst(vraag, invoer or "")
    if invoer is None or not invoer.strip():
        return "Kies een van de antwoorden om verder te gaan."
    nummer = invoer.strip()
    if not (nummer.isascii() and nummer.isdigit() and len(nummer) < 4) or int(nummer) >= len(
        vraag.keuzes
    ):
        return (
            f"'{nummer[:20]}' is geen van de antwoorden op deze vraag; "
            f"kies er een van de {len(vraag.keuzes)}."
        )
    return antwoord_uit_keuze(vraag, int(nummer))


NOTITIE_MAX = 2000  # characters in a note, as a case file allows


def notitie_uit_invoer(tekst: str, voor_klant: bool) -> Notitie | str | None:
    """A coach's note on an answer from what was typed; None: no note (an empty text); or a
    Dutch message saying what to type instead. A form sends its line breaks as CR LF."""
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not tekst:
        return None
    if ongeldig_teken(tekst) is not None:
        return STUURTEKEN_MELDING
    if len(tekst) > NOTITIE_MAX:
        return f"Dat is te lang voor een notitie: hooguit {NOTITIE_MAX} tekens."
    return Notitie(tekst=tekst, voor_klant=voor_klant)


def huidige_keuze(vraag: Vraag, stand: Stand) -> int | None:
    """Index of the choice that matches what is known now (for a default and the review)."""
    for i, k in enumerate(vraag.keuzes):
        if k.onbekend:
            gekozen = vraag.sleutel in stand.onbekend
        elif vraag.gesprek is not None:
            gekozen = stand.gesprek.get(vraag.gesprek) == k.waarde
        else:
            zet = {vraag.feit: k.waarde} if vraag.feit else k.feiten
            gekozen = all(
                f in stand.antwoorden and stand.antwoorden[f] == w for f, w in zet.items()
            )
        if gekozen:
            return i
    return None


def huidige_tekst(vraag: Vraag, stand: Stand) -> str:
    """What is typed in the field when a text or number question is asked again."""
    plek = stand.omschrijving(vraag)
    if plek is not None:
        return str(plek[0].get(plek[1]) or "")
    waarde = stand.antwoorden.get(vraag.feit or "")
    return "" if waarde is None else str(waarde)


def antwoord_tekst(vraag: Vraag, stand: Stand, kb: Kennisbank) -> str:
    """The answer as the review screen shows it."""
    if vraag.sleutel in stand.onbekend:
        return onbekend_tekst(vraag)
    index = huidige_keuze(vraag, stand) if vraag.keuzes else None
    plek = stand.omschrijving(vraag)
    if plek is not None and index is None:
        return f"{plek[0].get(plek[1], '')} {vraag.eenheid or ''}".rstrip()
    if index is not None:
        tekst = vraag.keuzes[index].tekst
    elif vraag.feit:
        waarde = stand.antwoorden.get(vraag.feit)
        d = kb.feiten[vraag.feit]
        tekst = str(d.get("waarden", {}).get(waarde, waarde))
        if d["type"] == "getal":
            tekst = f"{waarde} {d.get('eenheid', '')}".rstrip()
        elif d["type"] == "ja_nee":
            tekst = "ja" if waarde else "nee"
    else:
        tekst = ", ".join(f"{f}: {stand.antwoorden.get(f)}" for f in vraag.vult)
    if set(vraag.vult) & stand.afgeleid:
        tekst += " (volgt uit eerdere antwoorden)"
    return tekst


def onbekend_tekst(vraag: Vraag) -> str:
    """What "weet ik niet" is called at this question: the choice's own words ("Nee, ik
    onderschrijf het advies", "Niet besproken"); an optional text in the talk's record (a note)
    left empty is just empty, not something the coach did not know."""
    keuze = next((k for k in vraag.keuzes if k.onbekend), None)
    if keuze is not None:
        return keuze.tekst
    if vraag.gesprek is not None and vraag.type == "tekst":
        return "(leeg)"
    return "Weet ik niet"
