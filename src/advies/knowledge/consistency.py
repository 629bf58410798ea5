"""The knowledge base checked as a whole, after every file has loaded: what no single file's model
can see (unique ids, references between files, known sources, the places a text may fill in).
Every failure is a KennisbankFout naming the file and the rule."""

from __future__ import annotations

from typing import Any

from advies.errors import KennisbankFout
from advies.knowledge import conditions
from advies.knowledge.model import PLEKKEN_VOORSTEL, Kennisbank
from advies.knowledge.placeholders import plekken_in


def _operatoren(conditie: Any) -> set[str]:
    if conditie is None:
        return set()
    if isinstance(conditie, conditions.FeitVoorwaarde):
        return {conditie.op}
    return set().union(*(_operatoren(d) for d in conditie.delen))


def controleer_samenhang(kb: Kennisbank) -> None:
    """Cross-file consistency: unique ids, known references, known source keys."""
    gezien: set[str] = set()
    for regel in kb.regels():
        if regel.id in gezien:
            raise KennisbankFout(f"{regel.bestand}: regel-id {regel.id} komt twee keer voor")
        gezien.add(regel.id)
        for bron in regel.bronnen:
            if bron.sleutel not in kb.bronnen:
                raise KennisbankFout(
                    f"{regel.bestand}, regel {regel.id}: onbekende bron {bron.sleutel}"
                )
    for b in kb.bevindingen:
        if "onbekend" in _operatoren(b.conditie):
            raise KennisbankFout(
                f"{b.bestand}, regel {b.id}: 'onbekend' hoort niet in een bevinding; "
                "een onbekend feit wordt daar vanzelf een open vraag"
            )
        if b.soort == "indicatie" and b.ernst is not None:
            raise KennisbankFout(f"{b.bestand}, regel {b.id}: een indicatie heeft geen ernst")
        if b.soort != "indicatie" and b.ernst is None:
            raise KennisbankFout(f"{b.bestand}, regel {b.id}: ernst ontbreekt")
        if b.ernst == "voorwaardelijk" and not (b.voorwaarde and b.toezegging):
            raise KennisbankFout(
                f"{b.bestand}, regel {b.id}: een voorwaarde heeft 'voorwaarde' en 'toezegging' nodig"
            )
        keuzes = b.alternatieven()
        if b.ernst == "blokkerend" and (not keuzes or keuzes[-1].als is not None):
            raise KennisbankFout(
                f"{b.bestand}, regel {b.id}: een blokkade heeft een alternatief nodig, "
                "als laatste keuze een zonder voorwaarde"
            )
        for keuze in keuzes:
            if keuze.code not in kb.alternatieven:
                raise KennisbankFout(
                    f"{b.bestand}, regel {b.id}: onbekend alternatief {keuze.code!r}"
                )
        if b.als is None:
            raise KennisbankFout(
                f"{b.bestand}, regel {b.id}: een bevinding heeft een voorwaarde nodig"
            )
    codes = {b.code for b in kb.bevindingen}
    plekken = {
        *PLEKKEN_VOORSTEL,
        *kb.drempels,
        *(f for f, d in kb.feiten.items() if d.get("type") == "getal"),
    }
    for b in kb.bevindingen:
        for code in b.vervalt_bij:
            if code not in codes:
                raise KennisbankFout(f"{b.bestand}, regel {b.id}: onbekende bevinding {code}")
        per_casus = sorted({p for p in plekken_in(b.voorwaarde or "") if p not in kb.drempels})
        if (per_casus and not b.voorwaarde_algemeen) or set(
            plekken_in(b.voorwaarde_algemeen or "")
        ) - set(kb.drempels):
            raise KennisbankFout(
                f"{b.bestand}, regel {b.id}: 'voorwaarde' vult per casus {', '.join(per_casus)} in; "
                "'voorwaarde_algemeen' zegt het voor elke groep, met hooguit drempels als plek"
            )
        teksten = [b.uitleg, b.voorwaarde or "", b.samenstelling or ""]
        teksten += [a.tekst for a in b.aanvullingen]
        for tekst in teksten:
            for plek in plekken_in(tekst):
                if plek not in plekken:
                    raise KennisbankFout(
                        f"{b.bestand}, regel {b.id}: onbekende plek {{{plek}}}; "
                        f"kies uit {', '.join(sorted(plekken))}"
                    )
    rijen_per_bevinding: dict[str, list[str]] = {}
    for sv in kb.sleutelvoorwaarden:
        for code in (*sv.bevindingen, *sv.indicaties):
            if code not in codes:
                raise KennisbankFout(
                    f"sleutelvoorwaarden.yaml, {sv.code}: onbekende bevinding {code}"
                )
        for code in sv.per_bevinding:
            if code not in sv.bevindingen:
                raise KennisbankFout(
                    f"sleutelvoorwaarden.yaml, {sv.code}: 'per_bevinding' noemt {code}, "
                    "dat niet bij 'bevindingen' staat"
                )
        for code in sv.bevindingen:
            if code not in sv.per_bevinding:
                rijen_per_bevinding.setdefault(code, []).append(sv.code)
    # a finding two rows share would give both the same reason: all but one say their own
    for code, rijen in rijen_per_bevinding.items():
        if len(rijen) > 1:
            raise KennisbankFout(
                f"sleutelvoorwaarden.yaml: {code} staat bij {', '.join(rijen)} zonder eigen "
                "tekst; geef alle rijen op één na een 'per_bevinding'"
            )
        for g in sv.geregeld:
            for vorm in g.vormen:
                if vorm not in kb.vormen:
                    raise KennisbankFout(
                        f"sleutelvoorwaarden.yaml, {sv.code}: onbekende vorm {vorm}"
                    )
        if not sv.vervuld or (sv.benadering and not sv.lijkt_in_orde):
            raise KennisbankFout(
                f"sleutelvoorwaarden.yaml, {sv.code}: 'vervuld' (en bij een benadering "
                "'lijkt_in_orde') ontbreekt"
            )
    if not kb.begeleidingsduur or kb.begeleidingsduur[-1].als is not None:
        raise KennisbankFout(
            "begeleiding.yaml, begeleidingsduur: als laatste een keuze zonder 'als'"
        )
    for feit, d in kb.feiten.items():
        if d.get("type") == "codes":
            continue
        if not d.get("waarom_klant"):
            raise KennisbankFout(f"feiten.yaml, {feit}: 'waarom_klant' ontbreekt")
        if not d.get("onderwerp"):
            raise KennisbankFout(f"feiten.yaml, {feit}: 'onderwerp' ontbreekt")
        if d.get("veranderbaar", True) is False:
            continue
        zinnen = d.get("wat_als")
        if d.get("type") == "getal":
            if not isinstance(zinnen, str) or "{waarde}" not in zinnen:
                raise KennisbankFout(f"feiten.yaml, {feit}: 'wat_als' met {{waarde}} ontbreekt")
            continue
        waarden = [True, False] if d.get("type") == "ja_nee" else list(d.get("waarden", {}))
        if not isinstance(zinnen, dict) or any(w not in zinnen for w in waarden):
            raise KennisbankFout(f"feiten.yaml, {feit}: 'wat_als' heeft een zin per waarde nodig")
    for methode in kb.methoden.values():
        if isinstance(methode.kortste_sessie, str) and methode.kortste_sessie not in kb.drempels:
            raise KennisbankFout(
                f"methoden.yaml, {methode.code}: onbekende drempel {methode.kortste_sessie!r}"
            )
    for m in kb.methoderegels:
        if m.methode not in kb.methoden:
            raise KennisbankFout(f"methoden.yaml, regel {m.id}: onbekende methode {m.methode}")
    for v in kb.vormregels:
        if v.vorm not in kb.vormen:
            raise KennisbankFout(f"begeleiding.yaml, regel {v.id}: onbekende vorm {v.vorm}")
    for s in kb.stijlregels:
        if s.stijl not in kb.stijlen:
            raise KennisbankFout(f"begeleiding.yaml, regel {s.id}: onbekende stijl {s.stijl}")
    for naam in (kb.grootte.min, kb.grootte.max, kb.grootte.ideaal):
        if naam not in kb.drempels:
            raise KennisbankFout(f"samenstelling.yaml: onbekende drempel {naam}")
