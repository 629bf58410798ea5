"""A coach's own Typst template: the documented example works, a broken one gets a Dutch message
with the line in the coach's file, nothing comes from the internet, and the template's dispatch on
`soort` covers every kind of block of the document model."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import tempfile
import warnings
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from advies.cli.app import app
from advies.report import document
from advies.report.document import Balk, Document, Grafiek, Sectie
from advies.report.errors import SjabloonFout, SjabloonWaarschuwing
from advies.report.pdf import PAKKETTEN, STANDAARD, VOORBEELD
from advies.report.pdf.typeset import als_pdf, als_png
from advies.report.render import render_report
from advies.report.sections import bouw_document

from .conftest import VASTE_DATUM, VOORBEELDEN
from .pdf_reading import lezer, pdfa, plat, tekst

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "sjabloon.md").read_text(encoding="utf-8")
# `rapport -o` records the advice given in the case file itself: a copy, never the example
_KOPIEEN = tempfile.TemporaryDirectory(prefix="advies-voorbeelden-")
ILSE = shutil.copy(VOORBEELDEN / "ilse-coordinatoren.yaml", _KOPIEEN.name)
BIBLIOTHEEK = PAKKETTEN / "advies" / "sjabloon" / "0.1.0" / "blokken.typ"
KOP = '#import "@advies/sjabloon:0.1.0": *\n#let d = json(bytes(sys.inputs.data))\n'


@pytest.fixture(scope="module")
def doc(kb):  # type: ignore[no-untyped-def]
    from advies.case.files import lees_casus
    from advies.engine.evaluation import evalueer

    casus = lees_casus(kb, Path(ILSE))
    return bouw_document(casus, evalueer(casus, kb), kb, voor="klant", datum=VASTE_DATUM)


@pytest.fixture
def eigen_map(tmp_path: Path) -> Path:
    """A copy of the documented example in a folder of its own."""
    doel = tmp_path / "mijn-briefpapier"
    shutil.copytree(VOORBEELD.parent, doel)
    return doel


def _sjabloon(map_: Path, tekst_: str, naam: str = "eigen.typ") -> Path:
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / naam
    pad.write_text(tekst_, encoding="utf-8")
    return pad


def _fout(doc: Document, sjabloon: Path) -> SjabloonFout:
    with pytest.raises(SjabloonFout) as fout:
        als_pdf(doc, sjabloon)
    return fout.value


# --- the documented example -------------------------------------------------------------------


def test_the_example_in_the_docs_is_the_shipped_example():
    blok = re.search(r"### Het voorbeeld\n.*?```typ\n(.*?)```", DOCS, re.S)
    assert blok is not None
    assert blok.group(1) == VOORBEELD.read_text(encoding="utf-8")


def test_the_documented_example_makes_a_pdfa_with_the_letterhead(doc, eigen_map):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdf = als_pdf(doc, eigen_map / "eigen.typ")
    assert pdfa(pdf) == "2B"
    aantal, gelezen = tekst(pdf)
    vlak = plat(gelezen)
    assert "Praktijk De Kring" in vlak and "Lindelaan 12, 3581 AB Utrecht" in vlak
    assert "Wat ik u vraag toe te zeggen" in vlak
    assert f"pagina {aantal} van {aantal}" in vlak
    # the logo: once on page 1, small in the running header from page 2 on
    pagina = lezer(pdf).pages[1]
    assert pagina["/Resources"].get("/XObject"), "geen logo in de kopregel van pagina 2"


def test_the_documented_block_override_works(doc, eigen_map):
    code = re.search(r"### Een soort blok toevoegen.*?```typ\n(.*?)```", DOCS, re.S)
    assert code is not None
    voorbeeld = VOORBEELD.read_text(encoding="utf-8")
    aangepast = voorbeeld.replace("#toon-document(d, stijl)\n", code.group(1))
    assert aangepast != voorbeeld
    pdf = als_pdf(doc, _sjabloon(eigen_map, aangepast))
    assert "Go onder voorwaarden" in plat(tekst(pdf)[1])


def test_the_cli_makes_the_pdf_with_a_template_and_prints_no_warning(eigen_map, tmp_path):
    doel = tmp_path / "advies.pdf"
    uit = CliRunner().invoke(
        app,
        ["rapport", ILSE, "-f", "pdf", "-o", str(doel), "--sjabloon", str(eigen_map / "eigen.typ")],
    )
    assert uit.exit_code == 0, uit.output
    assert "waarschuwing" not in uit.stderr
    assert "Praktijk De Kring" in plat(tekst(doel.read_bytes())[1])


# --- errors in a coach's template ---------------------------------------------------------------


def test_the_documented_error_message_is_what_a_wrong_colour_gives(doc, tmp_path, monkeypatch):
    voorbeeld = VOORBEELD.read_text(encoding="utf-8")
    kapot = _sjabloon(tmp_path / "mijn-briefpapier", voorbeeld.replace('rgb("#7a1f5c")', '"paars"'))
    monkeypatch.chdir(tmp_path)
    fout = _fout(doc, Path("mijn-briefpapier/eigen.typ"))
    getoond = re.search(r"```\n(fout: mijn-briefpapier/eigen.typ, regel .*?)\n```", DOCS)
    assert getoond is not None
    assert f"fout: {fout.bericht()}" == getoond.group(1)
    assert kapot.exists()


@pytest.mark.parametrize(
    ("sjabloon", "regel", "verwacht"),
    [
        (
            KOP + "#let x = (1, 2\n#x\n",
            3,
            "een haakje of accolade wordt hier geopend maar niet gesloten",
        ),
        (KOP + "#titelblk(d, standaard-stijl)\n", 3, "de naam ‘titelblk’ is onbekend"),
        (KOP + "#d.naam\n", 3, "het woordenboek heeft geen sleutel ‘naam’"),
        (
            KOP + '#image("../geheim.png")\n',
            3,
            "een sjabloon kan alleen bestanden in zijn eigen map",
        ),
        (KOP + '#read("/etc/passwd")\n', 3, "het bestand etc/passwd is niet gevonden"),
        (
            '#import "@advies/sjabloon:9.9.9": *\n',
            1,
            "het pakket @advies/sjabloon:9.9.9 bestaat niet",
        ),
        (KOP + "\n#let stijl = eigen-stijl(acent: red)\n", 4, "stijl kent geen sleutel acent"),
        (KOP + '#text(fill: "rood")[x]\n', 3, "hier hoort een kleur"),
        (
            KOP + "#let s = standaard-stijl + (grootte: 3)\n#set page(..pagina(d, s))\n",
            4,
            "stijl.grootte moet een maat zijn",
        ),
        (
            KOP
            + "#toon-document(d, standaard-stijl, blokken: (alinea: standaard-blokken.alinea))\n",
            3,
            "kent het soort blok",
        ),
        (KOP + "#calc.sqrt(-1)\n", 3, "Typst meldt: "),
    ],
)
def test_a_broken_template_gets_a_dutch_message_with_its_line(
    doc, tmp_path, sjabloon, regel, verwacht
):
    pad = _sjabloon(tmp_path / "sjabloon", sjabloon)
    fout = _fout(doc, pad)
    assert fout.bestand == str(pad)
    assert fout.regel == regel
    assert verwacht in fout.message
    assert fout.message.startswith("het PDF-sjabloon bevat een fout")


def test_an_error_in_a_file_the_template_includes_names_that_file(doc, tmp_path):
    map_ = tmp_path / "sjabloon"
    _sjabloon(map_ / "delen", "#let kop = [Kop\n", naam="kop.typ")
    pad = _sjabloon(map_, KOP + '#import "delen/kop.typ": kop\n#kop\n')
    fout = _fout(doc, pad)
    assert fout.bestand == str(map_ / "delen" / "kop.typ") and fout.regel == 1


def test_a_message_from_the_template_reaches_the_terminal_without_control_characters(doc, tmp_path):
    pad = _sjabloon(tmp_path / "sjabloon", KOP + '#panic("kapot\\u{1b}[2J\\u{7} hier")\n')
    fout = _fout(doc, pad)
    assert "kapot[2J hier" in fout.message
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", fout.bericht())


def test_a_preview_package_is_refused_before_typst_runs(doc, tmp_path):
    pad = _sjabloon(tmp_path / "sjabloon", KOP + '\n#import "@preview/cetz:0.3.4": canvas\n')
    fout = _fout(doc, pad)
    assert fout.regel == 4 and "@preview/" in fout.message
    assert "advies maakt geen netwerkverbindingen" in fout.message


def test_a_preview_import_in_another_file_of_the_folder_is_refused(doc, tmp_path):
    map_ = tmp_path / "sjabloon"
    _sjabloon(map_, '#import "@preview/cetz:0.3.4"\n', naam="hulp.typ")
    fout = _fout(doc, _sjabloon(map_, KOP))
    assert fout.bestand == str((map_ / "hulp.typ").resolve()) and fout.regel == 1


def test_a_hidden_preview_import_fails_without_reaching_the_internet(doc, tmp_path):
    """The text check cannot see a package name that is put together; then the download goes to
    a proxy on port 0 of this machine, which refuses it at once."""
    pad = _sjabloon(
        tmp_path / "sjabloon", KOP + '#import ("@pre" + "view/bestaat-niet-xyz:0.0.1"): *\n'
    )
    fout = _fout(doc, pad)
    assert fout.regel == 3 and "probeert een pakket van internet te halen" in fout.message
    assert "HTTPS_PROXY" not in os.environ or os.environ["HTTPS_PROXY"] != "http://127.0.0.1:0"


@pytest.mark.parametrize(
    ("maak", "verwacht"),
    [
        (lambda m: m / "bestaat-niet.typ", "sjabloon niet gevonden"),
        (lambda m: m, "dit is een map"),
        (lambda m: _sjabloon(m, "x", naam="eigen.docx"), "een PDF-sjabloon is een Typst-bestand"),
        (lambda m: _sjabloon(m, "x" * 1_000_001), "groter dan 1 MB"),
    ],
)
def test_an_unusable_template_file_is_named(doc, tmp_path, maak, verwacht):
    map_ = tmp_path / "sjabloon"
    map_.mkdir()
    fout = _fout(doc, maak(map_))
    assert verwacht in fout.message


def test_a_template_that_is_no_utf8_is_named(doc, tmp_path):
    pad = tmp_path / "sjabloon" / "eigen.typ"
    pad.parent.mkdir()
    pad.write_bytes(b"\xff\xfe#let")
    assert "geen tekst in UTF-8" in _fout(doc, pad).message


def test_a_template_in_the_home_folder_is_refused(doc, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    fout = _fout(doc, _sjabloon(tmp_path, KOP))
    assert "in een eigen map" in fout.message


def test_an_unknown_font_is_a_dutch_warning_and_the_pdf_is_still_made(doc, tmp_path):
    pad = _sjabloon(
        tmp_path / "sjabloon",
        KOP + '#let stijl = eigen-stijl(letter: "Comic Sans MS")\n'
        "#show: opmaak.with(d, stijl)\n#toon-document(d, stijl)\n",
    )
    with pytest.warns(
        SjabloonWaarschuwing, match="het lettertype ‘comic sans ms’ is niet gevonden"
    ):
        pdf = als_pdf(doc, pad)
    assert pdfa(pdf) == "2B"


def test_the_cli_shows_a_template_error_in_dutch_and_keeps_the_old_output(tmp_path):
    doel = tmp_path / "advies.pdf"
    doel.write_bytes(b"vorige versie")
    pad = _sjabloon(tmp_path / "sjabloon", KOP + "#let x = (1, 2\n")
    uit = CliRunner().invoke(app, ["rapport", ILSE, "-o", str(doel), "--sjabloon", str(pad)])
    assert uit.exit_code == 2
    assert f"fout: {pad}, regel 3: het PDF-sjabloon bevat een fout (kolom 10)" in uit.stderr
    assert "Traceback" not in uit.output
    assert doel.read_bytes() == b"vorige versie"


@pytest.mark.parametrize(
    ("formaat", "sjabloon", "verwacht"),
    [
        ("pdf", "eigen.docx", "--format pdf heeft een Typst-sjabloon (.typ) nodig"),
        ("docx", "eigen.typ", "--format docx heeft een Word-sjabloon (.docx) nodig"),
        ("html", "eigen.typ", "alleen voor --format docx (.docx) of pdf (.typ)"),
    ],
)
def test_a_template_must_fit_the_format(tmp_path, formaat, sjabloon, verwacht):
    uit = CliRunner().invoke(
        app,
        [
            "rapport",
            ILSE,
            "-f",
            formaat,
            "-o",
            str(tmp_path / f"a.{formaat}"),
            "--sjabloon",
            sjabloon,
        ],
    )
    assert uit.exit_code == 2 and verwacht in uit.stderr


# --- the shipped template and the document model ------------------------------------------------


def test_every_kind_of_block_in_the_document_model_has_a_function_in_the_template():
    soorten = {
        f.default
        for klasse in vars(document).values()
        if dataclasses.is_dataclass(klasse)
        for f in dataclasses.fields(klasse)
        if f.name == "soort"
    }
    lijst = re.search(r"#let standaard-blokken = \((.*?)\n\)", BIBLIOTHEEK.read_text("utf-8"), re.S)
    assert lijst is not None
    assert soorten == set(re.findall(r"^\s*(\w+): \w+,", lijst.group(1), re.M))


def test_the_shipped_template_uses_only_the_building_blocks():
    # the default template stays a short example of what a coach's template does
    regels = [r for r in STANDAARD.read_text("utf-8").splitlines() if r and not r.startswith("//")]
    assert len(regels) <= 10


STATUSKLEUREN = {
    "vervuld": (46, 125, 50),
    "voorwaarde": (178, 106, 0),
    "te_regelen": (79, 109, 138),
    "onbekend": (107, 107, 107),
    "niet_vervuld": (198, 40, 40),
}


def _grafiek(*statussen: str) -> Document:
    balken = tuple(Balk(f"Voorwaarde {s}", s, f"label-{s}") for s in statussen)  # type: ignore[arg-type]
    sectie = Sectie("Analyse", (Grafiek("Sleutelvoorwaarden", "samenvatting", balken),))
    return Document("Titel", "", "versie", (), (sectie,), "voet", "klant", "go", "Go", "1 mei 2026")


def _kleuren(doc: Document) -> set[tuple[int, int, int]]:
    beeld = Image.open(io.BytesIO(als_png(doc, ppi=60)[0])).convert("RGB")
    return {kleur for _, kleur in beeld.getcolors(maxcolors=1 << 20)}  # type: ignore[union-attr]


def test_every_status_of_a_key_condition_has_its_colour_and_its_label_from_the_model():
    doc = _grafiek(*STATUSKLEUREN)
    assert set(STATUSKLEUREN.values()) <= _kleuren(doc)
    vlak = plat(tekst(als_pdf(doc))[1])
    for status in STATUSKLEUREN:
        assert f"Voorwaarde {status} label-{status}" in vlak


def test_a_status_the_template_does_not_know_is_grey():
    kleuren = _kleuren(_grafiek("iets_nieuws"))
    assert STATUSKLEUREN["onbekend"] in kleuren
    assert not (set(STATUSKLEUREN.values()) - {STATUSKLEUREN["onbekend"]}) & kleuren
    assert "label-iets_nieuws" in plat(tekst(als_pdf(_grafiek("iets_nieuws")))[1])


def test_a_long_status_label_is_not_cut(kb):
    doc = _grafiek("te_regelen")
    balk = doc.secties[0].blokken[0].balken[0]  # type: ignore[union-attr]
    lang = dataclasses.replace(balk, status_label="wordt bij de start geregeld")
    grafiek = dataclasses.replace(doc.secties[0].blokken[0], balken=(lang,))  # type: ignore[type-var]
    doc = dataclasses.replace(doc, secties=(Sectie("Analyse", (grafiek,)),))
    assert "wordt bij de start geregeld" in plat(tekst(als_pdf(doc))[1])


def test_render_report_passes_the_template_to_the_pdf(gevallen, kb, eigen_map):
    casus, advies = gevallen["go"]
    pdf = render_report(
        casus, advies, kb, "pdf", "klant", eigen_map / "eigen.typ", datum=VASTE_DATUM
    )
    assert "Praktijk De Kring" in plat(tekst(pdf)[1])  # type: ignore[arg-type]
