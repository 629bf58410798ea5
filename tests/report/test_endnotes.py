"""The client's endnotes: one per source per section, places joined, every citation traceable to
its source and place; about half as many notes as there are different sets of places."""

from __future__ import annotations

import re
from typing import Any

import pytest

from advies.knowledge.model import Bron
from advies.report import sections
from advies.report.document import Alinea, Cel, Lijst, Punt, Sectie, Tabel
from advies.report.endnotes import Noten, als_noten
from advies.report.sections import bouw_document

from .conftest import VASTE_DATUM

VOR_33 = Bron(sleutel="VOR", plaats="§3.3, Schep rust en ruimte")
VOR_34 = Bron(sleutel="VOR", plaats="§3.4, Duidelijke afspraken vooraf")
VOR_34_ANDERS = Bron(sleutel="VOR", plaats="§3.4 Duidelijke afspraken vooraf")
KCB_1 = Bron(sleutel="KCB", plaats="Essentiële voorwaarden, 1. Vertrouwelijkheid/veiligheid")
HH = Bron(sleutel="HH", plaats="Regels en afspraken")


def test_a_section_gets_one_note_per_source_with_its_places_joined() -> None:
    analyse = Sectie(
        "De analyse",
        (Alinea("Eerst.", bronnen=(VOR_34, KCB_1)),),
        (
            Sectie(
                "Sleutelvoorwaarden",
                (
                    Tabel(("a", "b"), ((Cel("Rij"), Cel("Reden.", (VOR_33, HH))),), (1, 1)),
                    Lijst((Punt("Punt.", bronnen=(VOR_34_ANDERS,)),)),
                ),
            ),
        ),
        anker="analyse",
    )
    voorstel = Sectie("Het voorstel", (Alinea("Later.", bronnen=(VOR_33,)),), anker="voorstel")
    noten = Noten()
    uit_analyse, uit_voorstel = als_noten((analyse, voorstel), noten)

    assert uit_analyse.blokken[0] == Alinea("Eerst. [1, 2]")
    tabel, lijst = uit_analyse.subsecties[0].blokken
    assert isinstance(tabel, Tabel) and tabel.rijen[0][1].tekst == "Reden. [1, 3]"
    # the same place written with or without a comma is one place in the note
    assert isinstance(lijst, Lijst) and lijst.punten[0].tekst == "Punt. [1]"
    assert uit_voorstel.blokken[0] == Alinea("Later. [4]")  # another section, another note
    assert noten.lijst() == [(1, (VOR_33, VOR_34)), (2, (KCB_1,)), (3, (HH,)), (4, (VOR_33,))]
    assert [str(b) for _, b in noten.noten()] == [
        "VOR, §3.3, Schep rust en ruimte; §3.4, Duidelijke afspraken vooraf",
        "KCB, Essentiële voorwaarden, 1. Vertrouwelijkheid/veiligheid",
        "HH, Regels en afspraken",
        "VOR, §3.3, Schep rust en ruimte",
    ]


def test_three_or_more_notes_in_a_row_read_as_a_range() -> None:
    noten = Noten()
    bronnen = tuple(Bron(sleutel=k, plaats="p") for k in ("HH", "KCB", "MER", "VDL"))
    noten.merk("a", (bronnen[0],), "x")  # note 1
    noten.merk("b", (bronnen[1],), "y")  # note 2: another section
    assert noten.merk("Tekst.", bronnen, "y") == "Tekst. [2–5]"
    assert noten.merk("Tekst.", (bronnen[0], bronnen[1]), "x") == "Tekst. [1, 6]"


def _voor_de_noten(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Sectie, ...]]:
    """The client's letter's sections as they were before their citations became notes."""
    gezien: list[tuple[Sectie, ...]] = []

    def vang(secties: tuple[Sectie, ...], noten: Noten) -> tuple[Sectie, ...]:
        gezien.append(secties)
        return als_noten(secties, noten)

    monkeypatch.setattr(sections, "als_noten", vang)
    return gezien


def _citaten(s: Sectie) -> list[tuple[Bron, ...]]:
    """Every set of places the section cites, one per paragraph, point or cell."""
    uit: list[tuple[Bron, ...]] = []

    def blok(b: Any) -> None:
        if getattr(b, "bronnen", ()):
            uit.append(b.bronnen)
        for p in getattr(b, "punten", ()):
            blok(p)
            for sub in p.sub:
                blok(sub)
        for rij in getattr(b, "rijen", ()):
            for c in rij:
                blok(c)
        for x in getattr(b, "blokken", ()):
            blok(x)

    for b in s.blokken:
        blok(b)
    for sub in s.subsecties:
        uit += _citaten(sub)
    return uit


def _vergelijk(plaats: str) -> str:
    return re.sub(r"[\s,]+", " ", plaats).strip().casefold()


@pytest.mark.parametrize("verdict", ["go", "go_onder_voorwaarden", "onvoldoende_informatie"])
def test_every_citation_of_the_letter_is_in_a_note_of_its_source(
    gevallen, kb, monkeypatch, verdict
):
    gezien = _voor_de_noten(monkeypatch)
    casus, advies = gevallen[verdict]
    doc = bouw_document(casus, advies, kb, voor="klant", datum=VASTE_DATUM)
    bronnen = next(s for s in doc.secties if s.anker == "bronnen")
    noten = next(b for b in bronnen.blokken if isinstance(b, Lijst) and b.genummerd)
    per_nummer = {i: p.bronnen[0] for i, p in enumerate(noten.punten, 1)}
    # each note names one source once, its places after it
    assert all(len(p.bronnen) == 1 for p in noten.punten)
    citaten = [c for secties in gezien for s in secties for c in _citaten(s)]
    for citaat in citaten:
        for bron in citaat:
            assert any(
                n.sleutel == bron.sleutel and _vergelijk(bron.plaats) in _vergelijk(n.plaats)
                for n in per_nummer.values()
            ), f"{bron} in no note"
    # about half as many notes as the letter has different sets of places (one note each before)
    verschillend = len(set(citaten))
    assert len(per_nummer) <= 0.6 * verschillend, (len(per_nummer), verschillend)


def test_a_paragraph_points_to_the_notes_of_exactly_the_sources_it_cites(gevallen, kb):
    casus, advies = gevallen["go_onder_voorwaarden"]
    doc = bouw_document(casus, advies, kb, voor="klant", datum=VASTE_DATUM)
    bronnen = next(s for s in doc.secties if s.anker == "bronnen")
    noten = next(b for b in bronnen.blokken if isinstance(b, Lijst) and b.genummerd)
    sleutel = {i: p.bronnen[0].sleutel for i, p in enumerate(noten.punten, 1)}
    voorwaarden = next(s for s in doc.secties if s.anker == "voorwaarden")
    lijst = next(b for b in voorwaarden.blokken if isinstance(b, Lijst))
    for punt, b in zip(lijst.punten, advies.voorwaarden, strict=True):
        teken = re.search(r"\[([\d, –]+)\]$", punt.tekst)
        assert teken
        nummers: list[int] = []
        for deel in teken.group(1).split(", "):
            begin, _, eind = deel.partition("–")
            nummers += range(int(begin), int(eind or begin) + 1)
        assert sorted(sleutel[n] for n in nummers) == sorted({x.sleutel for x in b.bronnen})
