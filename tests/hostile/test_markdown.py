"""Point 4: a client's text is text in Markdown too: no HTML, no links, no markup of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import advies, schrijf

KWAAD = {
    "naam": "<script>alert(1)</script>",
    "opdrachtgever": '<img src=x onerror="alert(1)">',
    "organisatie": "[klik](javascript:alert(1))",
    # the letter's addressee (a line each, split at " / ") and its salutation
    "geadresseerde": "<img src=y onerror=alert(2)> / [post](javascript:alert(3))",
    "aanhef": "# Geachte <script>",
    "hulpvraag": "Wij willen **meer**.\n# Kop\n- lijst\n1. nummer\n    code\n[ref]: javascript:alert(1)",
}


def rapport_md(tmp_path: Path, *opties: str) -> str:
    meta = "".join(f"  {k}: {json.dumps(v)}\n" for k, v in KWAAD.items())  # JSON is YAML
    pad = schrijf(
        tmp_path, "c.yaml", "versie: 1\nmeta:\n" + meta + "antwoorden:\n  deelname: vrijwillig\n"
    )
    uit = advies("rapport", pad, *opties)
    assert uit.exit_code == 0, uit.output
    return uit.stdout


def test_html_and_links_from_the_case_do_not_reach_the_markdown(tmp_path: Path) -> None:
    for tekst in (rapport_md(tmp_path), rapport_md(tmp_path, "--voor", "coach")):
        assert not re.search(r"(?<!\\)<(script|img)", tekst)  # only as \<, which shows a <
        assert not re.search(r"(?<!\\)\]\(javascript:", tekst)
        assert "\\<script\\>alert(1)\\</script\\>" in tekst
        assert "\\[klik\\](javascript:alert(1))" in tekst
        assert "\\[post\\](javascript:alert(3))" in tekst
        # no line of the request became a heading, a list item, code or a link definition
        assert not re.search(r"(?m)^(# Kop|# Geachte|- lijst|1\. nummer|    code|\[ref\]:)", tekst)


def test_beoordeel_as_markdown_escapes_the_case_name(tmp_path: Path) -> None:
    pad = schrijf(
        tmp_path,
        "c.yaml",
        'versie: 1\nmeta:\n  naam: "<b>x</b> [a](javascript:b)"\nantwoorden: {}\n',
    )
    uit = advies("beoordeel", pad, "-f", "md")
    assert uit.exit_code == 0, uit.output
    assert "# Advies intervisie: \\<b\\>x\\</b\\> \\[a\\](javascript:b)" in uit.stdout


def test_escaping_keeps_plain_text_and_words_with_underscores() -> None:
    from advies.report.md_escape import md_tekst

    assert (
        md_tekst("Coördinatoren zorg, regio's Noord & Oost")
        == "Coördinatoren zorg, regio's Noord & Oost"
    )
    assert md_tekst("zelf_aangemeld") == "zelf_aangemeld"
    assert (
        md_tekst("_nadruk_ *ster* `code` a|b &lt;")
        == "\\_nadruk\\_ \\*ster\\* \\`code\\` a\\|b \\&lt;"
    )
