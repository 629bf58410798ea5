"""Mutated case files, read and evaluated in one process as `advies beoordeel` and `advies rapport`
would: each is evaluated, or refused with a Dutch input error. Anything else is a finding.

Run by tests/hostile/test_fuzz.py in a subprocess (a crash of the process is then a finding too,
not the end of the test run), and by hand:

    python tests/hostile/fuzz_worker.py --zaad 1 --aantal 10000

Seeded: the same seed gives the same files. The summary is one JSON object on stdout; a finding
is printed with the file's content (base64) on stderr, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
VOORBEELDEN = [p.read_bytes() for p in sorted((ROOT / "voorbeelden").glob("*.yaml"))]
WACHTTIJD = 30  # seconds after which one file counts as a hang

_INVOEGSELS = [b": ", b"\n  ", b"- ", b"[", b"{", b"'", b'"', b"\t", b"&a ", b"*a", b"-1", b"~"]
_INVOEGSELS += [b"1e999", b"99999999999999999999", b"yes", b"\n---\n", b"2026-13-45", b"!!str "]
_INVOEGSELS += [b'"\\e[2J"', b'"\\x9b"', b'"\\uZZZZ"', b'"\\ud800"', b'"\\U0010FFFF"', b"\r"]
_INVOEGSELS += [b"!!python/object/apply:os.system ['id']", b"? [a]\n: b", b"<<: *a", b"%YAML 1.1"]
_INVOEGSELS += [b"\xef\xbb\xbf", b"\xc3", b"\x00", b"\x1b", b"\x85", b"\xe2\x80\xa8", b"|\n  x"]
_TEKENS = b" :-[]{}\"'\t\n\r#&*!|>%@`,?09az\xc3\xff\\"
_WAARDEN: list[Any] = [None, True, False, 0, -1, 1.5, 10**30, "", "x", [], ["x"], [["a"]], {"a": 1}]
_WAARDEN += ["--5", "²", "٣", " 6 ", "0x10", "1e5", "-0", "٣٣", "6\n", "ja", "NEE", "null"]
_WAARDEN += ["\x1b]52;c;aGk=\x07\x1b[2J", "\x9b31m", "\u202etekst", "a\x00b", "\ufffe", "<script>"]
_WAARDEN += ["[klik](javascript:alert(1))", "x" * 250, "y" * 6000, "€" * 90, "2026-02-30"]


def _verminkt(data: bytes, rnd: random.Random) -> bytes:
    stuk = bytearray(data)
    for _ in range(rnd.randint(1, 5)):
        if not stuk:
            stuk = bytearray(b"x")
        plek, keuze = rnd.randrange(len(stuk)), rnd.random()
        if keuze < 0.3:
            stuk[plek] = rnd.choice(_TEKENS)
        elif keuze < 0.5:
            del stuk[plek : plek + rnd.randint(1, 20)]
        elif keuze < 0.8:
            stuk[plek:plek] = rnd.choice(_INVOEGSELS)
        else:
            regels = stuk.split(b"\n")
            a, b = rnd.randrange(len(regels)), rnd.randrange(len(regels))
            regels[a], regels[b] = regels[b], regels[a]
            stuk = bytearray(b"\n".join(regels))
    return bytes(stuk)


def _diep(rnd: random.Random) -> Any:
    waarde: Any = rnd.choice(["x", 1, None])
    for _ in range(rnd.randint(15, 60)):
        waarde = [waarde] if rnd.random() < 0.5 else {"a": waarde}
    return waarde


def _vervangen(data: bytes, rnd: random.Random) -> bytes:
    """A value somewhere in the case replaced by a hostile one, written out again as YAML."""
    casus = YAML(typ="safe").load(data)
    waarde = _diep(rnd) if rnd.random() < 0.05 else rnd.choice(_WAARDEN)
    plek = rnd.choice(
        ["feit", "feit", "meta", "oordeel", "geheel", "sleutel", "gesprek", "notities"]
    )
    antwoorden = casus.setdefault("antwoorden", {}) or {}
    if plek == "feit":
        antwoorden[rnd.choice([*antwoorden, "onbekend_feit"])] = waarde
    elif plek == "meta":
        casus.setdefault("meta", {})[rnd.choice(["naam", "hulpvraag", "datum", "eigen"])] = waarde
    elif plek == "oordeel":
        casus["oordeel_coach"] = rnd.choice([waarde, {"verdict": "go", "reden": waarde}])
    elif plek == "gesprek":  # what the advisory talk recorded
        casus["gesprek"] = rnd.choice(
            [
                waarde,
                {"voorwaarden": {"GESLOTEN_LEERKLIMAAT": {"besluit": waarde}}},
                {"voorwaarden": {"GESLOTEN_LEERKLIMAAT": {"besluit": "open", "notitie": waarde}}},
                {"afspraken": {"bijeenkomsten": waarde, "notitie": waarde}},
                {"datum": waarde},
            ]
        )
    elif plek == "notities":
        casus["notities"] = rnd.choice(
            [waarde, {"deelname": waarde}, {"deelname": {"tekst": waarde, "voor_klant": True}}]
        )
    elif plek == "sleutel" and isinstance(waarde, str):
        antwoorden[waarde] = "ja"
    else:
        casus = rnd.choice([waarde, {**casus, "versie": waarde}, {"antwoorden": waarde}])
    if rnd.random() < 0.8:  # JSON is YAML too, and quick to write (libyaml's emitter is not here)
        tekst = json.dumps(casus, ensure_ascii=rnd.random() < 0.5, indent=rnd.choice([None, 2]))
    else:
        yaml = YAML(typ="safe", pure=True)
        yaml.allow_unicode = rnd.random() < 0.5
        uit = io.StringIO()
        yaml.dump(casus, uit)
        tekst = uit.getvalue()
    return tekst.encode("utf-8", "surrogatepass")


def _diep_in_tekst(data: bytes, rnd: random.Random) -> bytes:
    diepte = rnd.choice([25, 500, 5_000, 40_000])
    haken = rnd.choice([(b"[", b"]"), (b"{a: ", b"}")])
    dicht = haken[1] * diepte if rnd.random() < 0.7 else b""
    return data.replace(b"groepsgrootte: ", b"groepsgrootte: " + haken[0] * diepte + dicht, 1)


def mutatie(rnd: random.Random) -> bytes:
    data = rnd.choice(VOORBEELDEN)
    soort = rnd.random()
    if soort < 0.45:
        return _verminkt(data, rnd)
    if soort < 0.8:
        return _vervangen(data, rnd)
    if soort < 0.86:
        return _diep_in_tekst(data, rnd)
    if soort < 0.92:  # another system's line endings, a byte order mark, then a few mutations
        einde = rnd.choice([b"\r", b"\r\n", b"\n\r"])
        return _verminkt(rnd.choice([b"", b"\xef\xbb\xbf"]) + data.replace(b"\n", einde), rnd)
    if soort < 0.96:
        getal = b"9" * rnd.choice([50, 101, 4301, 5000, 20_000])
        return data.replace(b"groepsgrootte: 6", b"groepsgrootte: " + getal, 1)
    if soort < 0.999:
        return bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 300)))
    return data + b"#" * 1_100_000  # over the size limit


def _alarm(signum: int, frame: Any) -> None:
    raise TimeoutError(f"langer dan {WACHTTIJD} s voor één bestand")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zaad", type=int, default=1)
    parser.add_argument("--aantal", type=int, default=1000)
    args = parser.parse_args()

    from advies.case.files import lees_casus
    from advies.case.visible_text import ongeldig_teken
    from advies.engine.evaluation import evalueer
    from advies.error_handling import melding
    from advies.errors import AdviesError
    from advies.knowledge.loading import laad_kennisbank
    from advies.report.render import render_report
    from advies.report.text import als_markdown, als_tekst

    kb = laad_kennisbank()
    rnd = random.Random(args.zaad)
    telling = {"geldig": 0, "geweigerd": 0}
    meldingen: dict[str, int] = {}
    signal.signal(signal.SIGALRM, _alarm)
    begin = time.perf_counter()
    snel = "/dev/shm" if Path("/dev/shm").is_dir() else None  # thousands of small writes
    with tempfile.TemporaryDirectory(dir=snel) as map_:
        pad = Path(map_) / "casus.yaml"
        for nummer in range(args.aantal):
            data = mutatie(rnd)
            pad.write_bytes(data)
            signal.alarm(WACHTTIJD)
            try:
                try:
                    casus = lees_casus(kb, pad)
                    advies = evalueer(casus, kb, wat_als=rnd.random() < 0.05)
                    teksten = [
                        als_tekst(advies),
                        als_markdown(advies, kb),
                        advies.model_dump_json(),
                    ]
                    if rnd.random() < 0.02:
                        teksten.append(
                            str(render_report(casus, advies, kb, rnd.choice(["md", "html"])))
                        )
                    if rnd.random() < 0.003:
                        render_report(casus, advies, kb, "docx")
                    for tekst in teksten:
                        plek = ongeldig_teken(tekst)
                        if plek is not None:
                            raise AssertionError(
                                f"stuurteken in de uitvoer: {tekst[plek - 20 : plek + 20]!r}"
                            )
                    telling["geldig"] += 1
                except AdviesError as fout:
                    gemeld = melding(fout)
                    assert gemeld is not None and gemeld.code == 2, (type(fout), fout)
                    assert ongeldig_teken(gemeld.tekst) is None, gemeld.tekst
                    if "de lezer meldt" in gemeld.tekst:  # English: collected, reported at the end
                        engels = gemeld.tekst.split("de lezer meldt: ", 1)[1]
                        meldingen["ENGELS: " + engels] = meldingen.get("ENGELS: " + engels, 0) + 1
                    telling["geweigerd"] += 1
                    soort = gemeld.tekst.split(": ", 2)[-1][:50]
                    meldingen[soort] = meldingen.get(soort, 0) + 1
            except BaseException:
                signal.alarm(0)
                sys.stderr.write(f"bevinding bij bestand {nummer} (zaad {args.zaad}):\n")
                sys.stderr.write(traceback.format_exc())
                sys.stderr.write(base64.b64encode(data[:20_000]).decode() + "\n")
                return 1
            signal.alarm(0)
    telling["seconden"] = round(time.perf_counter() - begin, 1)  # type: ignore[assignment]
    print(json.dumps({**telling, "meldingen": meldingen}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
