"""A made-up HR export of intervision groups, as a Dutch Excel saves it: for trying batches.

Semicolons, UTF-8 with a byte-order mark, CRLF; values as people type them ("Vrijwillig", "Ja",
" nee", empty cells where HR does not know); names with quotes, a name that looks like a formula,
notes over two lines. With --fouten, a few rows are wrong the way real exports are: a number
written as a word, a value that is no choice, a row saved with commas.

    python tools/maak_hr_export.py --rijen 100000 --fouten hr-export.csv
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

KOLOMMEN = [
    "meta.id",
    "meta.naam",
    "meta.organisatie",
    "meta.opdrachtgever",
    "initiatief",
    "deelname",
    "zelf_aangemeld",
    "leervraag",
    "werkproblemen",
    "groepsgrootte",
    "functies",
    "niveau",
    "leidinggevende_in_groep",
    "hierarchie_in_groep",
    "samenwerking",
    "gedeelde_conflicten",
    "tegenstrijdige_belangen",
    "leerklimaat",
    "vertrouwelijkheid",
    "tijd",
    "sessieduur",
    "bijeenkomsten",
    "voorgelicht",
    "meta.opmerking",
]
AFDELINGEN = [
    "Wijkteam",
    "Thuiszorg",
    "Team Jeugd",
    "Klantcontact",
    "Financiën",
    "ICT-beheer",
    "Verpleegafdeling",
    "Beleid",
    "Backoffice",
    "Leerplicht",
    "Zorgcoördinatie",
    "HR-adviseurs",
]
PLAATSEN = ["Noord", "Zuid", "Oost", "West", "Centrum", "Haven", "De Brug", "Zeeheldenkwartier"]
OPDRACHTGEVERS = ["teamleider", "afdelingshoofd", "HR-adviseur", "manager bedrijfsvoering", ""]
OPMERKINGEN = [
    "",
    "",
    "",
    "start na de zomer",
    "wil graag een externe coach",
    "eerder gestopt met intervisie",
    "overleg met OR loopt\nnog niet afgerond",
]


def _keuze(rnd: random.Random, waarden: list[tuple[str, float]], leeg: float = 0.15) -> str:
    if rnd.random() < leeg:
        return ""
    waarde = rnd.choices([w for w, _ in waarden], [k for _, k in waarden])[0]
    return rnd.choice(
        [waarde, waarde, waarde.capitalize(), waarde.upper() if rnd.random() < 0.05 else waarde]
    )


def _ja_nee(rnd: random.Random, kans_ja: float, leeg: float = 0.2) -> str:
    if rnd.random() < leeg:
        return ""
    ja = rnd.random() < kans_ja
    return rnd.choice(["Ja", "ja", "j", "JA"] if ja else ["Nee", "nee", "n", " nee "])


def rij(rnd: random.Random, i: int) -> list[str]:
    afdeling = rnd.choice(AFDELINGEN)
    naam = f"{afdeling} {rnd.choice(PLAATSEN)} {rnd.randint(1, 40)}"
    if rnd.random() < 0.01:
        naam = f'{afdeling} "De Kern"'
    if rnd.random() < 0.002:
        naam = "-Nachtdienst-"  # a spreadsheet would read it as a formula
    return [
        f"G{i:06d}",
        naam,
        rnd.choice(["Gemeente Zeestad", "Zorggroep Midden", "Woonstichting Noord"]),
        rnd.choice(OPDRACHTGEVERS),
        _keuze(
            rnd, [("organisatie", 5), ("leidinggevende", 3), ("deelnemers", 2), ("beroepsgroep", 1)]
        ),
        _keuze(rnd, [("vrijwillig", 6), ("gemengd", 2), ("verplicht", 2)], leeg=0.05),
        _ja_nee(rnd, 0.6),
        _keuze(
            rnd, [("reflectie", 6), ("kennisdeling", 2), ("vaardigheden", 1), ("teamvraagstuk", 1)]
        ),
        _keuze(rnd, [("ja", 7), ("deels", 2), ("nee", 1)]),
        ""
        if rnd.random() < 0.05
        else str(rnd.choice([4, 5, 6, 6, 7, 8, 8, 9, 10, 12, 14, 16, 24])),
        _keuze(rnd, [("gelijksoortig", 7), ("verschillend", 3)]),
        _keuze(rnd, [("uitvoerend", 7), ("middenmanagement", 2), ("topmanagement", 1)], leeg=0.05),
        _ja_nee(rnd, 0.15, leeg=0.1),
        _ja_nee(rnd, 0.1, leeg=0.3),
        _keuze(rnd, [("zelfde_team", 5), ("indirect", 3), ("geen", 2)]),
        _ja_nee(rnd, 0.08, leeg=0.4),
        _ja_nee(rnd, 0.05, leeg=0.5),
        _keuze(rnd, [("open", 4), ("neutraal", 4), ("gesloten", 2)], leeg=0.4),
        _keuze(rnd, [("gegarandeerd", 6), ("onzeker", 3), ("niet_gegarandeerd", 1)], leeg=0.3),
        _keuze(rnd, [("gefaciliteerd", 6), ("beperkt", 3), ("niet_gefaciliteerd", 1)]),
        "" if rnd.random() < 0.2 else str(rnd.choice([45, 60, 90, 90, 120])),
        "" if rnd.random() < 0.3 else str(rnd.choice([4, 6, 8, 10, 12])),
        _ja_nee(rnd, 0.5, leeg=0.3),
        rnd.choice(OPMERKINGEN),
    ]


def _cel(waarde: str) -> str:
    if any(t in waarde for t in ';"\n'):
        return '"' + waarde.replace('"', '""') + '"'
    return waarde


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("uitvoer", type=Path)
    parser.add_argument("--rijen", type=int, default=100_000)
    parser.add_argument(
        "--fouten", action="store_true", help="een paar foute rijen, zoals in echte exports"
    )
    parser.add_argument("--zaad", type=int, default=2026)
    args = parser.parse_args()
    rnd = random.Random(args.zaad)
    fout = {}
    if args.fouten:
        plekken = sorted(rnd.sample(range(args.rijen // 10, args.rijen), 3))
        fout = {plekken[0]: "getal", plekken[1]: "keuze", plekken[2]: "komma"}
    with args.uitvoer.open("w", encoding="utf-8-sig", newline="") as f:
        f.write(";".join(KOLOMMEN) + "\r\n")
        for i in range(args.rijen):
            cellen = rij(rnd, i + 1)
            if fout.get(i) == "getal":
                cellen[KOLOMMEN.index("groepsgrootte")] = "ongeveer tien"
            elif fout.get(i) == "keuze":
                cellen[KOLOMMEN.index("deelname")] = "Op uitnodiging"
            if fout.get(i) == "komma":
                f.write(",".join(c.replace("\n", " ") for c in cellen) + "\r\n")
            else:
                f.write(";".join(_cel(c) for c in cellen) + "\r\n")
    print(
        f"{args.rijen:,} rijen in {args.uitvoer}"
        # as HR knows them: the id of the group (advies names the line, notes run over two)
        + (f"; foute rijen: {', '.join(f'G{i + 1:06d}' for i in sorted(fout))}" if fout else "")
    )


if __name__ == "__main__":
    main()
