"""Tests for newsweave.pipeline: the stages end to end, through the public Python API."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave import render
from newsweave.config import Options, SummaryOptions
from newsweave.errors import NoArticles, SourceNotFound
from newsweave.model import Briefing, Document
from newsweave.pipeline import brief_paths

FRENCH = """Inondations dans le Gard : plus de 600 habitants évacués
Publié le 14 octobre 2024 à 18h32
De violents orages ont frappé le Gard dans la nuit de dimanche à lundi, provoquant des inondations dans une dizaine de communes.
Selon la préfecture, plus de 600 habitants ont été évacués et une cinquantaine de personnes ont été hélitreuillées par les secours.
À Alès, le Gardon est monté de près de trois mètres en quelques heures, un niveau qui n'avait plus été atteint depuis 2002.
« Nous avons vu l'eau entrer dans les maisons en moins de dix minutes », a raconté une habitante du quartier de Rochebelle.
Le ministre de l'Intérieur doit se rendre sur place mardi matin pour rencontrer les maires des communes sinistrées.
Météo-France a maintenu la vigilance rouge pour les pluies et les inondations jusqu'à mardi midi.
Aucune victime n'a été signalée pour l'instant, mais les dégâts matériels sont considérables, selon les assureurs.
Les écoles de plusieurs communes resteront fermées lundi et mardi, a annoncé le rectorat de Montpellier.
Partager cet article
Abonnez-vous à notre newsletter
"""  # noqa: E501 - one paragraph a line, as scraped


def test_seed_briefing_validates_against_the_schema(seed_briefing: Briefing) -> None:
    data = render.to_dict(seed_briefing)
    render.validate(data)  # raises SchemaViolation on any schema or offset error
    assert data["schema"] == "newsweave.briefing/1"


def test_seed_briefing_counts(seed_briefing: Briefing) -> None:
    assert [a.id for a in seed_briefing.articles] == ["000", "001", "002", "003", "004"]
    assert [g.articles for g in seed_briefing.syndication] == [("003", "004")]
    assert seed_briefing.independent_sources() == 4
    assert seed_briefing.rejected == ()
    assert len(seed_briefing.summary) == SummaryOptions().sentences
    assert seed_briefing.story.date == "2022-11-25"
    assert "Putin" in seed_briefing.story.title


def test_seed_briefing_is_the_same_on_every_run(example_dir: Path, seed_briefing: Briefing) -> None:
    again = brief_paths([example_dir])
    assert again == seed_briefing  # stats (timings) are left out of the comparison


def test_progress_is_called_once_per_document(example_dir: Path) -> None:
    seen: list[str] = []

    def progress(doc: Document) -> None:
        seen.append(doc.id)

    brief_paths([example_dir], options=Options(summary=SummaryOptions(sentences=2)), progress=progress)
    # once each, in the canonical order (newsweave.order), not necessarily the order given
    assert sorted(seen) == ["000", "001", "002", "003", "004"]


def test_a_non_english_article_gets_its_language_and_a_valid_briefing(write) -> None:
    briefing = brief_paths([write("gard.txt", FRENCH)])
    render.validate(render.to_dict(briefing))
    (article,) = briefing.articles
    assert article.language == "fr"
    assert article.title == "Inondations dans le Gard : plus de 600 habitants évacués"
    assert "Abonnez-vous" not in article.text
    assert "Selon la préfecture, plus de 600 habitants ont été évacués" in article.text
    assert len(briefing.summary) >= 3
    for sentence in briefing.summary:
        (span,) = sentence.evidence
        assert article.text[span.start : span.end] == sentence.text


def test_rejected_inputs_are_carried_into_the_briefing(write, example_dir: Path) -> None:
    empty = write("empty.txt", b"")
    nav = write("nav.html", "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body>")
    briefing = brief_paths([example_dir / "001_50c34521cb357cb5.txt", empty, nav])
    assert [a.id for a in briefing.articles] == ["001"]
    assert [(r.source, r.reason) for r in briefing.rejected] == [(str(empty), "empty"), (str(nav), "no_body")]
    render.validate(render.to_dict(briefing))


def test_failures_are_exceptions(write, tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound):
        brief_paths([tmp_path / "missing"])
    with pytest.raises(NoArticles):
        brief_paths([write("nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")])
