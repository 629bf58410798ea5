"""The operating system's errors in Dutch.

`OSError.strerror` is English ("No space left on device") and would end up in the middle of a
Dutch message. The errors a user can meet while reading or writing files get Dutch words; a rare
one is named by its code (ENOSPC), which a helper can look up, rather than by its English text.
"""

from __future__ import annotations

import errno

_TEKST: dict[int, str] = {
    errno.ENOSPC: "de schijf is vol",
    errno.EACCES: "geen toegang: u hebt niet de rechten hiervoor",
    errno.EPERM: "niet toegestaan: u hebt niet de rechten hiervoor",
    errno.EROFS: "de schijf is alleen te lezen, niet te beschrijven",
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "lees- of schrijffout van de schijf",
    errno.EMFILE: "te veel bestanden tegelijk open",
    errno.ENFILE: "te veel bestanden tegelijk open",
    errno.EFBIG: "het bestand wordt te groot voor deze schijf",
    errno.EBUSY: "het bestand of de schijf is in gebruik",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.ELOOP: "te veel symbolische koppelingen achter elkaar",
    errno.EEXIST: "het bestand bestaat al",
    errno.ENXIO: "het apparaat bestaat niet of is niet aangesloten",
    errno.ENODEV: "het apparaat bestaat niet",
    errno.EAGAIN: "tijdelijk niet beschikbaar; probeer het zo opnieuw",
    errno.EINVAL: "dit kan hier niet (ongeldige bewerking voor dit bestand of deze schijf)",
    errno.EXDEV: "het bestand kan niet naar een andere schijf worden verplaatst",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EPIPE: "de uitvoer is gesloten",
    errno.EADDRINUSE: "het adres is al in gebruik",
    errno.EADDRNOTAVAIL: "het adres bestaat niet op deze computer",
}
for _naam, _tekst in (
    ("EDQUOT", "uw schijfruimte (quotum) is op"),
    ("ESTALE", "het netwerkbestand is niet meer beschikbaar"),
    ("ETIMEDOUT", "de schijf of het netwerk antwoordt niet"),
):
    if hasattr(errno, _naam):
        _TEKST[getattr(errno, _naam)] = _tekst


def systeemfout(fout: OSError) -> str:
    """The Dutch for what went wrong, for use inside a message: 'de schijf is vol'."""
    if fout.errno in _TEKST:
        return _TEKST[fout.errno]
    code = errno.errorcode.get(fout.errno or 0)
    return f"systeemfout {code}" if code else "onbekende systeemfout"
