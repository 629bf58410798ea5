"""Point 1: a Word template cannot run code; only the documented tags are allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument

from .conftest import advies, geweigerd, ilse

AANVAL = (
    "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__=='_wrap_close' %}"
    "{{ c.__init__.__globals__['system']('touch {doel}') }}{% endif %}{% endfor %}"
)


def sjabloon(pad: Path, *alineas: str, titel: str = "") -> Path:
    doc = WordDocument()
    for tekst in alineas:
        doc.add_paragraph(tekst)
    doc.core_properties.title = titel
    doc.save(str(pad))
    return pad


def test_the_command_in_a_template_is_refused_naming_the_tag_and_never_run(tmp_path: Path) -> None:
    doel = tmp_path / "gehackt"
    kwaad = sjabloon(tmp_path / "kwaad.docx", AANVAL.replace("{doel}", str(doel)), "{{p inhoud }}")
    uit = tmp_path / "advies.docx"
    fout = geweigerd(
        advies("rapport", ilse(tmp_path), "-f", "docx", "-o", uit, "--sjabloon", kwaad),
        str(kwaad),
        "{% for c in ''.__class__",
        "niet toegestaan",
        "titel, ondertitel",
    )
    assert not doel.exists() and not uit.exists(), fout


@pytest.mark.parametrize(
    ("tag", "genoemd"),
    [
        ("{{ titel.__class__ }}", "__class__"),
        ("{{ titel.upper() }}", "upper"),
        ("{{ titel|attr('__class__') }}", "attr"),
        ("{% set x = titel %}{{ x }}", "Assign"),
        ("{% for g in gegevens %}{{ g.__class__ }}{% endfor %}", "__class__"),
        ("{{ lipsum.__globals__ }}", "__globals__"),
        ("{% include 'x' %}", "Include"),
    ],
)
def test_anything_beyond_the_documented_tags_is_refused(
    tmp_path: Path, tag: str, genoemd: str
) -> None:
    kwaad = sjabloon(tmp_path / "kwaad.docx", tag, "{{p inhoud }}")
    geweigerd(
        advies(
            "rapport", ilse(tmp_path), "-f", "docx", "-o", tmp_path / "a.docx", "--sjabloon", kwaad
        ),
        "niet toegestaan",
        genoemd,
    )


def test_the_documents_title_is_a_template_too_and_is_checked(tmp_path: Path) -> None:
    doel = tmp_path / "gehackt"
    kwaad = sjabloon(
        tmp_path / "kwaad.docx", "{{p inhoud }}", titel=AANVAL.replace("{doel}", str(doel))
    )
    geweigerd(
        advies(
            "rapport", ilse(tmp_path), "-f", "docx", "-o", tmp_path / "a.docx", "--sjabloon", kwaad
        ),
        "niet toegestaan",
    )
    assert not doel.exists()


def test_the_documented_tags_filters_and_the_loop_work_where_a_call_does_not(
    tmp_path: Path,
) -> None:
    goed = sjabloon(
        tmp_path / "goed.docx",
        "{{ titel|upper }} — {{ oordeel }}",
        "{% for g in gegevens %}{{ g.label }}: {{ g.waarde }}; {% endfor %}",
        "{% if ondertitel %}{{ ondertitel }}{% endif %}",
        "{{p inhoud }}",
    )
    uit = tmp_path / "a.docx"
    gedaan = advies("rapport", ilse(tmp_path), "-f", "docx", "-o", uit, "--sjabloon", goed)
    assert gedaan.exit_code == 0, gedaan.output
    teksten = [p.text for p in WordDocument(str(uit)).paragraphs]
    assert teksten[0] == "ADVIES OVER DE START VAN INTERVISIE — Go onder voorwaarden"
    assert teksten[1].startswith("Opdrachtgever: organisatorisch manager;")
    kwaad = sjabloon(tmp_path / "kwaad.docx", "{{ titel.title() }}", "{{p inhoud }}")
    geweigerd(
        advies("rapport", ilse(tmp_path), "-f", "docx", "-o", uit, "--sjabloon", kwaad), "title"
    )


def test_both_html_and_word_render_in_jinjas_sandbox() -> None:
    from jinja2.sandbox import SandboxedEnvironment

    from advies.report import docx_template, html
    from advies.web import rendering

    assert isinstance(html._omgeving(), SandboxedEnvironment)
    assert isinstance(docx_template.omgeving(), SandboxedEnvironment)
    assert isinstance(rendering.omgeving(), SandboxedEnvironment)
