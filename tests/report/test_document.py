"""The document model: what the written advice says for each verdict and each audience."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from advies.case.model import Casus
from advies.engine.advice import Advies
from advies.errors import KennisbankFout
from advies.knowledge.model import Kennisbank
from advies.report.content import _vervolgstappen, laad_teksten
from advies.report.document import Alinea, Document, Kader, Lijst, Sectie, Tabel
from advies.report.sections import bouw_document

from .conftest import VASTE_DATUM


def _doc(
    gevallen: dict[str, tuple[Casus, Advies]], kb: Kennisbank, verdict: str, voor: str = "klant"
) -> Document:
    casus, advies = gevallen[verdict]
    return bouw_document(casus, advies, kb, voor=voor, datum=VASTE_DATUM)  # type: ignore[arg-type]


def _ankers(doc: Document) -> list[str]:
    return [s.anker for s in doc.secties]


def _sectie(doc: Document, anker: str) -> Sectie:
    return next(s for s in doc.secties if s.anker == anker)


def test_a_no_go_has_no_proposal_and_names_what_fits_instead(gevallen, kb):
    doc = _doc(gevallen, kb, "no_go")
    assert "voorstel" not in _ankers(doc)
    assert "vervolg" not in _ankers(doc)
    assert "voorwaarden" not in _ankers(doc)  # no start, so nothing to commit to
    alternatieven = _sectie(doc, "niet").subsecties[0]
    assert [s.kop for s in alternatieven.subsecties] == ["Teamcoaching"]  # a team in a conflict
    weg = [b for s in alternatieven.subsecties for b in s.blokken if isinstance(b, Alinea)]
    assert any(b.vet == laad_teksten()["niet.vervolg"] and b.tekst for b in weg)
    # a shared conflict is not the client's to decide away: no what-if pretends it is
    assert "watals" not in _ankers(doc)


def test_insufficient_information_asks_the_open_questions_first_and_calls_the_proposal_provisional(
    gevallen, kb
):
    doc = _doc(gevallen, kb, "onvoldoende_informatie")
    ankers = _ankers(doc)
    assert ankers.index("eerst") == ankers.index("kort") + 1
    assert ankers.index("eerst") < ankers.index("analyse")
    voorstel = _sectie(doc, "voorstel")
    assert voorstel.kop == laad_teksten()["voorstel.kop_voorlopig"]
    assert isinstance(voorstel.blokken[0], Kader) and voorstel.blokken[0].kind == "let_op"


def test_a_go_under_conditions_lists_each_condition_as_a_numbered_commitment(gevallen, kb):
    _, advies = gevallen["go_onder_voorwaarden"]
    doc = _doc(gevallen, kb, "go_onder_voorwaarden")
    lijst = next(b for b in _sectie(doc, "voorwaarden").blokken if isinstance(b, Lijst))
    assert lijst.genummerd
    # headed by the commitment the client says yes to, not by the problem
    assert [p.vet for p in lijst.punten] == [f"{b.toezegging}." for b in advies.voorwaarden]
    assert all(p.tekst.startswith("U ") for p in lijst.punten)
    # the client's letter cites by endnote: the numbers of its sources' notes after each one
    assert all(re.search(r"\[\d+((, |–)\d+)*\]$", p.tekst) for p in lijst.punten)


def test_a_go_has_neither_conditions_nor_a_what_if(gevallen, kb):
    ankers = _ankers(_doc(gevallen, kb, "go"))
    assert "voorwaarden" not in ankers and "watals" not in ankers and "niet" not in ankers
    assert {"voorstel", "vervolg", "bronnen"} <= set(ankers)


@pytest.mark.parametrize(
    "verdict", ["go", "go_onder_voorwaarden", "no_go", "onvoldoende_informatie"]
)
def test_the_verdict_is_explained_in_three_or_four_lines(gevallen, kb, verdict):
    kort = _sectie(_doc(gevallen, kb, verdict), "kort")
    waarom = [b for b in kort.blokken if isinstance(b, Lijst)][-1]
    assert 2 <= len(waarom.punten) <= 4
    assert all(p.tekst.endswith(".") for p in waarom.punten)


@pytest.mark.parametrize(
    "verdict", ["go", "go_onder_voorwaarden", "no_go", "onvoldoende_informatie"]
)
def test_only_the_coach_version_shows_the_reason_tree_and_the_rules_that_fired(
    gevallen, kb, verdict
):
    klant = _doc(gevallen, kb, verdict, "klant")
    coach = _doc(gevallen, kb, verdict, "coach")
    assert "coach" not in _ankers(klant)
    bijlage = _sectie(coach, "coach")
    tabel = next(b for s in bijlage.subsecties for b in s.blokken if isinstance(b, Tabel))
    _, advies = gevallen[verdict]
    assert [r[0].tekst for r in tabel.rijen] == [s.regel for s in advies.trace]
    # the client version carries no rule ids
    regel_ids = {s.regel for s in advies.trace if "_" in s.regel}
    tekst = " ".join(b.tekst for b in klant.blokken() if isinstance(b, Alinea))
    assert not any(r in tekst for r in regel_ids)


def test_the_client_letter_carries_the_coach_judgement_and_not_the_analysis_beside_it(gevallen, kb):
    casus, advies = gevallen["oordeel_coach"]
    assert casus.oordeel_coach is not None
    doc = _doc(gevallen, kb, "oordeel_coach", "klant")
    kaders = [b for b in _sectie(doc, "kort").blokken if isinstance(b, Kader)]
    assert [k.kind for k in kaders] == ["oordeel"]
    assert kaders[0].kop == kb.verdicts["no_go"].label
    reden = " ".join(casus.oordeel_coach.reden.split())
    # the coach's reason, with the endnote of the advisory talk after it
    assert any(b.tekst.startswith(reden) for b in kaders[0].blokken if isinstance(b, Alinea))
    assert advies.verdict_label not in kaders[0].kop
    assert doc.verdict == "no_go"  # the coach's verdict drives the letter: no proposal
    assert "voorstel" not in _ankers(doc) and "watals" not in _ankers(doc)


def test_the_coach_version_shows_the_analysis_beside_the_coach_judgement(gevallen, kb):
    _, advies = gevallen["oordeel_coach"]
    doc = _doc(gevallen, kb, "oordeel_coach", "coach")
    kaders = [b for b in _sectie(doc, "kort").blokken if isinstance(b, Kader)]
    assert [k.kind for k in kaders] == ["oordeel", "coach"]
    assert advies.verdict_label in kaders[0].kop
    assert kb.verdicts["no_go"].label in kaders[1].kop


def test_every_cited_source_is_listed_with_its_full_reference(gevallen, kb):
    for verdict in gevallen:
        for voor in ("klant", "coach"):
            doc = _doc(gevallen, kb, verdict, voor)
            # the client's letter numbers the places first; the full titles come last
            lijst = [b for b in _sectie(doc, "bronnen").blokken if isinstance(b, Lijst)][-1]
            vermeld = {p.vet.rstrip(":") for p in lijst.punten if p.vet}
            assert {b.sleutel for b in doc.bronnen()} == vermeld
            assert all(k in kb.bronnen for k in vermeld)


def test_the_date_comes_from_the_case_and_otherwise_from_the_parameter(gevallen, kb):
    casus, advies = gevallen["go"]
    assert bouw_document(casus, advies, kb).datum == "18 november 2026"
    zonder = casus.model_copy(update={"meta": casus.meta.model_copy(update={"datum": None})})
    assert bouw_document(zonder, advies, kb, datum=date(2027, 3, 5)).datum == "5 maart 2027"


def test_a_missing_request_is_said_plainly_not_left_blank(gevallen, kb):
    casus, advies = gevallen["go"]
    zonder = casus.model_copy(update={"meta": casus.meta.model_copy(update={"hulpvraag": None})})
    vraag = bouw_document(zonder, advies, kb, datum=VASTE_DATUM).secties[0]
    assert vraag.blokken == (Alinea(laad_teksten()["vraag.ontbreekt"]),)


def test_next_steps_refuse_a_source_the_knowledge_base_does_not_know(tmp_path: Path, kb):
    (tmp_path / "vervolgstappen.yaml").write_text(
        "stappen:\n  - code: x\n    titel: X\n    voor: u\n    wat: iets\n"
        "    bronnen: [{sleutel: ONBEKEND, plaats: p. 1}]\nvalkuilen: []\nvalkuilen_max: 4\n",
        encoding="utf-8",
    )
    with pytest.raises(KennisbankFout, match="onbekende bron ONBEKEND"):
        _vervolgstappen(dataclasses.replace(kb, map=tmp_path))


def test_the_document_model_is_immutable(gevallen, kb):
    doc = _doc(gevallen, kb, "go")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.titel = "iets anders"  # type: ignore[misc]
