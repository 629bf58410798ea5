"""Snapshots of the Markdown and HTML advice: four verdicts, two audiences.

Read each snapshot you accept: they are the advice a client gets.
"""

from __future__ import annotations

import pytest

from advies.report.render import render_report

from .conftest import VASTE_DATUM

VERDICTS = ["go", "go_onder_voorwaarden", "no_go", "onvoldoende_informatie"]


@pytest.mark.parametrize("voor", ["klant", "coach"])
@pytest.mark.parametrize("verdict", VERDICTS)
def test_markdown_advice_matches_the_snapshot(gevallen, kb, md_snapshot, verdict, voor):
    casus, advies = gevallen[verdict]
    assert render_report(casus, advies, kb, "md", voor, datum=VASTE_DATUM) == md_snapshot


@pytest.mark.parametrize("voor", ["klant", "coach"])
@pytest.mark.parametrize("verdict", VERDICTS)
def test_html_advice_matches_the_snapshot(gevallen, kb, html_snapshot, verdict, voor):
    casus, advies = gevallen[verdict]
    assert render_report(casus, advies, kb, "html", voor, datum=VASTE_DATUM) == html_snapshot


def test_markdown_and_html_with_a_coach_judgement_match_the_snapshot(
    gevallen, kb, md_snapshot, html_snapshot
):
    casus, advies = gevallen["oordeel_coach"]
    assert render_report(casus, advies, kb, "md", "klant", datum=VASTE_DATUM) == md_snapshot
    assert render_report(casus, advies, kb, "html", "klant", datum=VASTE_DATUM) == html_snapshot
