"""The `advies` command: a thin layer over the library. Errors become Dutch messages and exit codes here."""

from __future__ import annotations

import os
import signal
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from advies.cli import program_options
from advies.cli.commands import AdviesCommando, AdviesGroep
from advies.cli.handling import fouten_afhandelen, toon
from advies.cli.questionnaire_commands import casussen, gesprek, intake, zelfcheck
from advies.cli.report_command import rapport
from advies.error_handling import melding
from advies.errors import AdviesError


class _Commandos(AdviesGroep):
    """The built-in commands, and those another face registers as an entry point in the group
    `advies.commandos` (the web interface's `advies web`), so the command line never imports that
    face. Looked up only for a name that is not built in, or for the list in --help: a built-in
    command pays nothing for them."""

    _uitbreidingen_geladen = False

    def _laad_uitbreidingen(self) -> None:
        if self._uitbreidingen_geladen:
            return
        self._uitbreidingen_geladen = True
        from importlib.metadata import entry_points

        for punt in entry_points(group="advies.commandos"):
            if punt.name not in self.commands:
                los = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
                los.command(punt.name, cls=AdviesCommando)(punt.load())
                self.add_command(typer.main.get_command(los), punt.name)

    # typer's own (vendored) click types are private: Any for the context and the command
    def list_commands(self, ctx: Any) -> list[str]:
        self._laad_uitbreidingen()
        return super().list_commands(ctx)

    def invoke(self, ctx: Any) -> Any:
        """Run the command with Ctrl-C as KeyboardInterrupt, which the commands handle (an intake
        saves, the web server stops); before and after, the entry point's quiet handler
        (cli/start.py) ends the program at once."""
        try:
            vorige = signal.signal(signal.SIGINT, signal.default_int_handler)
        except ValueError:  # not the main thread
            return super().invoke(ctx)
        try:
            return super().invoke(ctx)
        finally:
            signal.signal(signal.SIGINT, vorige)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        gevonden = super().get_command(ctx, cmd_name)
        if gevonden is None:
            self._laad_uitbreidingen()
            gevonden = super().get_command(ctx, cmd_name)
        return gevonden


app = typer.Typer(
    name="advies",
    cls=_Commandos,
    help="Advies over de start van intervisie: intake, beoordeling, schriftelijk advies en zelfcheck.",
    no_args_is_help=True,
    add_completion=False,  # ours, in Dutch: see the callback below
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _programma(
    versie: Annotated[
        bool,
        typer.Option(
            "--version",
            "--versie",
            callback=program_options.toon_versie,
            is_eager=True,
            expose_value=False,
            help="Toon de versie van advies en van de kennisbank, en stop.",
        ),
    ] = False,
    installeer: Annotated[
        bool,
        typer.Option(
            "--installeer-aanvulling",
            callback=program_options.installeer_aanvulling,
            is_eager=True,
            expose_value=False,
            help="Installeer aanvullen met Tab (commando's, opties) voor uw shell, en stop.",
        ),
    ] = False,
    toon: Annotated[
        bool,
        typer.Option(
            "--toon-aanvulling",
            callback=program_options.toon_aanvulling,
            is_eager=True,
            expose_value=False,
            help="Toon het script voor aanvullen met Tab, om het zelf te installeren, en stop.",
        ),
    ] = False,
) -> None:
    """The options of `advies` itself; each acts and stops before a command runs."""


class Formaat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    jsonl = "jsonl"
    csv = "csv"


def _is_batch(pad: Path) -> bool:
    return pad.suffix.lower() in (".jsonl", ".csv")


@app.command(cls=AdviesCommando)
def beoordeel(
    casus: Annotated[
        Path,
        typer.Argument(
            metavar="CASUS",
            help="Casusbestand (.yaml), of een batch (.jsonl of .csv)",
            readable=False,  # advies checks it, and says so in Dutch
        ),
    ],
    format: Annotated[
        Formaat | None,
        typer.Option(
            "--format", "-f", help="text, json, md; voor een batch jsonl (standaard) of csv"
        ),
    ] = None,
    uitleg: Annotated[
        bool, typer.Option("--uitleg", help="Toon de redeneerboom: elke regel die vuurde, met bron")
    ] = False,
    wat_als: Annotated[
        bool | None,
        typer.Option(
            "--wat-als/--zonder-wat-als",
            help="Zoek wat het oordeel zou verbeteren (standaard aan, uit bij een batch)",
        ),
    ] = None,
    werkers: Annotated[
        int | None,
        typer.Option(
            "--werkers",
            min=1,
            max=32,
            help="Batch: aantal processen (standaard: het aantal kernen)",
        ),
    ] = None,
    volledig: Annotated[
        bool,
        typer.Option(
            "--volledig",
            help="Batch: per casus het hele advies als JSON (met teksten, bronnen en redeneerboom)",
        ),
    ] = False,
    doorgaan: Annotated[
        bool,
        typer.Option(
            "--doorgaan",
            help="Batch: sla onleesbare regels over en noem ze in de samenvatting",
        ),
    ] = False,
    samenvatting: Annotated[
        Path | None,
        typer.Option(
            "--samenvatting",
            help="Batch: schrijf de samenvatting naar dit bestand in plaats van naar het scherm",
        ),
    ] = None,
) -> None:
    """Beoordeel een casus: oordeel, bevindingen met bron, open vragen en voorstel.

    Een batch (.jsonl of .csv) geeft per casus een regel en aan het eind een samenvatting.

    Voorbeelden:

        advies beoordeel voorbeelden/ilse-coordinatoren.yaml --uitleg

        advies beoordeel hr-export.csv --format csv > adviezen.csv
    """
    with fouten_afhandelen():
        if _is_batch(casus):
            from advies.cli.batch_command import beoordeel_batch_cli

            if format not in (None, Formaat.jsonl, Formaat.json, Formaat.csv):
                raise AdviesError(
                    f"een batch geeft jsonl- of csv-uitvoer, niet {format.value}",
                    bestand=str(casus),
                )
            beoordeel_batch_cli(
                casus,
                formaat="csv" if format is Formaat.csv else "jsonl",
                volledig=volledig,
                doorgaan=doorgaan,
                wat_als=bool(wat_als),
                werkers=werkers,
                samenvatting=samenvatting,
            )
            return
        if format is Formaat.csv or volledig or doorgaan or samenvatting:
            optie = (
                "--format csv"
                if format is Formaat.csv
                else "--volledig, --doorgaan en --samenvatting"
            )
            raise AdviesError(f"{optie} gelden alleen voor een batch (.jsonl of .csv)")
        from advies.case.files import lees_casus
        from advies.engine.evaluation import evalueer
        from advies.knowledge.loading import laad_kennisbank

        kb = laad_kennisbank()
        lezing = lees_casus(kb, casus)
        advies = evalueer(lezing, kb, wat_als=wat_als is not False)
        if lezing.vastgelegd.rapport or lezing.vastgelegd.gesprek:
            from advies.casework.records import verschil

            oud = verschil(lezing, advies)
            if oud is not None:  # on stderr: the JSON on stdout stays the contract
                toon(oud.tekst(kb), err=True)
        format = format or Formaat.text
        if format in (Formaat.json, Formaat.jsonl):
            indent = 2 if format is Formaat.json else None
            toon(advies.model_dump_json(indent=indent))
            return
        from advies.cli.help_text import schermbreedte
        from advies.report.text import BREEDTE, als_markdown, als_tekst, uitleg_boom

        if format is Formaat.md:
            toon(als_markdown(advies, kb), nl=False)
        else:
            toon(als_tekst(advies, min(BREEDTE, schermbreedte(BREEDTE))), nl=False)
        if uitleg:
            toon("\nRedeneerboom\n" + uitleg_boom(advies, schermbreedte(BREEDTE)), nl=False)


class RegelFormaat(StrEnum):
    text = "text"
    json = "json"


@app.command(cls=AdviesCommando)
def regels(
    regel_id: Annotated[
        str | None, typer.Argument(metavar="REGEL", help="Id van één regel om uit te leggen")
    ] = None,
    format: Annotated[
        RegelFormaat,
        typer.Option(
            "--format",
            "-f",
            help="text; of json: de hele kennisbank als gegevens (teksten en bronnen per code)",
        ),
    ] = RegelFormaat.text,
) -> None:
    """Toon de regels van de kennisbank (id, code, ernst, bronnen), of leg één regel uit.

    Voorbeelden:

        advies regels dwang

        advies regels --format json > kennisbank.json
    """
    with fouten_afhandelen():
        from advies.cli.help_text import schermbreedte
        from advies.knowledge.loading import laad_kennisbank

        kb = laad_kennisbank()
        if format is RegelFormaat.json:
            if regel_id is not None:
                raise AdviesError("--format json geeft de hele kennisbank; laat het regel-id weg")
            import json

            from advies.knowledge.export import kennisbank_als_data

            typer.echo(json.dumps(kennisbank_als_data(kb), ensure_ascii=False, indent=2))
            return
        from advies.report.rules_listing import regel_uitleg, regeloverzicht
        from advies.report.text import BREEDTE

        if regel_id is None:
            toon(regeloverzicht(kb, schermbreedte(BREEDTE)), nl=False)
            return
        try:
            toon(regel_uitleg(kb, regel_id, schermbreedte(BREEDTE)), nl=False)
        except KeyError:
            raise AdviesError(
                f"onbekende regel '{regel_id}'; 'advies regels' toont ze allemaal"
            ) from None


app.command("rapport", cls=AdviesCommando)(rapport)
app.command("intake", cls=AdviesCommando)(intake)
app.command("gesprek", cls=AdviesCommando)(gesprek)
app.command("casussen", cls=AdviesCommando)(casussen)
app.command("zelfcheck", cls=AdviesCommando)(zelfcheck)


def main() -> None:
    """Entry point: the commands handle their own errors; this is the net under them."""
    # advies uses no pydantic plugins: looking for them read the metadata of every installed
    # package before the first model was built, a tenth of a short run
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except Exception as fout:  # a bug: say so plainly, without a traceback
        gemeld = melding(fout)
        assert gemeld is not None
        typer.echo(gemeld.tekst, err=True)
        sys.exit(gemeld.code)
