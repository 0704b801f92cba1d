"""Page shapes copied from different outlets' sites, alone and concatenated into one file."""

from __future__ import annotations

import pytest

from .helpers import run

ALJAZEERA = """\
Russia-Ukraine war
Russian missile attack on Kyiv kills at least five, officials say

Ukraine’s air force says it shot down most of the missiles and drones launched overnight

By Al Jazeera Staff
Published On 7 Dec 2024
7 Dec 2024
Save
Click here to share on social media
share2

A Russian missile and drone attack on Kyiv has killed at least five people and wounded more than a dozen, according to Ukrainian officials, in one of the largest assaults on the capital in weeks.

The attack began shortly after 4am local time on Saturday (02:00 GMT), with explosions heard across the city as air defence units tried to repel the missiles.

Kyiv Mayor Vitali Klitschko said on Telegram that rescue workers were searching the rubble of a residential building in the Solomianskyi district.

“The enemy once again struck at civilian infrastructure,” President Volodymyr Zelenskyy said in a statement, calling on allies to speed up deliveries of air defence systems.

Russia’s Ministry of Defence said it had hit “military-industrial facilities” and did not comment on civilian casualties.

Source: Al Jazeera and news agencies
"""

BBC = """\
Sudan war: RSF accused of killing dozens in village raid
2 hours ago
Share
Save
Barbara Plett Usher
BBC Africa correspondent
Getty Images
Thousands have fled fighting in Sudan's Gezira state in recent weeks
Paramilitary fighters from the Rapid Support Forces (RSF) have killed at least 40 people in a raid on a village in central Sudan, local activists say.
The attack on Wad al-Noura in Gezira state on Wednesday was one of the deadliest in months, according to the Resistance Committees, a network of pro-democracy volunteers.
Videos posted on social media showed rows of bodies wrapped in shrouds.
The RSF has denied targeting civilians and says it was fighting army-aligned militias in the area.
Sudan's war between the army and the RSF erupted in April 2023 and has displaced more than 11 million people, according to the United Nations.
'We buried them in one grave'
A resident who fled to a nearby town told the BBC that the fighters arrived on motorbikes and pickup trucks early in the morning.
"They went from house to house. We buried them in one grave," he said, asking not to be named for his safety.
The army has accused the RSF of committing genocide in Darfur, a charge the paramilitary group rejects.
More on this story
Sudan's war: What is happening and why?
Sudan's army retakes key bridge in Khartoum
"""

GUARDIAN = """\
Myanmar
Myanmar junta loses control of key border town to rebel alliance
Three Brotherhood Alliance says it has captured Lashio, the largest town yet to fall since the 2021 coup
Rebecca Ratcliffe South-east Asia correspondent
Sat 3 Aug 2024 10.01 BST
Last modified on Sat 3 Aug 2024 12.15 BST
Myanmar’s military has lost control of a strategic town on the border with China, in one of the biggest defeats for the junta since it seized power in a coup in 2021, according to a rebel group.
The Myanmar National Democratic Alliance Army (MNDAA) said on Saturday that it had taken full control of Lashio, including the headquarters of the military’s north-eastern command.
The military did not immediately comment, but state media said fighting was continuing in parts of the town.
Analysts said the loss of Lashio, which lies on a key trade route to China, would be a significant blow to the junta.
Fighting on several fronts
The junta has faced growing pressure on several fronts since late last year, when the Three Brotherhood Alliance launched a coordinated offensive in northern Shan state.
Thousands of civilians have fled the fighting, according to the United Nations.
Explore more on these topics
Myanmar
Asia Pacific
news
Share
Reuse this content
"""

REUTERS = """\
Israeli strikes kill dozens in Gaza as ceasefire talks resume
By Nidal al-Mughrabi and Maayan Lubell
January 16, 20258:21 PM GMT+1Updated 2 hours ago
CAIRO/JERUSALEM, Jan 16 (Reuters) - Israeli air strikes killed at least 40 people across the Gaza Strip on Thursday, Palestinian health officials said, as mediators in Doha tried to finalise a ceasefire agreement.
The strikes hit houses in Gaza City and the central Gaza Strip, according to medics, who said women and children were among the dead.
The Israeli military said it had targeted Hamas militants and infrastructure and that it took steps to reduce harm to civilians.
Qatar's prime minister said on Wednesday that an agreement had been reached, but Israeli officials said some details still had to be finalised.
Reporting by Nidal al-Mughrabi in Cairo and Maayan Lubell in Jerusalem; Editing by Alex Richardson
Our Standards: The Thomson Reuters Trust Principles., opens new tab
"""

WRAPPED = """\
SITUATION REPORT: EASTERN DRC

M23 rebels advance towards Goma as fighting intensifies

Rebels of the M23 movement advanced to within a few kilometres of Goma
on Sunday, according to local officials and United Nations sources, after
heavy fighting with Congolese troops and allied militias in the hills
north of the city.

Thousands of displaced people fled towards the city centre, where aid
agencies said camps were already overcrowded. The UN peacekeeping mission
said its troops had exchanged fire with the rebels near Sake.

The government in Kinshasa accused Rwanda of sending troops to support
the rebels, a charge Kigali has repeatedly denied. Regional leaders have
called for an immediate ceasefire.
"""

EXPECTED = {
    "ALJAZEERA": ("Russian missile attack on Kyiv kills at least five, officials say", "2024-12-07"),
    "BBC": ("Sudan war: RSF accused of killing dozens in village raid", None),
    "GUARDIAN": ("Myanmar junta loses control of key border town to rebel alliance", "2024-08-03"),
    "REUTERS": ("Israeli strikes kill dozens in Gaza as ceasefire talks resume", "2025-01-16"),
    "WRAPPED": ("M23 rebels advance towards Goma as fighting intensifies", None),
}
PAGES = {"ALJAZEERA": ALJAZEERA, "BBC": BBC, "GUARDIAN": GUARDIAN, "REUTERS": REUTERS, "WRAPPED": WRAPPED}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_shapes_single_page_title_and_date(name: str) -> None:
    arts = run(PAGES[name])
    assert [(a.title, a.published) for a in arts] == [EXPECTED[name]]


def test_shapes_kicker_standfirst_byline_and_widgets_leave_the_text() -> None:
    text = run(ALJAZEERA)[0].text
    assert text.startswith("A Russian missile and drone attack on Kyiv")
    for junk in ("Russia-Ukraine war", "shot down most", "Al Jazeera Staff", "Save", "share2", "Source:"):
        assert junk not in text


def test_shapes_credit_line_and_its_caption_are_dropped() -> None:
    text = run(BBC)[0].text
    assert text.startswith("Paramilitary fighters from the Rapid Support Forces")
    assert "Getty Images" not in text and "Thousands have fled" not in text and "2 hours ago" not in text
    assert "'We buried them in one grave'" in text  # a subheading stays
    assert "What is happening and why" not in text  # teaser list after "More on this story"


def test_shapes_reuters_tail_lines_are_dropped() -> None:
    text = run(REUTERS)[0].text
    assert "Reporting by" not in text and "Trust Principles" not in text
    assert text.startswith("CAIRO/JERUSALEM, Jan 16 (Reuters) - ")


def test_shapes_hard_wrapped_paragraphs_are_rejoined() -> None:
    art = run(WRAPPED)[0]
    first = art.text.split("\n\n")[0]
    assert first.startswith("Rebels of the M23 movement advanced to within a few kilometres of Goma on Sunday,")
    assert first.endswith("in the hills north of the city.")
    assert len(art.text.split("\n\n")) == 3


@pytest.mark.parametrize("joiner", ["\n", "\n\n", "\n\n\n"])
def test_shapes_concatenated_pages_split_back(joiner: str) -> None:
    names = ["BBC", "GUARDIAN", "REUTERS", "ALJAZEERA", "WRAPPED"]
    arts = run(joiner.join(PAGES[n].strip() for n in names))
    assert [(a.title, a.published) for a in arts] == [EXPECTED[n] for n in names]
