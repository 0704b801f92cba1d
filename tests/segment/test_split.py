"""Plain-text splitting on page shapes: multi-article dumps, comments, teasers, untitled pages."""

from __future__ import annotations

from .helpers import para, run


def test_split_articles_separated_by_repeated_site_header() -> None:
    page = "\n\n".join([
        "The Frontline Herald",
        "Drone strike hits fuel depot outside Kharkiv",
        para("Kharkiv", 2),
        para("the depot", 2),
        "The Frontline Herald",
        "Ceasefire talks stall over prisoner exchange",
        para("Istanbul", 2),
        para("the talks", 2),
    ])
    arts = run(page)
    assert [a.title for a in arts] == [
        "Drone strike hits fuel depot outside Kharkiv",
        "Ceasefire talks stall over prisoner exchange",
    ]
    assert all("Frontline Herald" not in a.text for a in arts)
    assert "Istanbul" not in arts[0].text and "Kharkiv" not in arts[1].text


def test_split_comment_thread_is_dropped() -> None:
    comments = []
    for name in ("Rami K.", "Jane Doe", "observer77", "M. Haddad"):
        comments += [f"{name} says:", "December 4, 2024 at 10:12 am",
                     "This is the worst escalation I have seen in years and the world is simply watching. "
                     "Nobody in the capital seems to care about the people trapped in the city, it is a disgrace.",
                     "Reply"]
    page = "\n\n".join([
        "Army retakes bridge on the road to El Fasher",
        para("El Fasher", 3),
        para("the bridge", 2),
        "4 Comments",
        *comments,
    ])
    arts = run(page)
    assert len(arts) == 1
    assert arts[0].title == "Army retakes bridge on the road to El Fasher"
    assert "disgrace" not in arts[0].text and "says:" not in arts[0].text


def test_split_comment_thread_after_leave_a_reply_marker() -> None:
    page = "\n\n".join([
        "Militia convoy ambushed near Goma",
        para("Goma", 3),
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "I have family in the area and we have not heard from them since Sunday. Please pray for them all, it is terrible.",
        "The government has known about this for months and did nothing to stop the convoys from moving through the hills.",
        "Another comment that goes on about the history of the region for quite a long time without any full stop at all",
    ])
    arts = run(page)
    assert len(arts) == 1
    assert "family in the area" not in arts[0].text


def test_split_page_without_title_is_one_untitled_article() -> None:
    page = "\n\n".join([para("Mariupol", 2), para("the port", 2), para("the steel plant", 2)])
    arts = run(page)
    assert len(arts) == 1
    assert arts[0].title is None
    assert arts[0].text.startswith("Officials said the fighting around Mariupol")


def test_split_rss_dump_with_first_appeared_lines() -> None:
    items = []
    titles = ["Sudan's army says it repelled attack on Omdurman",
              "Aid agencies warn of famine in North Darfur camps",
              "RSF commander killed in air strike, sources say"]
    for title in titles:
        items += ["RSS", title, para(title.split()[0], 2), para("the camps", 1),
                  f"The post {title} first appeared on Sudan Monitor.org.", "Continue Reading"]
    arts = run("\n\n".join(items))
    assert [a.title for a in arts] == titles
    assert {a.outlet for a in arts} == {"Sudan Monitor"}
    assert all("first appeared" not in a.text and "Continue Reading" not in a.text for a in arts)


def test_split_related_articles_teaser_list_is_dropped() -> None:
    page = "\n\n".join([
        "Shelling kills five in Zaporizhzhia suburb",
        para("Zaporizhzhia", 3),
        para("the suburb", 2),
        "Related articles",
        "Kyiv says energy grid restored after overnight attack",
        "Power returned to most districts by morning, the operator said, after a night of repairs. "
        "Engineers worked through the night in freezing temperatures to restore the lines to the city.",
        "Russia claims capture of village near Pokrovsk",
        "The defence ministry in Moscow said its troops had taken the village; Ukraine did not confirm.",
        "Drone debris damages apartment block in Odesa",
        "No one was hurt, the regional governor said on his Telegram channel.",
    ])
    arts = run(page)
    assert len(arts) == 1
    assert arts[0].title == "Shelling kills five in Zaporizhzhia suburb"
    assert "Pokrovsk" not in arts[0].text and "Odesa" not in arts[0].text


def test_split_teaser_triples_after_print_line_are_dropped() -> None:
    teasers = []
    for title in ("Budget blues", "A fragile truce", "Water wars ahead"):
        teasers += [title, "04 Dec, 2024", title, "A short blurb that ends the teaser and says very little..."]
    page = "\n\n".join([
        "Troops deployed to border after clashes",
        "Published December 4, 2024",
        para("the border", 3),
        para("the crossing", 2),
        "Published in Daily Record, December 4th, 2024",
        "Opinion",
        *teasers,
    ])
    arts = run(page)
    assert len(arts) == 1
    assert arts[0].outlet == "Daily Record"
    assert arts[0].published == "2024-12-04" and arts[0].date_source == "stated"
    assert "blurb" not in arts[0].text


def test_split_subheadings_stay_inside_the_article() -> None:
    page = "\n\n".join([
        "Rebels advance on provincial capital",
        para("the capital", 2),
        "Government response",
        para("the ministry", 2),
        "HUMANITARIAN CRISIS",
        para("the camps", 2),
    ])
    arts = run(page)
    assert len(arts) == 1
    assert "Government response" in arts[0].text
    assert "HUMANITARIAN CRISIS" in arts[0].text


def test_split_wide_gap_and_doubled_captions_start_a_new_article() -> None:
    cap1 = "Soldiers walk past a destroyed tank near Bakhmut, Ukraine March 3, 2023. (Reuters)"
    cap2 = "A woman walks past a shelled building in Kherson, Ukraine March 5, 2023. REUTERS/Jane Smith"
    page = (
        "Heavy fighting reported around Bakhmut\n\n" + cap1 + "\n" + cap1 + "\nTT\n\n"
        + "Heavy fighting reported around Bakhmut\n\n" + para("Bakhmut", 2) + "\n\n" + para("the city", 2)
        + "\n\n\n\nKherson residents flee renewed shelling\n\n" + cap2 + "\n" + cap2 + "\n\n"
        + para("Kherson", 2) + "\n\n" + para("the river", 2)
    )
    arts = run(page)
    assert [a.title for a in arts] == ["Heavy fighting reported around Bakhmut", "Kherson residents flee renewed shelling"]
    assert "REUTERS" not in arts[1].text and "destroyed tank" not in arts[0].text
    assert "TT" not in arts[0].text.split()
    assert "Heavy fighting reported" not in arts[0].text


def test_split_breadcrumb_standfirst_and_read_time_are_dropped() -> None:
    lead = ("Government forces shelled the northern districts of the city for a third day on Tuesday, "
            "residents said, as talks on a humanitarian corridor stalled")
    page = "\n".join([
        "World / Africa / Shelling resumes in Khartoum as truce talks stall",
        "",
        "Shelling resumes in Khartoum as truce talks stall",
        "",
        lead,
        "",
        "AFP",
        "3 min read Last Updated : Jan 16 2024 | 08:10 AM GMT",
        "",
        lead + ", with hundreds of families trying to leave.",
        para("Khartoum", 3),
        "Topics : Sudan conflict Khartoum",
    ])
    arts = run(page)
    assert len(arts) == 1
    art = arts[0]
    assert art.title == "Shelling resumes in Khartoum as truce talks stall"
    assert art.published == "2024-01-16" and art.date_source == "stated"
    assert art.text.count("talks on a humanitarian corridor stalled") == 1
    assert "min read" not in art.text and "Topics" not in art.text and "Africa /" not in art.text


def test_split_two_copies_of_one_story_stay_two_articles() -> None:
    story = ["Port city hit by missile strike", para("the port", 3), para("the harbour", 2)]
    page = "\n\n".join(story + ["The post Port city hit by missile strike first appeared on Wire One.", "Continue Reading"]
                       + story + ["The post Port city hit by missile strike first appeared on Wire Two."])
    arts = run(page)
    assert len(arts) == 2
    assert arts[0].text == arts[1].text
    assert [a.outlet for a in arts] == ["Wire One", "Wire Two"]


def test_split_short_block_is_not_an_article() -> None:
    assert run("Breaking news\n\nClashes reported in the east.") == []


def test_split_span_points_at_the_article_in_the_decoded_text() -> None:
    page = "Menu\n\nTroops enter the old city\n\n" + para("the old city", 3) + "\n\n" + para("the citadel", 2)
    art = run(page)[0]
    start, end = art.span
    assert page[start:end].startswith("Troops enter the old city")
    assert page[start:end].endswith(para("the citadel", 2))
    assert art.article_id.endswith("#1") and art.k == 1 and art.file == "page.txt"


def test_split_date_stamp_above_headline_starts_an_article() -> None:
    page = "\n\n".join([
        "12 March 2024",
        "Floods cut road to northern camps",
        para("the camps", 3),
        "13 March 2024",
        "Aid convoy reaches besieged town",
        para("the town", 3),
    ])
    arts = run(page)
    assert [(a.title, a.published) for a in arts] == [
        ("Floods cut road to northern camps", "2024-03-12"),
        ("Aid convoy reaches besieged town", "2024-03-13"),
    ]


def test_split_site_header_above_date_line_is_not_the_title() -> None:
    page = "\n\n".join([
        "The Frontline Herald", "March 3, 2024", "Drone strike hits fuel depot outside Kharkiv",
        para("Kharkiv", 3),
        "The Frontline Herald", "March 4, 2024", "Ceasefire talks stall over prisoner exchange",
        para("Istanbul", 3),
    ])
    arts = run(page)
    assert [(a.title, a.published) for a in arts] == [
        ("Drone strike hits fuel depot outside Kharkiv", "2024-03-03"),
        ("Ceasefire talks stall over prisoner exchange", "2024-03-04"),
    ]


def test_split_agency_label_above_headline_keeps_the_headline() -> None:
    page = "\n\n".join([
        "Reuters", "Troops withdraw from border post after shelling", para("the border post", 3),
        "The post Troops withdraw from border post after shelling first appeared on Wire.com.",
        "AFP", "Talks resume in Doha on hostage release", para("Doha", 3),
    ])
    assert [a.title for a in run(page)] == [
        "Troops withdraw from border post after shelling", "Talks resume in Doha on hostage release",
    ]
