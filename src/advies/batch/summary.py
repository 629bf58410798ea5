"""The summary of a batch: how many groups got which verdict, what the organisation should arrange
first, and which lines could not be read or evaluated.

Workers count per block (`Telling`); the main process adds the counts of the blocks that were
written, so the summary counts exactly the cases in the output.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field

from advies.case.model import VERDICTS
from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.knowledge.placeholders import drempel_plekken, vul_in

TOP = 5  # conditions, blocks and open questions named in the summary
ONLEESBAAR_BEWAARD = 100  # unreadable lines kept with their message; the rest are counted
ONLEESBAAR_GETOOND = 20
_BREEDTE = 88


@dataclass
class Telling:
    """Counts over the cases of one block, or of a whole batch."""

    casussen: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    voorwaarden: Counter[str] = field(default_factory=Counter)  # conditions, by finding code
    enige_voorwaarde: Counter[str] = field(default_factory=Counter)  # ... the only one in the way
    blokkades: Counter[str] = field(default_factory=Counter)  # blocks (refused ones too)
    open_vragen: Counter[str] = field(default_factory=Counter)  # decisive open questions, by fact
    onleesbaar: list[tuple[int, str]] = field(default_factory=list)  # (line, message), the first
    onleesbaar_totaal: int = 0
    # lines lost to a worker that died: from, to, how many, why
    verloren: list[tuple[int, int, int, str]] = field(default_factory=list)
    kolommen: tuple[str, ...] = ()  # a CSV's columns: a fact without one is unknown everywhere

    def tel(self, advies: Advies) -> None:
        self.casussen += 1
        self.verdicts[advies.verdict] += 1
        voorwaarden = advies.voorwaarden
        for b in voorwaarden:
            self.voorwaarden[b.code] += 1
        if advies.verdict == "go_onder_voorwaarden" and len(voorwaarden) == 1:
            self.enige_voorwaarde[voorwaarden[0].code] += 1
        for b in advies.blokkades:
            self.blokkades[b.code] += 1
        for v in advies.open_vragen:
            if v.beslissend:
                self.open_vragen[v.feit] += 1

    def onleesbare(self, regel: int, melding: str) -> None:
        self.onleesbaar_totaal += 1
        if len(self.onleesbaar) < ONLEESBAAR_BEWAARD:
            self.onleesbaar.append((regel, melding))

    def voeg_toe(self, ander: Telling) -> None:
        self.casussen += ander.casussen
        for teller in ("verdicts", "voorwaarden", "enige_voorwaarde", "blokkades", "open_vragen"):
            getattr(self, teller).update(getattr(ander, teller))
        for regel, melding in ander.onleesbaar:
            if len(self.onleesbaar) < ONLEESBAAR_BEWAARD:
                self.onleesbaar.append((regel, melding))
        self.onleesbaar_totaal += ander.onleesbaar_totaal
        self.verloren += ander.verloren


def getal(n: int) -> str:
    """A number as Dutch writes it: 100.000."""
    return f"{n:,}".replace(",", ".")


def _deel(n: int, totaal: int) -> str:
    """A share in whole percents; a few groups among many are '<1%', not '0%' (none at all)."""
    if not totaal:
        return "-"
    procent = round(100 * n / totaal)
    if procent == 0 < n:
        return "<1%"
    if procent == 100 and n < totaal:
        return ">99%"
    return f"{procent}%"


def _groepen(n: int) -> str:
    return f"{getal(n)} {'groep' if n == 1 else 'groepen'}"


def _alinea(tekst: str, inspringen: str, verder: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(tekst.split()),
        _BREEDTE,
        initial_indent=inspringen,
        subsequent_indent=inspringen if verder is None else verder,
    )


def samenvatting(t: Telling, kb: Kennisbank, bestand: str) -> str:
    """The summary as text, in words an HR department uses."""
    regels = [f"Samenvatting van {bestand} (kennisbank {kb.versie})"]
    gelezen = t.casussen + t.onleesbaar_totaal + sum(v[2] for v in t.verloren)
    regels.append(f"{getal(gelezen)} casussen gelezen, {getal(t.casussen)} beoordeeld.")
    regels += ["", "Oordeel"]
    breedte = max(len(kb.verdicts[v].label) for v in VERDICTS)
    for verdict in VERDICTS:
        n = t.verdicts[verdict]
        regels.append(
            f"  {kb.verdicts[verdict].label:<{breedte}}  {getal(n):>9}  {_deel(n, t.casussen):>4}"
        )
    regels += _kort(t, kb)
    regels += _eerst_regelen(t, kb)
    regels += _blokkades(t, kb)
    regels += _open_vragen(t, kb)
    regels += _onleesbaar(t)
    regels += _verloren(t)
    return "\n".join(regels) + "\n"


def _kort(t: Telling, kb: Kennisbank) -> list[str]:
    """The first thing to arrange, to find out and to know, each in one line."""
    punten = []
    if t.voorwaarden:
        code, n = t.voorwaarden.most_common(1)[0]
        punten.append(f"Regel eerst: {kb.bevinding(code).titel.lower()} (bij {_groepen(n)}).")
    if t.open_vragen:
        feit, n = t.open_vragen.most_common(1)[0]
        punten.append(
            f"Zoek eerst uit: {kb.feiten[feit]['vraag'][0].lower()}{kb.feiten[feit]['vraag'][1:]} "
            f"({_groepen(n)} {'wacht' if n == 1 else 'wachten'} op dit antwoord)."
        )
    if t.blokkades:
        code, n = t.blokkades.most_common(1)[0]
        punten.append(
            f"Wat een start het vaakst tegenhoudt: {kb.bevinding(code).titel.lower()} "
            f"(bij {_groepen(n)})."
        )
    if not punten:
        return []
    return ["", "In het kort", *(r for p in punten for r in _alinea(p, "  - ", "    "))]


def _eerst_regelen(t: Telling, kb: Kennisbank) -> list[str]:
    if not t.voorwaarden:
        return []
    regels = [
        "",
        "Eerst regelen: de voorwaarden die het vaakst terugkomen",
        *_alinea(
            "Zolang een voorwaarde niet geregeld is, kan de groep niet goed starten. Begin bij de "
            "bovenste: die helpt de meeste groepen verder.",
            "  ",
        ),
    ]
    for plaats, (code, n) in enumerate(t.voorwaarden.most_common(TOP), start=1):
        regel = kb.bevinding(code)
        enige = t.enige_voorwaarde[code]
        regels += _alinea(f"{plaats}. {regel.titel} [{code}]", "  ", "     ")
        aantal = f"bij {_groepen(n)} ({_deel(n, t.casussen)})"
        if enige:
            aantal += f"; voor {_groepen(enige)} is dit de enige voorwaarde"
        regels += _alinea(aantal + ".", "     ")
        if regel.voorwaarde:
            # the words for every group: a place one case fills ({groepen}) has no value here
            tekst = vul_in(regel.voorwaarde_algemeen or regel.voorwaarde, drempel_plekken(kb))
            regels += _alinea("Wat te regelen: " + tekst, "     ")
    return regels


def _blokkades(t: Telling, kb: Kennisbank) -> list[str]:
    if not t.blokkades:
        return []
    regels = ["", "Wat een start nu tegenhoudt (no go)"]
    for plaats, (code, n) in enumerate(t.blokkades.most_common(TOP), start=1):
        regel = kb.bevinding(code)
        regels += _alinea(f"{plaats}. {regel.titel} [{code}]", "  ", "     ")
        tekst = f"bij {_groepen(n)} ({_deel(n, t.casussen)})"
        if regel.ernst == "voorwaardelijk":
            tekst += "; de opdrachtgever weigerde deze voorwaarde"
        else:
            # which alternative fits may depend on the case: all of them are named
            namen = [
                kb.alternatieven[k.code].naam.lower()
                for k in regel.alternatieven()
                if k.code in kb.alternatieven
            ]
            if namen:
                tekst += f"; wat wel past: {' of '.join(dict.fromkeys(namen))}"
        regels += _alinea(tekst + ".", "     ")
    return regels


def _open_vragen(t: Telling, kb: Kennisbank) -> list[str]:
    if not t.open_vragen:
        return []
    regels = ["", "Eerst uitzoeken: open vragen die een oordeel tegenhouden"]
    for plaats, (feit, n) in enumerate(t.open_vragen.most_common(TOP), start=1):
        regels += _alinea(f"{plaats}. {kb.feiten[feit]['vraag']} ({feit})", "  ", "     ")
        tekst = f"onbeantwoord bij {_groepen(n)} ({_deel(n, t.casussen)})"
        if t.kolommen and feit not in t.kolommen:
            tekst += f"; het bestand heeft geen kolom '{feit}'"
        regels += _alinea(tekst + ".", "     ")
    return regels


def _onleesbaar(t: Telling) -> list[str]:
    if not t.onleesbaar_totaal:
        return []
    regels = ["", f"Niet gelezen en overgeslagen: {getal(t.onleesbaar_totaal)} regels"]
    for regel, melding in sorted(t.onleesbaar)[:ONLEESBAAR_GETOOND]:
        regels += _alinea(f"regel {regel}: {melding}", "  ")
    if t.onleesbaar_totaal > ONLEESBAAR_GETOOND:
        regels.append(f"  … en nog {getal(t.onleesbaar_totaal - ONLEESBAAR_GETOOND)}")
    return regels


def _verloren(t: Telling) -> list[str]:
    if not t.verloren:
        return []
    regels = ["", "Niet beoordeeld door een storing (ontbreken in de uitvoer)"]
    for van, tot, n, waarom in sorted(t.verloren):
        regels += _alinea(
            f"regels {getal(van)} tot en met {getal(tot)} ({getal(n)} casussen): {waarom}", "  "
        )
    return regels
