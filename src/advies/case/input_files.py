"""Opening and reading every input file (case files, answers files, batches): the shared guards.

Whatever a user hands advies, it reads it through here, so the same rules hold for every reader:

- **Regular files only.** A FIFO would block forever and /dev/zero or /dev/urandom never end. The
  file is opened without blocking (`O_NONBLOCK`: opening a FIFO does not wait for a writer) and
  refused unless `fstat` says it is a regular file.
- **A size limit that says its number.** Checked from `fstat` before reading, and again while
  reading (a file can grow); the message names the file's size and the limit.
- **No nesting beyond `MAX_NESTING`.** ruamel's C loader crashes the process on some 30,000
  nested brackets and the json module raises RecursionError; a case is three levels deep.
  YAML is checked in the event pass of `yaml_io` (before anything is built); JSON with
  `controleer_json_nesting`, before it is parsed.

For a reader that streams (a batch), the parts are separate: `open_invoerbestand` opens and checks
a path; `controleer_gewoon_bestand` checks a file that is already open (for example one passed
in); `controleer_json_nesting` checks a JSON text before the json module recurses into it (a batch
line goes through orjson, which stops at 1,024 levels itself, and is then held to MAX_NESTING);
`zonder_dubbele_sleutels` refuses a key twice in one JSON object, for every JSON reader.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from advies.case.oserrors import systeemfout
from advies.errors import InvoerFout

MB = 1_000_000
MAX_CASUSBESTAND = 1 * MB  # a case file of a long intake is a few kB
MAX_NESTING = 20  # a case file is three levels deep; JSON or YAML this deep is no case

_SOORTEN = (
    (stat.S_ISFIFO, "een pipe (FIFO)"),
    (stat.S_ISCHR, "een apparaat (zoals /dev/zero)"),
    (stat.S_ISBLK, "een schijfapparaat"),
    (stat.S_ISSOCK, "een socket"),
)


def leesbare_grootte(aantal: int) -> str:
    """A size the Dutch way: 512 bytes, 12 kB, 1,5 MB, 2 GB."""
    for eenheid, grootte in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if aantal >= grootte:
            getal = f"{aantal / grootte:.1f}".replace(".", ",").removesuffix(",0")
            return f"{getal} {eenheid}"
    return f"{aantal} bytes"


def _te_groot(naam: str, grootte: int, max_grootte: int, soort: str) -> InvoerFout:
    return InvoerFout(
        f"het bestand is {leesbare_grootte(grootte)}; een {soort} mag hooguit "
        f"{leesbare_grootte(max_grootte)} zijn",
        bestand=naam,
    )


def soort_bestand(modus: int) -> str:
    """What a file that is not a regular file is, in words: 'een pipe (FIFO)'."""
    return next((w for test, w in _SOORTEN if test(modus)), "een bijzonder bestand")


def controleer_gewoon_bestand(
    bestand: BinaryIO | int, naam: str, *, max_grootte: int | None, soort: str = "casusbestand"
) -> None:
    """Refuse an open file (object or descriptor) that is no regular file or is over the limit."""
    fd = bestand if isinstance(bestand, int) else bestand.fileno()
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):
        raise InvoerFout("dit is een map, geen bestand", bestand=naam)
    if not stat.S_ISREG(st.st_mode):
        wat = soort_bestand(st.st_mode)
        raise InvoerFout(
            f"dit is {wat}, geen gewoon bestand; advies leest alleen gewone bestanden",
            bestand=naam,
        )
    if max_grootte is not None and st.st_size > max_grootte:
        raise _te_groot(naam, st.st_size, max_grootte, soort)


def open_invoerbestand(
    pad: Path, *, max_grootte: int | None, soort: str = "casusbestand"
) -> BinaryIO:
    """Open an input file for reading in binary, after the checks above; every failure is a
    Dutch InvoerFout naming the file."""
    naam = str(pad)
    vlaggen = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(pad, vlaggen | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InvoerFout("bestand niet gevonden", bestand=naam) from None
    except IsADirectoryError:
        raise InvoerFout("dit is een map, geen bestand", bestand=naam) from None
    except PermissionError:
        raise InvoerFout("geen leesrechten voor dit bestand", bestand=naam) from None
    except OSError as fout:
        raise InvoerFout(
            f"kan het bestand niet openen ({systeemfout(fout)})", bestand=naam
        ) from None
    try:
        controleer_gewoon_bestand(fd, naam, max_grootte=max_grootte, soort=soort)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def lees_bytes(
    pad: Path, *, max_grootte: int | None = MAX_CASUSBESTAND, soort: str = "casusbestand"
) -> bytes:
    """The whole content of a regular file of at most `max_grootte` bytes."""
    naam = str(pad)
    with open_invoerbestand(pad, max_grootte=max_grootte, soort=soort) as f:
        try:
            data = f.read() if max_grootte is None else f.read(max_grootte + 1)
        except IsADirectoryError:
            raise InvoerFout("dit is een map, geen bestand", bestand=naam) from None
        except OSError as fout:
            raise InvoerFout(
                f"kan het bestand niet lezen ({systeemfout(fout)})", bestand=naam
            ) from None
    if max_grootte is not None and len(data) > max_grootte:  # it grew while being read
        raise _te_groot(naam, len(data), max_grootte, soort)
    return data


def lees_tekstbestand(
    pad: Path, *, max_grootte: int | None = MAX_CASUSBESTAND, soort: str = "casusbestand"
) -> str:
    """Read a UTF-8 text file, turning every way it can fail into a Dutch message.

    Line endings become `\\n` whatever they were (Windows `\\r\\n`, old Mac `\\r`), so every
    reader counts lines the same way.
    """
    naam = str(pad)
    data = lees_bytes(pad, max_grootte=max_grootte, soort=soort)
    if not data.strip():
        raise InvoerFout("het bestand is leeg", bestand=naam)
    if b"\x00" in data:
        raise InvoerFout("dit is geen tekstbestand (binaire inhoud)", bestand=naam)
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        regel = data.count(b"\n", 0, fout.start) + 1
        kolom = fout.start - (data.rfind(b"\n", 0, fout.start) + 1) + 1
        byte = data[fout.start]
        raise InvoerFout(
            f"het bestand is geen UTF-8-tekst (onleesbare byte 0x{byte:02x} in kolom {kolom}); "
            "sla het op als UTF-8",
            bestand=naam,
            regel=regel,
        ) from None
    if "\r" in tekst:
        tekst = tekst.replace("\r\n", "\n").replace("\r", "\n")
    return tekst


# a JSON string (escapes included) or one bracket; strings are skipped, brackets counted
_JSON_STUK = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}]')


def controleer_json_nesting(
    tekst: str, *, bestand: str, regel: int | None = None, max_diepte: int = MAX_NESTING
) -> None:
    """Refuse JSON nested deeper than `max_diepte` before a parser recurses into it.

    `tekst` is one JSON Lines line (give its `regel`) or a whole file (the line is counted).
    Brackets inside strings do not count. Costs next to nothing when the text holds fewer
    brackets than the limit, as a case does.
    """
    if tekst.count("[") + tekst.count("{") <= max_diepte:
        return
    diepte = 0
    for stuk in _JSON_STUK.finditer(tekst):
        teken = stuk[0]
        if teken in "[{":
            diepte += 1
            if diepte > max_diepte:
                plaats = regel if regel is not None else tekst.count("\n", 0, stuk.start()) + 1
                raise InvoerFout(
                    f"de gegevens zijn dieper genest dan {max_diepte} niveaus (lijsten of objecten "
                    "in elkaar); een casus is hooguit drie niveaus diep",
                    bestand=bestand,
                    regel=plaats,
                )
        elif teken in "]}":
            diepte = max(0, diepte - 1)


def zonder_dubbele_sleutels(
    bestand: str, regel: int | None = None
) -> Callable[..., dict[str, Any]]:
    """An `object_pairs_hook` for the json module that refuses a key twice in one object, as the
    YAML reader does: the json module (and orjson) would keep the last value without a word."""

    def paren_naar_dict(paren: list[tuple[str, Any]]) -> dict[str, Any]:
        gezien: dict[str, Any] = {}
        for sleutel, waarde in paren:
            if sleutel in gezien:
                raise InvoerFout(
                    f"'{sleutel}' staat twee keer in hetzelfde object; welke waarde zou gelden? "
                    "Houd er één over",
                    bestand=bestand,
                    regel=regel,
                )
            gezien[sleutel] = waarde
        return gezien

    return paren_naar_dict
