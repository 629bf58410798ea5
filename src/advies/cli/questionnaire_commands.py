"""`advies intake` and `advies zelfcheck`: thin commands over intake.py and selfcheck.py.

Kept light at import (typer and the standard library only): questionary, the knowledge base and
the engine are loaded inside the commands, so the first question is on screen quickly.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from advies.cli.handling import fouten_afhandelen, toon

_ANTWOORDEN_HULP = (
    "YAML- of JSON-bestand met 'antwoorden' (en 'meta'), of een heel casusbestand: "
    "beantwoordt de vragen zonder terminal"
)
_MAP_HULP = "Map voor casusbestanden (standaard: de map advies in uw documentenmap, of $ADVIES_MAP)"


class ZelfcheckFormaat(StrEnum):
    text = "text"
    json = "json"


def intake(
    casus: Annotated[
        str | None,
        typer.Argument(
            metavar="CASUS",
            help="Casusbestand, of een naam in de casusmap; zonder: de intake vraagt eerst een naam",
        ),
    ] = None,
    antwoorden: Annotated[
        Path | None,
        typer.Option("--antwoorden", metavar="BESTAND", help=_ANTWOORDEN_HULP, readable=False),
    ] = None,
    map_: Annotated[
        Path | None, typer.Option("--map", metavar="MAP", help=_MAP_HULP, readable=False)
    ] = None,
) -> None:
    """Intake met de opdrachtgever: maakt een casusbestand of gaat verder waar u stopte.

    Elk antwoord wordt meteen bewaard. Ctrl-C stopt zonder verlies; start dezelfde opdracht
    opnieuw om verder te gaan. Aan het eind kunt u elk antwoord nog wijzigen en ziet u het oordeel.

    Voorbeeld:

        advies intake coordinatoren-zorg
    """

    with fouten_afhandelen():
        _intake(casus, antwoorden, map_)


def _intake(casus: str | None, antwoorden: Path | None, map_: Path | None) -> None:
    from advies.knowledge.loading import laad_kennisbank
    from advies.questionnaires.answering import (
        bestand_beantwoorder,
        lees_antwoorden,
        terminal_beantwoorder,
        vereis_terminal,
    )
    from advies.questionnaires.flow import beantwoord_aantal, vragen_beantwoord
    from advies.questionnaires.intake import Intake, casusmap, casuspad
    from advies.questionnaires.model import laad_vragenlijst

    if antwoorden is None:
        vereis_terminal("intake")
    kb = laad_kennisbank()
    vl = laad_vragenlijst(kb, "intake")
    map_ = casusmap(map_)
    gegeven = lees_antwoorden(kb, vl, antwoorden) if antwoorden is not None else None
    with Intake(kb, vl, casuspad(casus, map_), map_, meld=toon) as run:
        if gegeven is not None:
            run.vul_aan(gegeven)
            klaar = run.voer_uit(bestand_beantwoorder(str(antwoorden)), None, tussendoor=False)
        else:
            from advies.questionnaires import prompts

            if run.nieuw:
                prompts.meld(f"{vl.titel}\n{vl.inleiding}\n")
            else:
                naam = run.stand.meta.get("naam") or run.pad
                aantal = beantwoord_aantal(vl, run.stand)
                prompts.meld(f"Verder met de intake van {naam} ({vragen_beantwoord(aantal)}).\n")

            def kies(rijen: list[tuple[str, str]]) -> int | None:
                return prompts.kies_in_overzicht(
                    rijen, titel="Overzicht: klopt alles?", klaar="Klaar: toon het oordeel"
                )

            klaar = run.voer_uit(
                terminal_beantwoorder(kb, vl),
                kies,
                prompts.rijactie,
                tegenspraak=prompts.kies_bij_tegenspraak,
            )
    from advies.engine.evaluation import evalueer
    from advies.questionnaires.intake import oordeelregel

    advies = evalueer(klaar, kb, wat_als=False)
    toon("\n" + oordeelregel(advies, kb))
    toon(f"Het hele advies: advies beoordeel {_quote(run.pad)}")
    toon(f"Schriftelijk advies: advies rapport {_quote(run.pad)}")


def gesprek(
    casus: Annotated[Path, typer.Argument(help="Het casusbestand van de intake", readable=False)],
    antwoorden: Annotated[
        Path | None,
        typer.Option(
            "--antwoorden",
            help="YAML- of JSON-bestand met 'gesprek' (en 'oordeel_coach'): zonder terminal",
            readable=False,
        ),
    ] = None,
) -> None:
    """Leg na het adviesgesprek vast wat is besloten.

    Per voorwaarde: toegezegd, geweigerd of open (met een notitie); daarna uw eigen oordeel en de
    praktische afspraken. Elk antwoord wordt meteen bewaard in het casusbestand; Ctrl-C stopt zonder verlies. Daarna
    maakt `advies rapport` de bevestiging van het gesprek.

    Voorbeeld:

        advies gesprek ~/Documenten/advies/coordinatoren.yaml
    """
    with fouten_afhandelen():
        _gesprek(casus, antwoorden)


def _gesprek(casus: Path, antwoorden: Path | None) -> None:
    from advies.case.files import lees_casus
    from advies.engine.evaluation import evalueer
    from advies.knowledge.loading import laad_kennisbank
    from advies.questionnaires.answering import (
        bestand_beantwoorder,
        terminal_beantwoorder,
        vereis_terminal,
    )
    from advies.questionnaires.intake import oordeelregel
    from advies.questionnaires.talk import Gespreksronde, vul_aan

    if antwoorden is None:
        vereis_terminal("gesprek")
    kb = laad_kennisbank()
    run = Gespreksronde(kb, casus)
    if antwoorden is not None:
        vul_aan(run.stand, lees_casus(kb, antwoorden))
        klaar = run.voer_uit(bestand_beantwoorder(str(antwoorden)), None)
    else:
        from advies.questionnaires import prompts

        prompts.meld(f"{run.vl.titel}\n{run.vl.inleiding}\n")

        def kies(rijen: list[tuple[str, str]]) -> int | None:
            return prompts.kies_in_overzicht(
                rijen, titel="Overzicht van het gesprek: klopt alles?", klaar="Klaar"
            )

        klaar = run.voer_uit(terminal_beantwoorder(kb, run.vl), kies)
    advies = evalueer(klaar, kb, wat_als=False)
    toon("\n" + oordeelregel(advies, kb))
    toon(f"Bevestiging van het gesprek: advies rapport {_quote(casus)}")


def _quote(pad: Path | None) -> str:
    import shlex

    return shlex.quote(str(pad))


def zelfcheck(
    antwoorden: Annotated[
        Path | None,
        typer.Option("--antwoorden", metavar="BESTAND", help=_ANTWOORDEN_HULP, readable=False),
    ] = None,
    opslaan: Annotated[
        str | None,
        typer.Option(
            "--opslaan",
            metavar="CASUS",
            help="Bewaar de antwoorden als casusbestand (pad of naam in de casusmap)",
        ),
    ] = None,
    format: Annotated[
        ZelfcheckFormaat, typer.Option("--format", "-f", help="text of json")
    ] = ZelfcheckFormaat.text,
    map_: Annotated[
        Path | None, typer.Option("--map", metavar="MAP", help=_MAP_HULP, readable=False)
    ] = None,
) -> None:
    """Zelfcheck voor de leidinggevende: is uw organisatie klaar voor intervisie?

    Per sleutelvoorwaarde: vervuld, niet vervuld of onbekend; wat u eerst regelt, wat u met een
    coach bespreekt en waar het op wijst. Met --opslaan gaat een coach verder met `advies intake`.

    Voorbeeld:

        advies zelfcheck --opslaan coordinatoren-zorg
    """

    with fouten_afhandelen():
        _zelfcheck(antwoorden, opslaan, format, map_)


def _zelfcheck(
    antwoorden: Path | None, opslaan: str | None, format: ZelfcheckFormaat, map_: Path | None
) -> None:
    from advies.case.model import Casus, Meta
    from advies.case.session import CasusSessie
    from advies.errors import Afgebroken
    from advies.knowledge.loading import laad_kennisbank
    from advies.questionnaires.answering import (
        bestand_beantwoorder,
        lees_antwoorden,
        stand_uit_casus,
        terminal_beantwoorder,
        vereis_terminal,
        vul_aan,
    )
    from advies.questionnaires.intake import casusmap, casuspad, maak_map, opdracht
    from advies.questionnaires.model import laad_vragenlijst
    from advies.questionnaires.selfcheck import SECTIE, als_tekst, voer_zelfcheck_uit

    if antwoorden is None:
        vereis_terminal("zelfcheck")
    kb = laad_kennisbank()
    vl = laad_vragenlijst(kb, "zelfcheck")
    gegeven = lees_antwoorden(kb, vl, antwoorden) if antwoorden is not None else None
    pad = None
    sessie = None
    basis = Casus(meta=Meta(datum=date.today().isoformat()))
    if opslaan is not None:
        casusmap_ = casusmap(map_)
        pad = casuspad(opslaan, casusmap_)
        if pad is not None and pad.parent == casusmap_:
            maak_map(casusmap_)
        if pad is not None:
            sessie = CasusSessie(kb, pad)
            basis = sessie.open() or basis
    with contextlib.ExitStack() as klaar:
        if sessie is not None:
            klaar.callback(sessie.sluit)
        stand = stand_uit_casus(basis, SECTIE)
        if gegeven is not None:
            vul_aan(stand, gegeven)
            uitslag = voer_zelfcheck_uit(
                kb,
                vl,
                basis,
                stand,
                bestand_beantwoorder(str(antwoorden)),
                sessie,
                tussendoor=False,
            )
        else:
            from advies.questionnaires import prompts

            prompts.meld(f"{vl.titel}\n{vl.inleiding}\n")
            try:
                uitslag = voer_zelfcheck_uit(
                    kb, vl, basis, stand, terminal_beantwoorder(kb, vl), sessie, tussendoor=True
                )
            except (KeyboardInterrupt, EOFError):
                if pad is None or sessie is None or not sessie.bestaat:
                    raise Afgebroken(
                        "Zelfcheck afgebroken. Er is niets bewaard (bewaren kan met --opslaan)."
                    ) from None
                verder = f"advies zelfcheck --opslaan {_quote(pad)}"
                raise Afgebroken(
                    f"Voortgang is opgeslagen in {pad}.\nGa verder met: {verder}"
                ) from None
            toon("")
    if format is ZelfcheckFormaat.json:
        toon(json.dumps(uitslag.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        toon(als_tekst(uitslag), nl=False)
    if pad is not None:
        toon(
            f"\nUw antwoorden staan in {pad}.\nEen coach gaat ermee verder met: {opdracht(pad)}",
            err=format is ZelfcheckFormaat.json,
        )


class CasussenFormaat(StrEnum):
    text = "text"
    json = "json"


def casussen(
    map_: Annotated[Path | None, typer.Option("--map", help=_MAP_HULP, readable=False)] = None,
    format: Annotated[
        CasussenFormaat, typer.Option("--format", "-f", help="text of json")
    ] = CasussenFormaat.text,
    regels: Annotated[
        Path | None,
        typer.Option(
            "--regels",
            help="Een andere kennisbank (map met regels): toon welke casussen dan anders uitvallen",
            readable=False,
        ),
    ] = None,
) -> None:
    """Toon de casussen in de casusmap, nieuwste eerst.

    Per casus: naam, opdrachtgever, laatste wijziging, stadium (intake onvolledig, advies klaar,
    gesprek gehouden, gestart) en oordeel.

    Een casusbestand dat niet te lezen is, staat in de lijst met zijn fout. Met --regels ziet wie
    de regels onderhoudt welke casussen een wijziging zou raken, vóór die wordt uitgebracht.

    Voorbeeld:

        advies casussen --regels ~/werk/rules
    """
    with fouten_afhandelen():
        from advies.casework.overview import als_data, als_tabel, overzicht
        from advies.knowledge.loading import laad_kennisbank
        from advies.questionnaires.intake import casusmap

        kb = laad_kennisbank()
        andere = laad_kennisbank(regels) if regels is not None else None
        rijen = overzicht(kb, casusmap(map_), andere)
        if andere is not None:
            rijen = [r for r in rijen if r.met_andere_regels or r.fout]
        if format is CasussenFormaat.json:
            toon(json.dumps(als_data(rijen), ensure_ascii=False, indent=2))
        else:
            toon(als_tabel(rijen), nl=False)
