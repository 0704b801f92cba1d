"""Build articles and hand-resolved references for event tests (no resolver or model needed)."""

from __future__ import annotations

from sitroom.model import ActorRef, Article, DateRef, Evidence, PlaceRef

# name -> (lat, lon, country, admin1, kind, geo_precision)
PLACES = {
    "Kharkiv": (49.99, 36.23, "Ukraine", "Kharkiv", "city", 1),
    "Izium": (49.21, 37.26, "Ukraine", "Kharkiv", "city", 1),
    "Kupiansk": (49.71, 37.61, "Ukraine", "Kharkiv", "city", 1),
    "Ukraine": (49.0, 32.0, "Ukraine", None, "country", 3),
    "Goma": (-1.68, 29.22, "Democratic Republic of Congo", "North Kivu", "city", 1),
    "Sake": (-1.57, 29.04, "Democratic Republic of Congo", "North Kivu", "city", 1),
    "Bunia": (1.56, 30.25, "Democratic Republic of Congo", "Ituri", "city", 1),
    "Democratic Republic of Congo": (-2.9, 23.6, "Democratic Republic of Congo", None, "country", 3),
    "Khartoum": (15.5, 32.56, "Sudan", "Khartoum", "city", 1),
    "El Fasher": (13.63, 25.35, "Sudan", "North Darfur", "city", 1),
    "Sudan": (15.0, 30.0, "Sudan", None, "country", 3),
}
# surface -> (canonical, type)
ACTORS = {
    "Russian forces": ("Military Forces of Russia (2000-)", "state_force"),
    "Russian": ("Military Forces of Russia (2000-)", "state_force"),
    "Ukrainian troops": ("Military Forces of Ukraine (2019-)", "state_force"),
    "Ukrainian forces": ("Military Forces of Ukraine (2019-)", "state_force"),
    "M23 rebels": ("M23: March 23 Movement", "rebel"),
    "M23": ("M23: March 23 Movement", "rebel"),
    "Congolese army": ("Military Forces of the Democratic Republic of Congo (2019-)", "state_force"),
    "RSF": ("Rapid Support Forces", "rebel"),
    "the army": ("Military Forces of Sudan (2019-)", "state_force"),
    "Sudanese army": ("Military Forces of Sudan (2019-)", "state_force"),
    "police": ("Police Forces of Sudan (2019-)", "state_force"),
    "Reuters": ("Reuters", "media"),
    "A senior Ugandan official": ("Uganda", "state"),
    "John Doe": ("John Doe", "person"),
    "Kinshasa": ("Government of the Democratic Republic of Congo (2019-)", "state"),
    "Kibumba": ("Kibumba", "political"),
    "ADF": ("Allied Democratic Forces", "rebel"),
    "Rwandan shelling": ("Military Forces of Rwanda (1994-)", "state_force"),
}
DAYS = {"on Monday": "2025-03-03", "on Tuesday": "2025-03-04", "on Sunday": "2025-03-02", "late on Sunday": "2025-03-02",
        "on Saturday": "2025-03-01", "on Friday": "2025-02-28", "in 2014": "2014-01-01",
        "Sunday": "2025-03-02", "Monday": "2025-03-03"}


def _spans(text: str, needle: str, fold: bool = False) -> list[tuple[int, int]]:
    if fold:
        text, needle = text.lower(), needle.lower()
    out, k = [], text.find(needle)
    while k >= 0:
        left_ok = k == 0 or not text[k - 1].isalnum()
        right_ok = k + len(needle) >= len(text) or not text[k + len(needle)].isalnum()
        if left_ok and right_ok:
            out.append((k, k + len(needle)))
        k = text.find(needle, k + 1)
    return out


def article(text: str, published: str | None = "2025-03-04", aid: str = "a.txt#1", title: str | None = None) -> Article:
    """An article over ``text``."""
    return Article(aid, "d1", "a.txt", 1, title, None, published, "given", text)


def refs(art: Article) -> tuple[list[ActorRef], list[PlaceRef], list[DateRef]]:
    """Resolve every known surface form in the article by exact search (longest wins)."""
    text, taken = art.text, set()
    actors, places, dates = [], [], []
    for surface in sorted(ACTORS, key=len, reverse=True):
        for s, e in _spans(text, surface):
            if not taken & set(range(s, e)):
                taken |= set(range(s, e))
                name, kind = ACTORS[surface]
                actors.append(ActorRef(name, surface, kind, Evidence(art.article_id, s, e, text[s:e]),
                                       provisional=name == surface))
    for name, (lat, lon, country, admin1, kind, geo) in PLACES.items():
        for s, e in _spans(text, name):
            if not taken & set(range(s, e)):
                places.append(PlaceRef(name, country, admin1, lat, lon, geo, None,
                                       Evidence(art.article_id, s, e, text[s:e]), kind))
    for surface in sorted(DAYS, key=len, reverse=True):
        for s, e in _spans(text, surface, fold=True):
            if not taken & set(range(s, e)):
                taken |= set(range(s, e))
                dates.append(DateRef(DAYS[surface], None, 1, Evidence(art.article_id, s, e, text[s:e])))
    return actors, places, dates
