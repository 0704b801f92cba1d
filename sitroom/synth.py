"""A synthetic conflict-news corpus for tests and benches: varied stories, copies and formats.

``write_corpus(folder, articles=N)`` writes about N articles, deterministic for a seed, as
JSONL shards, plain-text files, HTML pages and gzip WARC files (HTTP response records, as in
Common Crawl's CC-NEWS). Stories are built from templates over several theatres (actors,
towns, weapons, sources); about one in eight is a near-duplicate of an earlier story (a
syndicated copy with its own headline and a dropped paragraph, or a light rewrite), and some
carry no publication date. It exists to compare engines and to time them, not to score
extraction.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

_THEATRES = (
    {"country": "Syria", "sides": ("the Syrian army", "Hayat Tahrir al-Sham fighters", "Syrian rebels"),
     "towns": ("Aleppo", "Idlib", "Hama", "Homs", "Deir ez-Zor", "Daraa")},
    {"country": "Sudan", "sides": ("the Sudanese army", "the Rapid Support Forces", "RSF fighters"),
     "towns": ("Khartoum", "Omdurman", "El Fasher", "Wad Madani", "Nyala", "El Obeid")},
    {"country": "Ukraine", "sides": ("Russian forces", "Ukrainian troops", "the Ukrainian army"),
     "towns": ("Kharkiv", "Kherson", "Zaporizhzhia", "Pokrovsk", "Sumy", "Odesa")},
    {"country": "Democratic Republic of Congo", "sides": ("M23 rebels", "the Congolese army", "FARDC soldiers"),
     "towns": ("Goma", "Sake", "Bukavu", "Rutshuru", "Beni", "Butembo")},
    {"country": "Yemen", "sides": ("Houthi rebels", "government forces", "the Saudi-led coalition"),
     "towns": ("Marib", "Taiz", "Hodeidah", "Aden", "Saada", "Sanaa")},
    {"country": "Somalia", "sides": ("al-Shabaab militants", "Somali troops", "African Union forces"),
     "towns": ("Mogadishu", "Baidoa", "Kismayo", "Beledweyne", "Afgoye", "Jowhar")},
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SOURCES = ("a local official said", "residents told reporters", "the health ministry said",
            "a military spokesman said", "witnesses said", "a monitoring group said")
_OUTLETS = ("Wire Service", "Daily Frontline", "Regional Herald", "News Desk")

_LEADS = (
    "{a} shelled the town of {town} on {day}, killing {n} civilians and wounding {m} others, {src}.",
    "{a} launched drone strikes on {town} on {day}, killing at least {n} people, {src}.",
    "Heavy clashes broke out between {a} and {b} near {town} on {day}, leaving {n} fighters dead, {src}.",
    "{a} seized control of {town} on {day} after {b} withdrew from their positions, {src}.",
    "An airstrike by {a} hit a market in {town} on {day}, killing {n} people, {src}.",
    "Hundreds of people protested in {town} on {day} against attacks by {a}, {src}.",
)
_FOLLOWS = (
    "{b} said the attack on {town} targeted civilian homes and vowed to respond.",
    "{a} denied that its fighters had attacked civilians in {town}.",
    "The fighting forced about {m} families to flee {town} towards {town2}, aid groups said.",
    "A spokesman for {b} said {n} of its fighters were killed in the fighting around {town2}.",
    "Local hospitals in {town} were overwhelmed with wounded, a doctor told reporters.",
    "{a} said it had captured weapons and ammunition left behind by {b} near {town2}.",
    "The United Nations called on all parties in {country} to protect civilians.",
    "Earlier in the week, {b} had shelled villages on the outskirts of {town2}, residents said.",
)
_BACKGROUND = (
    "The conflict in {country} has killed thousands of people and displaced millions since it began.",
    "Talks between the warring parties have repeatedly stalled over the control of key towns.",
    "Aid agencies say access to the area remains difficult because of the fighting.",
    "Observers warn that the violence could spread to neighbouring regions in the coming weeks.",
)
# Words for the colour sentences that make each story's wording its own, so that unrelated
# stories share few word triples (as real ones do) and only copies cluster as duplicates.
_WORDS = (
    "officials residents road bridge convoy village morning evening checkpoint hospital school "
    "water power supplies fuel prices market farmers traders families children elders council "
    "governor mayor commander envoy delegation statement report footage images videos smoke "
    "damage ruins buildings streets district outskirts border crossing highway airport port "
    "rain dust winter summer harvest bread medicine doctors nurses volunteers shelters tents "
    "camps displaced returned waited gathered moved carried repaired blocked opened closed "
    "quiet tense crowded empty narrow long brief sudden renewed heavy light several few many "
    "local regional national foreign northern southern eastern western central rural urban"
).split()


def _colour(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 18))]
    return " ".join(words).capitalize() + "."


@dataclass(slots=True)
class Story:
    """One generated article before it is written in some format."""

    key: str
    title: str
    outlet: str
    published: str | None
    paragraphs: list[str]

    def text(self) -> str:
        """Headline, blank line, paragraphs."""
        return "\n\n".join([self.title, *self.paragraphs]) + "\n"


def stories(count: int, seed: int = 7, paragraphs: int = 6) -> list[Story]:
    """Return ``count`` stories; every eighth or so copies or rewrites an earlier one."""
    rng = random.Random(seed)
    out: list[Story] = []
    for i in range(count):
        if out and rng.random() < 0.125:
            out.append(_near_copy(rng.choice(out), f"s{i:05d}", rng))
        else:
            out.append(_story(f"s{i:05d}", rng, paragraphs))
    return out


def _story(key: str, rng: random.Random, paragraphs: int) -> Story:
    theatre = rng.choice(_THEATRES)
    a, b = rng.sample(theatre["sides"], 2)
    town, town2 = rng.sample(theatre["towns"], 2)
    values = {"a": a, "b": b, "town": town, "town2": town2, "day": rng.choice(_DAYS),
              "n": rng.randint(2, 40), "m": rng.randint(5, 300), "src": rng.choice(_SOURCES),
              "country": theatre["country"]}
    lead = rng.choice(_LEADS).format(**values)
    body = [f"{lead[0].upper()}{lead[1:]} {_colour(rng)}"]
    for n in range(paragraphs - 2):
        sentence = _FOLLOWS[(n + rng.randrange(len(_FOLLOWS))) % len(_FOLLOWS)].format(**values)
        body.append(f"{sentence[0].upper()}{sentence[1:]} {_colour(rng)} {_colour(rng)}")
    body.append(f"{rng.choice(_BACKGROUND).format(**values)} {_colour(rng)}")
    title = f"Fighting in {town}: {a} and {b} ({key})"
    published = None if rng.random() < 0.15 else f"2024-{rng.randint(10, 12):02d}-{rng.randint(1, 28):02d}"
    return Story(key, title, rng.choice(_OUTLETS), published, body)


def _near_copy(original: Story, key: str, rng: random.Random) -> Story:
    paragraphs = list(original.paragraphs)
    if rng.random() < 0.5:
        paragraphs = paragraphs[:-1]  # a syndicated copy that drops the background paragraph
    else:
        words = paragraphs[-1].split()
        paragraphs[-1] = " ".join(w if rng.random() > 0.2 else "reportedly" for w in words)
    title = f"{original.title.split(' (')[0]} - {rng.choice(_OUTLETS)} ({key})"
    return Story(key, title, rng.choice(_OUTLETS), original.published, paragraphs)


def write_corpus(folder: Path, articles: int = 40, seed: int = 7, shards: int = 4, paragraphs: int = 6) -> Path:
    """Write about ``articles`` stories under ``folder`` in mixed formats and return ``folder``.

    Half go to ``shards`` JSONL files, a sixth each to text files, HTML pages and WARC files.
    """
    folder.mkdir(parents=True, exist_ok=True)
    items = stories(articles, seed, paragraphs)
    jsonl = [s for i, s in enumerate(items) if i % 6 < 3]
    texts = [s for i, s in enumerate(items) if i % 6 == 3]
    pages = [s for i, s in enumerate(items) if i % 6 == 4]
    warcs = [s for i, s in enumerate(items) if i % 6 == 5]
    for n in range(shards):
        shard = jsonl[n::shards]
        if shard:
            lines = (json.dumps(_record(s), ensure_ascii=False) for s in shard)
            (folder / f"news-{n:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for story in texts:
        (folder / f"{story.key}.txt").write_text(story.text(), encoding="utf-8")
    for story in pages:
        (folder / f"{story.key}.html").write_text(_html(story), encoding="utf-8")
    for n in range(shards):
        shard = warcs[n::shards]
        if shard:
            (folder / f"cc-news-{n:03d}.warc.gz").write_bytes(_warc(shard))
    return folder


def _record(story: Story) -> dict[str, str]:
    record = {"id": story.key, "title": story.title, "outlet": story.outlet, "text": "\n\n".join(story.paragraphs)}
    if story.published:
        record["published"] = story.published
    return record


def _html(story: Story) -> str:
    date = f'<meta property="article:published_time" content="{story.published}">' if story.published else ""
    body = "".join(f"<p>{p}</p>" for p in story.paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{story.title}</title>{date}</head>"
            f"<body><nav>Home | World | Sport</nav><article><h1>{story.title}</h1>{body}</article>"
            "<footer>Copyright News Desk</footer></body></html>")


def _warc(items: list[Story]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for story in items:
        payload = _html(story).encode("utf-8")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example/{story.key}", "response", payload=io.BytesIO(payload), http_headers=http
        )
        writer.write_record(record)
    data = buffer.getvalue()
    gzip.decompress(data)  # each record is its own gzip member, as in CC-NEWS; this checks them
    return data
