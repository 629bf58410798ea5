"""Questionnaires as data (questionnaires/*.yaml): the pydantic models, loading and checking.

A question fills one fact, several facts at once (a manager's question that maps onto two facts),
or a descriptive field of `meta`. The flow (what to ask next) is in `flow`; the terminal is
in `prompts`. Nothing here talks to the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advies.case.fact_values import controleer_feit, toon
from advies.case.model import Meta, Verdict
from advies.errors import InvoerFout, KennisbankFout
from advies.knowledge import cache, conditions
from advies.knowledge.loading import lees_eigen_yaml
from advies.knowledge.model import Bevindingsregel, Kennisbank, Sleutelvoorwaarde
from advies.knowledge.resources import data_dir
from advies.report.text import bronnen_tekst

Waarde = str | bool | int


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Keuze(_Strikt):
    """One answer to pick: the fact value(s) it stands for, or "weet ik niet" (`onbekend`)."""

    tekst: str
    waarde: Waarde | None = None  # for a question with one `feit`
    feiten: dict[str, Waarde] = Field(default_factory=dict)  # for a question with `feiten`
    onbekend: bool = False


class Validatie(_Strikt):
    min: int | None = None
    max: int | None = None
    verplicht: bool = False
    max_lengte: int | None = None


class Vraag(_Strikt):
    id: str
    type: Literal["keuze", "getal", "tekst"]
    tekst: str
    label: str | None = None  # short name on the review screen; a fact's label by default
    help: str | None = None
    feit: str | None = None
    feiten: tuple[str, ...] = ()
    meta: str | None = None
    gesprek: str | None = None  # a place in the talk's record: afspraken.startdatum, ...
    keuzes: tuple[Keuze, ...] = ()
    validatie: Validatie = Field(default_factory=Validatie)
    when: dict[str, Any] | None = None
    # copier's rule: a question that `when` skips gets this value (a question with one fact only)
    standaard: Waarde | None = None
    waarom: str | None = None  # only for descriptive questions: no rule reads them
    zodra: str | None = None  # asked only once the question with this id has a real answer
    # a question about the talk not asked while its verdict (the coach's own, else the advice's)
    # is one of these: what a no go will not use
    tenzij_oordeel: tuple[Verdict, ...] = ()
    eenheid: str | None = None  # a number about the talk: shown after it ("120 minuten")
    conditie: Any = Field(default=None, exclude=True)

    @property
    def vult(self) -> tuple[str, ...]:
        """The facts this question fills (empty for a descriptive question)."""
        return (self.feit,) if self.feit else self.feiten

    @property
    def sleutel(self) -> str:
        """Under what name a "weet ik niet" is remembered: the fact, the meta field or the id."""
        return self.feit or self.meta or self.gesprek or self.id

    @property
    def omschrijvend(self) -> bool:
        """Fills no fact: a meta field or a place in the talk's record."""
        return self.meta is not None or self.gesprek is not None


class Controle(_Strikt):
    """Answers that contradict each other: `als` in the rules' condition language, the gentle
    question the coach gets before the review, and the questions to change if it is not right."""

    id: str
    als: dict[str, Any]
    tekst: str
    vragen: tuple[str, ...]
    conditie: Any = Field(default=None, exclude=True)


class Vragenlijst(_Strikt):
    naam: str
    titel: str
    inleiding: str
    # who answers: the coach sees the rules' codes and weights in "why do we ask this?", a
    # manager reads what an answer can mean in plain words
    publiek: Literal["coach", "leidinggevende"] = "coach"
    vragen: tuple[Vraag, ...]
    controles: tuple[Controle, ...] = ()
    bestand: str = ""

    def vraag(self, vraag_id: str) -> Vraag:
        return next(v for v in self.vragen if v.id == vraag_id)

    def vragen_voor(self, feit: str) -> list[Vraag]:
        return [v for v in self.vragen if feit in v.vult]


def laad_vragenlijst(kb: Kennisbank, naam: str | Path) -> Vragenlijst:
    """Load questionnaires/<naam>.yaml (or a path) and check it against the fact catalogue.

    The checked questionnaire is cached next to the knowledge base's cache, keyed on the file, the
    rules and the program's version: parsing YAML in pure Python would cost the first question
    a noticeable part of its 400 ms.
    """
    pad = Path(naam) if isinstance(naam, Path) else data_dir("questionnaires") / f"{naam}.yaml"
    bronnen = [pad, *sorted(Path(kb.map).rglob("*.yaml"))]
    bewaard = cache.haal_op(f"vragenlijst-{pad.stem}", bronnen, lambda d: _uit_data(kb, d))
    if bewaard is not None:
        return bewaard
    vl = _laad(kb, pad)
    cache.bewaar(f"vragenlijst-{pad.stem}", bronnen, vl.model_dump(mode="json"))
    return vl


def _uit_data(kb: Kennisbank, data: Any) -> Vragenlijst:
    """A questionnaire from the cache's JSON; every condition (`when`, a check's `als`) parsed anew."""
    from advies.knowledge.loading import met_condities

    vl: Vragenlijst = met_condities(cache.model_uit_data(Vragenlijst, data), kb.feiten, kb.drempels)
    return vl


def _laad(kb: Kennisbank, pad: Path) -> Vragenlijst:
    return vragenlijst_uit_data(kb, lees_eigen_yaml(pad), pad)


def vragenlijst_uit_data(kb: Kennisbank, data: Any, pad: Path) -> Vragenlijst:
    """A questionnaire from parsed data, checked as a shipped file is (the talk builds its own
    per advice, from a template)."""
    try:
        ruw = data.get("vragen") if isinstance(data, dict) else None
        if not isinstance(ruw, list):
            raise KennisbankFout(f"{pad}: een lijst 'vragen' verwacht")
        vragen = tuple(_vraag(kb, item, pad) for item in ruw)
        controles = tuple(_controle(kb, item, pad, vragen) for item in data.get("controles") or [])
        vl = Vragenlijst.model_validate(
            {**data, "vragen": vragen, "controles": controles, "bestand": str(pad)}
        )
    except InvoerFout as fout:
        raise KennisbankFout(fout.bericht()) from None
    except ValidationError as fout:
        raise KennisbankFout(f"{pad}: {fout}") from None
    ids = [v.id for v in vl.vragen]
    dubbel = {i for i in ids if ids.count(i) > 1}
    if dubbel:
        raise KennisbankFout(f"{pad}: vraag-id {sorted(dubbel)[0]} komt twee keer voor")
    return vl


def _controle(kb: Kennisbank, item: Any, pad: Path, vragen: tuple[Vraag, ...]) -> Controle:
    """A check on contradicting answers: its condition parses against the facts, and every fact it
    reads is filled by one of the questions it offers to change."""
    controle_id = item.get("id", "?") if isinstance(item, dict) else "?"
    try:
        controle = Controle.model_validate(item)
        conditie = conditions.parse(controle.als, kb.feiten, kb.drempels)
        per_id = {v.id: v for v in vragen}
        onbekend = [i for i in controle.vragen if i not in per_id]
        if onbekend:
            raise ValueError(f"onbekende vraag {onbekend[0]!r} in 'vragen'")
        gevuld = {f for i in controle.vragen for f in per_id[i].vult}
        los = [f for f in conditions.feiten_van(conditie) if f not in gevuld]
        if los:
            raise ValueError(f"'vragen' noemt geen vraag voor het feit {los[0]}")
    except (ValidationError, conditions.ConditieFout, ValueError) as fout:
        raise KennisbankFout(f"{pad}, controle {controle_id}: {fout}") from None
    return controle.model_copy(update={"conditie": conditie})


def _vraag(kb: Kennisbank, item: Any, pad: Path) -> Vraag:
    vraag_id = item.get("id", "?") if isinstance(item, dict) else "?"
    try:
        vraag = Vraag.model_validate(item)
        conditie = None
        if vraag.when is not None:
            conditie = conditions.parse(vraag.when, kb.feiten, kb.drempels)
        vraag = vraag.model_copy(update={"conditie": conditie})
        _controleer(kb, vraag)
    except (ValidationError, conditions.ConditieFout, ValueError) as fout:
        raise KennisbankFout(f"{pad}, vraag {vraag_id}: {fout}") from None
    return vraag


def _controleer(kb: Kennisbank, v: Vraag) -> None:
    """A question must fill something real with values the fact allows."""
    soorten = [x for x in (v.feit, v.feiten, v.meta, v.gesprek) if x]
    if len(soorten) != 1:
        raise ValueError("geef precies één van 'feit', 'feiten', 'meta' of 'gesprek'")
    if v.gesprek is not None:
        _controleer_gesprek(v)
        return
    if v.tenzij_oordeel or v.eenheid:
        raise ValueError("'tenzij_oordeel' en 'eenheid' horen bij een vraag over het gesprek")
    for feit in v.vult:
        if feit not in kb.feiten:
            raise ValueError(f"onbekend feit {feit!r}")
    if v.meta is not None:
        if v.meta not in Meta.model_fields or v.type != "tekst":
            raise ValueError(f"'meta: {v.meta}' moet een tekstvraag naar een veld van meta zijn")
        return
    if v.waarom is not None:
        raise ValueError("'waarom' volgt bij een feit uit de regels; schrijf het niet bij de vraag")
    if v.type == "tekst":
        raise ValueError("een tekstvraag vult alleen 'meta'")
    if v.type == "getal":
        d = kb.feiten[v.feit or ""] if v.feit else {}
        if d.get("type") != "getal":
            raise ValueError("een getalvraag vult precies één feit van het type getal")
        laag, hoog = v.validatie.min, v.validatie.max
        if laag is None or hoog is None or laag < d["min"] or hoog > d["max"] or laag > hoog:
            raise ValueError(
                f"geef 'validatie' met min en max binnen {d['min']} tot en met {d['max']}"
            )
    if v.type == "keuze":
        _controleer_keuzes(kb, v)
    if v.standaard is not None:
        if not v.feit or v.conditie is None:
            raise ValueError("'standaard' hoort bij een vraag met één feit en een 'when'")
        _check(kb, v.feit, v.standaard)


def _controleer_gesprek(v: Vraag) -> None:
    """A question about the talk: its choices hold plain values, a number has its range."""
    if v.type == "keuze" and (
        [k.onbekend for k in v.keuzes].count(True) != 1
        or any(k.feiten or (k.waarde is None) != k.onbekend for k in v.keuzes)
    ):
        raise ValueError("elke keuze heeft een 'waarde', op één 'weet ik niet' na")
    if v.type == "getal" and (v.validatie.min is None or v.validatie.max is None):
        raise ValueError("een getalvraag over het gesprek heeft 'validatie' met min en max")
    if v.eenheid is not None and v.type != "getal":
        raise ValueError("'eenheid' hoort bij een getalvraag")


def _controleer_keuzes(kb: Kennisbank, v: Vraag) -> None:
    onbekend = [k for k in v.keuzes if k.onbekend]
    if len(onbekend) != 1:
        raise ValueError("elke keuzevraag heeft precies één keuze 'weet ik niet' (onbekend: true)")
    for k in v.keuzes:
        if k.onbekend:
            if k.waarde is not None or k.feiten:
                raise ValueError(f"keuze {k.tekst!r}: 'weet ik niet' zet geen waarde")
        elif v.feit:
            if k.waarde is None or k.feiten:
                raise ValueError(f"keuze {k.tekst!r}: geef een 'waarde' voor {v.feit}")
            _check(kb, v.feit, k.waarde)
        else:
            if set(k.feiten) != set(v.feiten):
                raise ValueError(f"keuze {k.tekst!r}: zet elk van de feiten {', '.join(v.feiten)}")
            for feit, waarde in k.feiten.items():
                _check(kb, feit, waarde)


def _check(kb: Kennisbank, feit: str, waarde: Any) -> None:
    try:
        canoniek = controleer_feit(kb, feit, waarde, bestand="", regel=None)
    except InvoerFout as fout:
        raise ValueError(fout.message) from None
    if canoniek != waarde or type(canoniek) is not type(waarde):
        raise ValueError(f"feit {feit}: schrijf de waarde {waarde!r} zoals feiten.yaml haar noemt")


def controleer_antwoord(
    kb: Kennisbank, vl: Vragenlijst, feit: str, waarde: Any, *, bestand: str
) -> None:
    """The questionnaire's own validation of a given value: its number range, and the choices it
    offers where a fact is a choice (a number offered as choices keeps its full range)."""
    for v in vl.vragen_voor(feit):
        if v.type == "getal":
            laag, hoog = v.validatie.min, v.validatie.max
            if (laag is not None and waarde < laag) or (hoog is not None and waarde > hoog):
                raise InvoerFout(
                    f"feit '{feit}': ongeldige waarde {toon(waarde)}. "
                    f"Toegestaan: {laag} tot en met {hoog}",
                    bestand=bestand,
                )
        elif v.type == "keuze" and v.feit and kb.feiten[feit]["type"] == "keuze":
            toegestaan = [k.waarde for k in v.keuzes if not k.onbekend]
            if waarde not in toegestaan:
                raise InvoerFout(
                    f"feit '{feit}': ongeldige waarde {toon(waarde)}. Toegestaan: "
                    + ", ".join(str(w) for w in toegestaan),  # choice facts: strings only
                    bestand=bestand,
                )


@dataclass(frozen=True)
class Reden:
    """One thing an answer counts for: a finding or key condition, with its sources."""

    tekst: str
    bron: str


@dataclass(frozen=True)
class Waarom:
    """Why we ask a question, as parts a face lays out: the terminal as lines, a page as a list."""

    uitleg: str | None = None  # a descriptive question's own reason; None for a fact
    redenen: tuple[Reden, ...] = ()
    voorstel: str = ""  # the parts of the proposal it feeds: "de werkvormen, de begeleidingsvorm"
    niet_meer: bool = False  # with what is known, the answer no longer changes the advice

    def als_tekst(self) -> str:
        if self.uitleg is not None:
            return self.uitleg
        regels = ["Het antwoord telt mee voor:"]
        for r in self.redenen:
            regels += [f"  - {r.tekst}", f"    bron: {r.bron}"]
        if self.voorstel:
            regels.append(f"  - het voorstel: {self.voorstel}")
        if self.niet_meer:
            regels.append(NIET_MEER)
        return "\n".join(regels)


NIET_MEER = "Met wat al bekend is, verandert dit antwoord het advies niet meer."


def waarom_delen(
    vraag: Vraag,
    kb: Kennisbank,
    nog_van_belang: list[str] | None = None,
    publiek: str = "coach",
) -> Waarom:
    """Why we ask this, derived from the rules that read the fact, so it cannot drift from them.

    `nog_van_belang` are the ids of the rules that still need the answer, given what is known.
    A manager reads it without the rules' codes and weights.
    """
    if vraag.omschrijvend:
        return Waarom(uitleg=vraag.waarom or "")
    lezers = [r for r in kb.regels() if set(r.feiten) & set(vraag.vult)]
    bevindingen = [r for r in lezers if isinstance(r, Bevindingsregel)]
    sleutels = [r for r in lezers if isinstance(r, Sleutelvoorwaarde)]
    overig = dict.fromkeys(_OVERIG[r.categorie] for r in lezers if r.categorie in _OVERIG)
    redenen = []
    for b in bevindingen:
        if b.publiek == "coach" and publiek != "coach":
            continue
        soort = "indicatie" if b.ernst is None else b.ernst
        gewicht = f"({b.code}, {soort})" if publiek == "coach" else f"({_GEWICHT[soort]})"
        redenen.append(Reden(f"{b.titel} {gewicht}", bronnen_tekst(b.bronnen)))
    for s in sleutels:
        redenen.append(Reden(f"de sleutelvoorwaarde {s.naam}", bronnen_tekst(s.bronnen)))
    return Waarom(
        redenen=tuple(redenen),
        voorstel=", ".join(overig),
        niet_meer=nog_van_belang is not None and not nog_van_belang,
    )


def waarom(
    vraag: Vraag,
    kb: Kennisbank,
    nog_van_belang: list[str] | None = None,
    publiek: str = "coach",
) -> str:
    """`waarom_delen` as the terminal prints it."""
    return waarom_delen(vraag, kb, nog_van_belang, publiek).als_tekst()


_GEWICHT = {
    "blokkerend": "kan een start in de weg staan",
    "voorwaardelijk": "kan iets worden wat u vooraf moet regelen",
    "advies": "iets om rekening mee te houden",
    "indicatie": "pleit vóór intervisie",
}
_OVERIG = {
    "methode": "de werkvormen",
    "vorm": "de begeleidingsvorm",
    "stijl": "de begeleidingsstijl",
    "samenstelling": "de samenstelling van de groep",
}
