"""HTML pages: main text, title, site name and stated date; navigation and comments dropped."""

from __future__ import annotations

from sitroom.segment.boilerplate import looks_like_html

from .helpers import run

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Rebels seize airport near Kherson | The Daily Front</title>
<meta property="og:site_name" content="The Daily Front">
<meta property="og:title" content="Rebels seize airport near Kherson">
<meta property="article:published_time" content="2023-03-14T08:30:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/about">About us</a></li></ul></nav>
<article><h1>Rebels seize airport near Kherson</h1>
<p>Fighters loyal to the provisional council captured the regional airport on Tuesday after two days of heavy
shelling, local officials said in a statement.</p>
<p>The council said at least twelve soldiers were killed in the fighting, and residents reported that several
houses near the runway had been destroyed by artillery fire.</p>
<p>The defence ministry denied that the airport had fallen and said its troops were still holding the northern
perimeter of the site.</p>
</article>
<section class="comments"><h3>3 Comments</h3><div class="comment"><p>This is a disgrace, the government should
resign immediately and let the people decide what happens next.</p></div></section>
<footer><p>Copyright &copy; 2023 The Daily Front. All rights reserved.</p></footer>
</body></html>"""


def test_boilerplate_html_page_is_one_article_with_stated_date() -> None:
    arts = run(PAGE, name="kherson.html", media_type="text/html")
    assert len(arts) == 1
    art = arts[0]
    assert art.title == "Rebels seize airport near Kherson"
    assert (art.published, art.date_source, art.date_precision) == ("2023-03-14", "stated", "day")
    assert art.outlet == "The Daily Front"
    assert art.text.startswith("Fighters loyal to the provisional council")
    assert "northern perimeter" in art.text
    for junk in ("About us", "disgrace", "Copyright", "Rebels seize airport near Kherson"):
        assert junk not in art.text
    assert art.span is None


def test_boilerplate_html_sniffed_from_text_media_type() -> None:
    arts = run(PAGE, name="kherson.txt", media_type="text/plain")
    assert [a.title for a in arts] == ["Rebels seize airport near Kherson"]


def test_boilerplate_html_meta_published_wins() -> None:
    art = run(PAGE, media_type="text/html", meta={"published": "2023-03-15"})[0]
    assert (art.published, art.date_source) == ("2023-03-15", "given")


def test_boilerplate_looks_like_html() -> None:
    assert looks_like_html("application/xhtml+xml", "x")
    assert looks_like_html("text/plain", "  <!DOCTYPE html><html>")
    assert not looks_like_html("text/plain", "Rebels <b>seize</b> the town")
