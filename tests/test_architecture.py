"""The source tree keeps the shape of the design: packages in layers, each importing only those
below it, no import circles, and one adapter per foreign engine. Read from the source with `ast`,
so an import inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Bottom to top. Packages on one line are siblings: neither may import the other.
LAGEN: list[tuple[str, ...]] = [
    ("advies", "advies.errors"),
    ("advies.case",),
    ("advies.knowledge",),
    ("advies.engine",),
    ("advies.report",),
    ("advies.questionnaires", "advies.batch"),
    ("advies.casework",),  # the coach's cases over time: records, the folder's overview
    ("advies.error_handling",),  # what the faces share: an error as a message and an exit code
    ("advies.cli", "advies.web"),
]


def _modules() -> dict[str, Path]:
    modules = {}
    for pad in (SRC / "advies").rglob("*.py"):
        deel = pad.relative_to(SRC).with_suffix("").parts
        naam = ".".join(deel[:-1] if deel[-1] == "__init__" else deel)
        modules[naam] = pad
    return modules


def _imports(naam: str, pad: Path, modules: dict[str, Path]) -> set[str]:
    """The advies modules (or packages) this module imports, wherever the import statement is."""
    gevonden: set[str] = set()
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = pakket.split(".")[: len(pakket.split(".")) - knoop.level + 1]
                doel = ".".join([*basis, *([knoop.module] if knoop.module else [])])
            else:
                doel = knoop.module or ""
            for kandidaat in [doel, *(f"{doel}.{a.name}" for a in knoop.names)]:
                if kandidaat in modules and kandidaat != naam:
                    gevonden.add(kandidaat)
        elif isinstance(knoop, ast.Import):
            gevonden.update(a.name for a in knoop.names if a.name in modules and a.name != naam)
    return gevonden


def _laag(module: str) -> tuple[int, str]:
    """The layer of a module and the package (or bottom module) it belongs to."""
    beste: tuple[int, str] | None = None
    for nummer, leden in enumerate(LAGEN):
        for lid in leden:
            if (module == lid or module.startswith(lid + ".")) and (
                beste is None or len(lid) > len(beste[1])
            ):
                beste = (nummer, lid)
    assert beste is not None, f"{module} hoort bij geen laag: zet het pakket in LAGEN"
    return beste


MODULES = _modules()
GRAAF = {naam: _imports(naam, pad, MODULES) for naam, pad in MODULES.items()}


def test_every_module_belongs_to_a_layer() -> None:
    for module in MODULES:
        _laag(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_its_own_package_and_the_layers_below(module: str) -> None:
    laag, pakket = _laag(module)
    for doel in sorted(GRAAF[module]):
        doel_laag, doel_pakket = _laag(doel)
        if doel_pakket == pakket or doel == "advies":
            continue
        assert doel_laag < laag, (
            f"{module} (laag {laag}, {pakket}) importeert {doel} (laag {doel_laag}, {doel_pakket}): "
            "een laag importeert alleen lagen eronder"
        )


def test_there_are_no_import_circles() -> None:
    """Tarjan's strongly connected components: any component of two or more modules is a circle."""
    index: dict[str, int] = {}
    laagste: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    cirkels: list[list[str]] = []

    def bezoek(v: str) -> None:
        index[v] = laagste[v] = len(index)
        stapel.append(v)
        op_stapel.add(v)
        for w in GRAAF[v]:
            if w not in index:
                bezoek(w)
                laagste[v] = min(laagste[v], laagste[w])
            elif w in op_stapel:
                laagste[v] = min(laagste[v], index[w])
        if laagste[v] == index[v]:
            deel = []
            while True:
                w = stapel.pop()
                op_stapel.discard(w)
                deel.append(w)
                if w == v:
                    break
            if len(deel) > 1:
                cirkels.append(sorted(deel))

    for v in sorted(GRAAF):
        if v not in index:
            bezoek(v)
    assert cirkels == [], f"importcirkels: {cirkels}"


@pytest.mark.parametrize(
    ("bibliotheek", "adapter"),
    [
        ("durable", "advies.engine.adapter"),
        ("durable_rules_engine", "advies.engine.adapter"),
        ("questionary", "advies.questionnaires.prompts"),
        ("prompt_toolkit", "advies.questionnaires.prompts"),
        ("typst", "advies.report.pdf.typeset"),
    ],
)
def test_one_adapter_per_foreign_engine(bibliotheek: str, adapter: str) -> None:
    gebruikers = set()
    for naam, pad in MODULES.items():
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            namen = []
            if isinstance(knoop, ast.Import):
                namen = [a.name for a in knoop.names]
            elif isinstance(knoop, ast.ImportFrom) and not knoop.level:
                namen = [knoop.module or ""]
            if any(n == bibliotheek or n.startswith(bibliotheek + ".") for n in namen):
                gebruikers.add(naam)
    assert gebruikers <= {adapter}, f"{bibliotheek} geïmporteerd buiten {adapter}: {gebruikers}"
