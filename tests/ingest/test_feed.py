"""feed reader: RSS and Atom entries, metadata, entity-expansion bombs."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import read_all

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Frontline Daily</title>
  <link>https://frontline.example/</link>
  <item>
    <title>Drone strike hits fuel depot</title>
    <link>https://frontline.example/2024/05/drone-strike</link>
    <guid>fd-1001</guid>
    <pubDate>Tue, 07 May 2024 23:30:00 +0300</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>A drone struck a fuel depot near the border late on Tuesday, the
    regional governor said, causing a large fire but no casualties.</p>]]></content:encoded>
  </item>
  <item>
    <title>Ceasefire talks resume</title>
    <link>https://frontline.example/2024/05/talks</link>
    <description>&lt;p&gt;Negotiators met again in the capital on Wednesday.&lt;/p&gt;</description>
  </item>
  <item><title>Link only</title><link>https://frontline.example/x</link></item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Conflict Monitor</title>
  <id>urn:example:monitor</id>
  <updated>2024-06-02T10:00:00Z</updated>
  <entry>
    <title>Clashes reported in the north</title>
    <id>urn:example:monitor:7</id>
    <link href="https://monitor.example/7"/>
    <published>2024-06-01T08:15:00+02:00</published>
    <updated>2024-06-02T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Government troops and rebels clashed near a northern
    village on Saturday, residents said.&lt;/p&gt;</content>
  </entry>
</feed>
"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>x</title>
<item><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""


def test_feed_rss_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "frontline.rss"
    path.write_text(RSS, encoding="utf-8")
    docs, rejections = read_all(path)
    assert [d.name for d in docs] == ["frontline.rss:1", "frontline.rss:2"]
    first, second = docs
    assert first.media_type == "text/html"
    assert b"struck a fuel depot" in first.content  # full content beats the teaser
    assert first.meta["url"] == "https://frontline.example/2024/05/drone-strike"
    assert first.meta["title"] == "Drone strike hits fuel depot"
    assert first.meta["outlet"] == "Frontline Daily"
    assert first.meta["id"] == "fd-1001"
    assert first.meta["published"] == "2024-05-07T23:30:00+03:00"  # the local day is kept
    assert b"Negotiators met again" in second.content and "published" not in second.meta
    (rejection,) = rejections
    assert (rejection.reason, rejection.severity) == ("entry 3: no content or summary", "warning")


def test_feed_atom_entry_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM, encoding="utf-8")
    docs, rejections = read_all(path)
    assert rejections == []
    (doc,) = docs
    assert b"clashed near a northern" in doc.content
    assert doc.meta["url"] == "https://monitor.example/7"
    assert doc.meta["published"] == "2024-06-01T08:15:00+02:00"
    assert doc.meta["outlet"] == "Conflict Monitor"


def test_feed_xml_extension_is_sniffed_as_feed(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(ATOM, encoding="utf-8")
    docs, _ = read_all(path)
    assert len(docs) == 1


def test_feed_entity_bomb_is_rejected_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser

    def must_not_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("feedparser must not see an entity bomb")

    monkeypatch.setattr(feedparser, "parse", must_not_parse)
    path = tmp_path / "lol.rss"
    path.write_text(BOMB, encoding="utf-8")
    docs, rejections = read_all(path)
    assert docs == []
    (rejection,) = rejections
    assert "declares XML entities" in rejection.reason
    assert "entity-expansion" in rejection.reason


def test_feed_entity_bomb_in_utf16_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "lol16.xml"
    path.write_bytes(BOMB.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>').encode("utf-16"))
    docs, rejections = read_all(path)
    assert docs == []
    assert "declares XML entities" in rejections[0].reason


def test_feed_other_xml_is_rejected_with_root_name(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    sitemap = '<?xml version="1.0"?>\n<urlset><url><loc>https://a.example/</loc></url></urlset>'
    path.write_text(sitemap, encoding="utf-8")
    docs, rejections = read_all(path)
    assert docs == []
    assert rejections[0].reason == "XML file is not an RSS or Atom feed (root element <urlset>)"


def test_feed_max_records_warning(tmp_path: Path) -> None:
    path = tmp_path / "frontline.rss"
    path.write_text(RSS, encoding="utf-8")
    docs, rejections = read_all(path, max_records=1)
    assert len(docs) == 1
    assert [r.severity for r in rejections] == ["warning"]
