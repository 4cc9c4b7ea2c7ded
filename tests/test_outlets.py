"""Naming each article's outlet: from its address, its metadata, or what its furniture says of itself;
never guessed from a name the body mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.clean import clean_documents
from newsweave.clean.outlets import outlet_from_furniture, outlet_from_host
from newsweave.ingest import read_inputs


def test_the_seeds_name_the_outlets_their_texts_name(example_dir: Path) -> None:
    docs, _ = read_inputs([example_dir])
    articles, _ = clean_documents(docs)
    named = {a.id: a.outlet for a in articles}
    assert named == {"000": None, "001": "The Independent", "002": "BOL News", "003": None, "004": "News24"}


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.independent.co.uk/news/world/europe/putin.html", "The Independent"),
        ("https://edition.cnn.com/2022/11/25/europe/story", "CNN"),
        ("https://www.theparadigmng.com/2018/10/09/x", "theparadigmng.com"),
        (None, None),
    ],
)
def test_a_url_names_its_outlet_by_host(url: str | None, outlet: str | None) -> None:
    assert outlet_from_host(url) == outlet


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (
            [
                "Follow The New York Times Opinion section on Facebook, Twitter and Instagram.",
                "© 2019 The New York Times Company",
            ],
            "The New York Times",
        ),
        (
            ["Copyright © 2019 The Paradigm. All Rights Reserved.", "Subscribe to The Paradigm via Email"],
            "The Paradigm",
        ),
        (["Download The BOL News App to get the Daily News Update & Live News."], "BOL News"),
        (["Follow Us", "© 2019 POLYGRAPH.info All Rights Reserved."], "POLYGRAPH.info"),
        # a site's navigation names it; a parent company's copyright only backs it up
        (["Vox homepage", "Follow Vox online:", "Vox Media", "© 2019 Vox Media, LLC. All Rights Reserved"], "Vox"),
        (
            [
                "The Verge homepage",
                "Follow The Verge online:",
                "Vox Media",
                "© 2019 Vox Media, LLC. All Rights Reserved",
            ],
            "The Verge",
        ),
        (["Andy Sahadeo | Fox News", "©2019 FOX News Network, LLC. All rights reserved."], "Fox News"),
        (["CBS News App", "/ CBS News"], "CBS News"),
        (["Senior editor at Gizmodo.", "Gizmodo"], "Gizmodo"),
        (["Science writer at Gizmodo and pug aficionado elsewhere", "Gizmodo"], "Gizmodo"),
        (["© ScienceAlert Pty Ltd. All rights reserved.", "ScienceAlert"], "ScienceAlert"),
        (["CT Post", "Contact CT Post", "© Copyright Hearst Media Services Connecticut, LLC"], "Connecticut Post"),
        (["Copyright © 2010 AUTORACING. Todos os direitos reservados.", "AUTORACING"], "AUTORACING"),
        # a copyright line alone names nobody: its holder is often a parent company or a photographer
        (["© 2019 Hearst Communications, Inc."], None),
        (["Dow Jones", "Copyright ©2019 Dow Jones & Company, Inc. All Rights Reserved."], None),
        # a shop, a contact link or a wire's credit is not the site
        (["NFL Shop", "NFL", "NFL Shop"], None),
        (["About Me/Contact", "Contact Me", "Contact"], None),
        (["Photo: Jane Smith / Reuters"], None),
        (["© Regan"], None),
        # a platform is no outlet
        (["Follow us on Facebook", "Download the WhatsApp App"], None),
        ([], None),
    ],
)
def test_furniture_that_speaks_of_its_site(lines: list[str], outlet: str | None) -> None:
    assert outlet_from_furniture(lines) == outlet


def test_a_name_the_body_mentions_is_not_the_outlet(write) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The minister told The New York Times on Friday that the plan would go ahead, officials said.\n\n"
        "Reuters and The Guardian reported the same figures, and the BBC confirmed them later that day.\n\n"
        "The council will meet again next week to decide on the budget for the flood barrier project."
    )
    docs, _ = read_inputs([write("a.txt", text)])
    (article,), _ = clean_documents(docs)
    assert article.outlet is None


def test_an_html_page_is_named_by_its_site_name_or_its_host() -> None:
    import hashlib

    from newsweave.model import Document

    body = "<p>" + "The city council approved the new flood barrier on Friday after a long debate. " * 4 + "</p>"
    meta = '<meta property="og:site_name" content="The Paradigm">'
    page = f"<html><head>{meta}</head><body><article>{body}</article></body></html>"
    plain = f"<html><head></head><body><article>{body}</article></body></html>"
    docs = [
        Document(id="a", source="a.html", content=page, kind="html", sha256=hashlib.sha256(page.encode()).hexdigest()),
        Document(
            id="b",
            source="b.html",
            content=plain,
            kind="html",
            sha256="b" * 64,
            url="https://www.independent.co.uk/news/x.html",
        ),  # fmt: skip
    ]
    articles, _ = clean_documents(docs)
    assert [a.outlet for a in articles] == ["The Paradigm", "The Independent"]
