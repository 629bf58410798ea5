"""The YAML and JSON parsers' complaints, said in Dutch with what to do about them.

The parsers (libyaml, ruamel.yaml's own parser, orjson, the json module) each word the same mistake
differently, in English. A coach who edits a case file by hand makes a handful of mistakes: a tab,
an indent off by one, an unclosed bracket or quote, a key written twice. Those get a Dutch
explanation; anything rarer keeps the parser's own words, so no information is lost.
"""

from __future__ import annotations

import re

_INSPRINGEN = (
    "het inspringen klopt niet: deze regel springt verder of minder ver in dan de regels waar hij "
    "bij hoort, of er staat nog tekst na een waarde tussen aanhalingstekens"
)

_TEKEN = (
    "een teken waarmee een waarde niet kan beginnen (zoals @, `, &, *, ] of }); zet de waarde "
    "tussen aanhalingstekens"
)
_TAB = "een tab; spring in met spaties, YAML kent geen tabs"
_ESCAPE = (
    "een ongeldige \\-code in een tekst tussen dubbele aanhalingstekens (zoals \\u of \\x "
    "zonder de juiste cijfers); schrijf een \\ als \\\\, of zet de tekst tussen enkele "
    "aanhalingstekens"
)

# (fragment of the parser's message, Dutch explanation); the first fragment found wins, so the
# more specific ones come first
_YAML: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "een dubbele punt waar die niet kan staan; controleer het inspringen van deze regel, "
        "of zet een waarde met een dubbele punt erin tussen aanhalingstekens",
    ),
    ("',' or ']'", "een lijst die met [ begint, wordt niet met ] gesloten"),
    ("',' or '}'", "een stuk dat met { begint, wordt niet met } gesloten"),
    (
        "end of stream",
        "het bestand houdt op midden in een waarde; sluit elk aanhalingsteken dat u opent",
    ),
    ("could not find expected ':'", "een regel zonder dubbele punt; schrijf 'naam: waarde'"),
    (
        "'-' indicator",
        "het inspringen klopt niet: een regel staat niet recht onder de lijst erboven",
    ),
    ("expected <block end>", _INSPRINGEN),
    ("did not find expected key", _INSPRINGEN),
    ("<document start>", _INSPRINGEN),  # the top level indented, or half of it
    (
        "chomping or indentation",
        "een waarde die met | of > begint, is in YAML een tekstblok; zet de waarde tussen "
        "aanhalingstekens",
    ),
    (
        "comment or line break",
        "na de waarde staat nog iets op dezelfde regel; zet een waarde met tekens als | > ' of \" "
        "erin tussen aanhalingstekens",
    ),
    (
        "sequence entries are not allowed",
        "een lijststreepje (-) waar het niet kan staan; zet elk item van een lijst op een eigen "
        "regel onder de naam, ingesprongen en met '- ' ervoor",
    ),
    ("node content", _TEKEN),  # a value that starts with ] or }
    ("alphabetic or numeric", _TEKEN),  # & or * with no name after it
    ("non-alphabetical character", _TEKEN),
    ("another document", "het bestand bevat meer dan één document (---); één casus per bestand"),
    (
        "document indicator",
        "een regel die met --- of ... begint, hoort niet midden in een casus",
    ),
    ("directive", "een regel die met % begint, hoort niet in een casusbestand"),
    (
        "mapping keys are not allowed",
        "hier kan geen naam staan (een ? of een naam op de verkeerde plek); controleer het "
        "inspringen, of zet de waarde tussen aanhalingstekens",
    ),
    (
        "unhashable key",
        "een lijst of mapping als naam; een naam vóór de dubbele punt is gewone tekst",
    ),
    ("unknown escape character", _ESCAPE),
    ("Unicode character escape", _ESCAPE),
    ("hexdecimal number", _ESCAPE),
    ("URI escaped octet", "een ongeldige %-code in een tag; een casus gebruikt geen tags"),
    ("tag handle", "een onbekende tag (!); een casus gebruikt geen tags"),
    ("'>'", "een onvolledige tag (!<...>); een casus gebruikt geen tags"),
    (
        "indentation indicator",
        "een tekstblok (| of >) met een ongeldig getal erachter; zet de waarde tussen "
        "aanhalingstekens",
    ),
    (
        "whitespace or line break",
        "na een teken als &, *, ! of % hoort een spatie of het einde van de regel; zet de waarde "
        "tussen aanhalingstekens",
    ),
    ("incompatible YAML document", "een %YAML-regel van een onbekende versie; haal die weg"),
    ("duplicate %YAML", "een regel die met % begint, hoort niet in een casusbestand"),
    ("extra tokens", "na het einde van de casus staat nog iets; één casus per bestand"),
    ("UTF-8 octet", "het bestand is geen geldige UTF-8-tekst; sla het op als UTF-8"),
    (
        "unexpected ':'",
        "een dubbele punt waar die niet kan staan; zet de waarde tussen aanhalingstekens",
    ),
    ("expected a", "een onderdeel van de verkeerde soort (een lijst, mapping of waarde)"),
)

_DUBBEL = re.compile(r'found duplicate key "(?P<naam>[^"]*)"')

_WAARDE = (
    "hier hoort een waarde: tekst tussen dubbele aanhalingstekens, een getal, of true, false of "
    "null in kleine letters"
)

_JSON: tuple[tuple[str, str], ...] = (
    # orjson (batch lines) first, then the json module (answers files)
    ("trailing comma", "een komma vlak voor } of ]; haal die komma weg"),
    ("expected ':' after key", "na een naam hoort een dubbele punt"),
    ("expected a string key", 'een naam staat niet tussen dubbele aanhalingstekens ("naam")'),
    ("property name enclosed", 'een naam staat niet tussen dubbele aanhalingstekens ("naam")'),
    ("expected ',' or ']'", "tussen de waarden van een lijst hoort een komma, en ] sluit de lijst"),
    ("expected ',' or '}'", "tussen de velden hoort een komma, en } sluit het object"),
    ("Expecting ',' delimiter", "hier hoort een komma tussen twee velden of waarden"),
    ("Expecting ':' delimiter", "na een naam hoort een dubbele punt"),
    ("end of data", 'de regel houdt op voordat het object af is; ontbreekt er een } of "?'),
    ("Unterminated string", 'een tekst wordt niet met " gesloten'),
    ("control character", "een tekst loopt door over het einde van de regel of bevat een tab"),
    ("after document", "na het object staat nog iets; zet één casus op elke regel"),
    ("Extra data", "na het object staat nog iets; een antwoordbestand bevat één object"),
    ("invalid literal", "een onbekend woord; bedoelt u true, false of null in kleine letters?"),
    ("expected a JSON value", _WAARDE),
    ("Expecting value", _WAARDE),
    ("leading zero", "een getal mag niet met een 0 beginnen"),
    (
        "no digit after",
        "een getal dat niet af is: na de punt, het minteken of de e ontbreken cijfers",
    ),
    ("escape", "een ongeldige \\-code in een tekst; schrijf een \\ als \\\\"),
    ("surrogate", "een ongeldige \\u-code in een tekst"),
    ("depth limit", "de gegevens zijn te diep genest (lijsten of objecten in elkaar)"),
    ("infinity", "een getal dat te groot is om te lezen"),
    ("Exceeds the limit", "een getal met te veel cijfers om te lezen"),
    ("Invalid control character", "een stuurteken (zoals een tab) in een tekst; haal het weg"),
)


_ONLEESBAAR_TEKEN = re.compile(r"(?:unacceptable|special|control) character #x([0-9a-fA-F]+)")


def yaml_probleem(probleem: str, regeltekst: str | None = None, kolom: int | None = None) -> str:
    """The Dutch for a YAML parser's `probleem`; `regeltekst` and `kolom` (0-based) locate it,
    to tell a tab from another character that cannot start a value."""
    onleesbaar = _ONLEESBAAR_TEKEN.search(probleem)
    if onleesbaar or "characters are not allowed" in probleem:
        code = f" (U+{int(onleesbaar[1], 16):04X})" if onleesbaar else ""
        return f"een onzichtbaar stuurteken{code}, dat niet in een casusbestand hoort; haal het weg"
    if "tab character" in probleem:
        return _TAB
    if "cannot start any token" in probleem:
        teken = (
            regeltekst[kolom]
            if regeltekst and kolom is not None and kolom < len(regeltekst)
            else ""
        )
        return _TAB if "\\t" in probleem or teken == "\t" else _TEKEN
    dubbel = _DUBBEL.search(probleem)
    if dubbel:
        return f"'{dubbel['naam']}' staat twee keer in hetzelfde stuk; houd er één over"
    return _vertaal(probleem, _YAML)


def json_probleem(probleem: str) -> str:
    """The Dutch for a JSON parser's `probleem` (orjson or the json module)."""
    return _vertaal(probleem, _JSON)


def _vertaal(probleem: str, tabel: tuple[tuple[str, str], ...]) -> str:
    for stuk, uitleg in tabel:
        if stuk in probleem:
            return uitleg
    return f"de lezer meldt: {probleem}"
