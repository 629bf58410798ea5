"""Every message a user can reach from the command line is Dutch.

The walk is made from the commands as registered (others add commands and options; this test
follows): the help of `advies` and of each command, and for each command the usage errors its
parameters allow: a missing argument, an unknown option (with a "did you mean"), a bad value
for every choice and number, an option without its value, a flag given a value, an extra
argument. Each must be Dutch, exit with code 2 and hold none of click's or typer's English.
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from advies import __version__
from advies.cli.app import app
from advies.cli.help_text import metavar
from advies.knowledge.model import Kennisbank

ROOT = Path(__file__).resolve().parents[1]
ILSE = ROOT / "voorbeelden" / "ilse-coordinatoren.yaml"
runner = CliRunner()

# click's and typer's own words, as they would show through untranslated
ENGELS = re.compile(
    r"Usage|Options|Commands|Arguments|Show this message|\[required\]|default:|Missing|"
    r"No such|Possible options|Did you mean|Invalid value|is not one of|Try '|Error|"
    r"Got unexpected|requires an? |does not take|Aborted|<bool>|Input should|Value error|"
    r"for help|not supported|completion installed|Completion will|dynamic|env var|deprecated|"
    r"is not a valid",
)


def _groep() -> Any:
    return typer.main.get_command(app)


def _commandos() -> dict[str, Any]:
    """Every command, also those another face adds as an entry point (`advies web`)."""
    groep = _groep()
    return {naam: groep.get_command(None, naam) for naam in groep.list_commands(None)}


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})


def nederlands(tekst: str) -> None:
    engels = ENGELS.findall(tekst)
    assert not engels, f"Engels in de uitvoer: {engels}\n{tekst}"


def gebruiksfout(*args: str) -> str:
    uit = run(*args)
    assert uit.exit_code == 2, (args, uit.exit_code, uit.output)
    assert uit.stdout == "", uit.stdout
    nederlands(uit.stderr)
    assert "Traceback" not in uit.stderr
    regels = uit.stderr.splitlines()
    assert regels[0].startswith("Gebruik: advies"), uit.stderr
    assert regels[1].startswith("fout: "), uit.stderr
    assert regels[-1].startswith("Meer hulp: advies") and regels[-1].endswith(" --help")
    return uit.stderr


@pytest.mark.parametrize("args", [[], *[[n] for n in sorted(_commandos())]], ids=str)
def test_help_is_dutch_and_fits_in_80_columns(args: list[str]) -> None:
    uit = run(*args, "--help")
    assert uit.exit_code == 0, uit.output
    nederlands(uit.stdout)
    regels = uit.stdout.splitlines()
    assert regels[0].startswith("Gebruik: advies"), regels[0]
    assert "Opties:" in regels
    assert "-h, --help Toon deze hulp en stop." in [" ".join(r.split()) for r in regels]
    assert max(len(r) for r in regels) <= 79
    cmd = _groep() if not args else _commandos()[args[0]]
    for param in cmd.params:  # each parameter's help is shown whole: nothing cut
        woorden = " ".join(regels)
        assert " ".join((param.help or "").split()) in " ".join(woorden.split())


def test_help_of_advies_lists_every_command_with_its_whole_summary() -> None:
    tekst = " ".join(run("--help").stdout.split())
    assert "Commando's:" in tekst
    for naam, cmd in _commandos().items():
        samenvatting = " ".join((cmd.help or "").strip().split("\n\n")[0].split())
        assert f"{naam} {samenvatting}" in tekst  # whole, not cut off with "..."


def test_help_shows_required_defaults_ranges_and_flags_in_dutch() -> None:
    beoordeel = " ".join(run("beoordeel", "--help").stdout.split())
    assert "CASUS Casusbestand (.yaml), of een batch (.jsonl of .csv) [verplicht]" in beoordeel
    assert "--wat-als / --zonder-wat-als Zoek wat" in beoordeel
    assert "--werkers GETAL" in beoordeel and "[1 tot en met 32]" in beoordeel
    assert "-f, --format [text|json|md|jsonl|csv]" in beoordeel
    rapport = " ".join(run("rapport", "--help").stdout.split())
    assert "[standaard: klant]" in rapport and "-o, --uitvoer BESTAND" in rapport


def test_advies_alone_shows_the_help_with_code_2() -> None:
    uit = run()
    assert uit.exit_code == 2
    assert uit.stderr.startswith("Gebruik: advies [OPTIES] COMMANDO")
    nederlands(uit.stderr)


def test_unknown_and_missing_commands() -> None:
    assert "fout: onbekend commando 'beoordel'. Bedoelt u beoordeel?" in gebruiksfout("beoordel")
    assert "de commando's zijn beoordeel, regels" in gebruiksfout("xyz")
    assert "fout: geef een commando: beoordeel" in gebruiksfout("--")
    assert "fout: onbekende optie --formaat" in gebruiksfout("--formaat")
    assert "fout: de optie --version neemt geen waarde" in gebruiksfout("--version=1")


def test_the_issue_examples_are_dutch() -> None:
    assert "fout: het argument CASUS ontbreekt: casusbestand (.yaml), of een batch" in gebruiksfout(
        "beoordeel"
    )
    assert "fout: onbekende optie --formaat. Bedoelt u --format?" in gebruiksfout(
        "beoordeel", str(ILSE), "--formaat", "json"
    )
    assert (
        "fout: ongeldige waarde voor --format / -f: 'pdf' kan niet; kies text, json, md, jsonl of csv"
        in gebruiksfout("beoordeel", str(ILSE), "-f", "pdf")
    )


def _waarde_voor(param: Any) -> str:
    if param.param_type_name == "argument":
        return str(ILSE)
    return "x"


def _verplichte_args(cmd: Any) -> list[str]:
    return [str(ILSE) for p in cmd.params if p.param_type_name == "argument" and p.required]


def _fouten_voor(naam: str) -> list[tuple[list[str], str]]:
    """The usage errors this command's parameters allow, with the start of the expected message."""
    cmd = _commandos()[naam]
    basis = [naam, *_verplichte_args(cmd)]
    fouten: list[tuple[list[str], str]] = [
        ([*basis, "--zzz-onbekend"], "fout: onbekende optie --zzz-onbekend"),
        ([*basis, "een", "twee", "drie"], "fout: onverwacht"),
    ]
    for p in cmd.params:
        if p.param_type_name == "argument" and p.required:
            fouten.append(([naam], f"fout: het argument {metavar(p)} ontbreekt"))
        if p.param_type_name != "option":
            continue
        naam_optie = p.opts[0]
        if getattr(p, "is_flag", False):
            fouten.append(([*basis, f"{naam_optie}=ja"], f"fout: de optie {naam_optie} neemt"))
            continue
        fouten.append(([*basis, naam_optie], f"fout: de optie {naam_optie} heeft een waarde nodig"))
        # a near miss of the long name gets a "did you mean"
        lang = next(o for o in p.opts if o.startswith("--"))
        fouten.append(([*basis, lang + "x", "1"], rf"Bedoelt u (\S+ of )*{lang}\b"))
        if p.type_descriptor.choices:
            keuzes = [k.value if isinstance(k, Enum) else k for k in p.type_descriptor.choices]
            fouten.append(
                ([*basis, naam_optie, "onzin"], f"'onzin' kan niet; kies {', '.join(keuzes[:-1])}")
            )
        if p.type_descriptor.annotation is int:
            fouten.append(([*basis, naam_optie, "veel"], "'veel' is geen geheel getal"))
            if getattr(p, "min", None) is not None:
                fouten.append(
                    ([*basis, naam_optie, str(p.min - 1)], f"het kleinste getal is {p.min}")
                )
                fouten.append(
                    ([*basis, naam_optie, str(p.max + 1)], f"het grootste getal is {p.max}")
                )
    return fouten


@pytest.mark.parametrize(
    ("args", "verwacht"),
    [f for naam in sorted(_commandos()) for f in _fouten_voor(naam)],
    ids=lambda x: " ".join(x) if isinstance(x, list) else None,
)
def test_every_usage_error_of_every_command_is_dutch_with_code_2(
    args: list[str], verwacht: str
) -> None:
    melding = gebruiksfout(*args)
    assert verwacht in melding or re.search(verwacht, melding), melding


def test_control_characters_typed_are_shown_not_obeyed() -> None:
    melding = gebruiksfout("beoordeel", str(ILSE), "--\x1b[2Jx")
    assert "\x1b" not in melding and "\\x1b[2Jx" in melding


def test_version_names_the_program_and_the_knowledge_base(kb: Kennisbank) -> None:
    for optie in ("--version", "--versie"):
        uit = run(optie)
        assert uit.exit_code == 0
        assert uit.stdout == f"advies {__version__}, kennisbank {kb.versie}\n"


def test_completion_as_typer_offers_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shellingham

    monkeypatch.setattr(shellingham, "detect_shell", lambda: ("bash", "/bin/bash"))
    uit = runner.invoke(
        app,
        [],
        env={"_ADVIES_COMPLETE": "complete_bash", "COMP_WORDS": "advies beo", "COMP_CWORD": "1"},
    )
    assert uit.stdout.split() == ["beoordeel"]
    uit = runner.invoke(
        app,
        [],
        env={
            "_ADVIES_COMPLETE": "complete_bash",
            "COMP_WORDS": "advies rapport x --v",
            "COMP_CWORD": "3",
        },
    )
    assert uit.stdout.split() == ["--voor"]
    script = run("--toon-aanvulling")
    assert (
        script.exit_code == 0
        and "complete -o default -F _advies_completion advies" in script.stdout
    )
    monkeypatch.setenv("HOME", str(tmp_path))
    uit = run("--installeer-aanvulling")
    assert uit.exit_code == 0, uit.output
    nederlands(uit.stdout)
    assert f"Aanvullen met Tab voor bash staat in {tmp_path}" in uit.stdout
    assert (
        "_ADVIES_COMPLETE=complete_bash"
        in (tmp_path / ".bash_completions" / "advies.sh").read_text()
    )
    assert "advies.sh" in (tmp_path / ".bashrc").read_text()


def test_completion_for_an_unknown_shell_says_which_shells_it_knows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shellingham

    monkeypatch.setattr(shellingham, "detect_shell", lambda: ("tcsh", "/bin/tcsh"))
    melding = gebruiksfout("--toon-aanvulling")
    assert "aanvullen met Tab kan in bash, zsh, fish en PowerShell; gevonden: 'tcsh'" in melding


def test_the_real_program_speaks_dutch_too(tmp_path: Path) -> None:
    """The installed entry point, as a user starts it (not through the test runner)."""
    import subprocess

    advies = Path(sys.executable).parent / "advies"
    uit = subprocess.run(
        [str(advies), "rapport", str(ILSE), "-f", "odt"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "80", "HOME": str(tmp_path)},
    )
    assert uit.returncode == 2
    nederlands(uit.stderr)
    assert "'odt' kan niet; kies md, html, docx of pdf" in uit.stderr
