"""Rules written after reading the first held-out split's errors (issue 12): site
notices and image names are furniture, an interviewer's turns are no candidates,
"Hal senada disampaikan X" and "Ditambahkannya" carry the speaker, Balinese names
are names, a mirror's or a blog's copy names its outlet, and short, personal and
future lines are not pre-ticked. Each is tested through ``import_article``."""

from ingest import claimants
from tests.ingest.importing import claim_with, import_json, quotes


def run(tmp_path, text, *args):
    return import_json(tmp_path, text, *args, published="2018-10-07")


BODY = (
    "The court ordered the foundation to return 315 million US dollars to the state "
    "on Tuesday, the ruling said. The foundation was set up in 1976 and received 2.5 "
    "percent of the profits of state banks, according to the court."
)


def test_site_notices_and_image_names_are_furniture_never_candidates(db, tmp_path):
    notices = [
        "Support our editors, technology, and advocacy campaigns with a donation "
        "to Global Voices!",
        "We translate Global Voices stories to make the world's citizen media "
        "available to everyone.",
        ">>Click here for the story you'll only see on Wikinews.",
        "Previously known as Special English.",
        "Flag of Puerto Rico.svg",
    ]
    text = "Court orders return of funds\n\n" + BODY + "\n\n" + "\n\n".join(notices)
    data = run(tmp_path, text, "--publisher", "Global Voices")
    for notice in notices:
        assert not any(notice.lstrip(">") in q for q in quotes(data)), notice
        assert any(notice.lstrip(">") in line for line in data["boilerplate"]), notice
    assert any("315 million" in q for q in quotes(data))


def test_an_interviewers_turns_are_no_candidates_the_guests_answers_are_theirs(
    db, tmp_path
):
    asker = "Wikinews waves Left.pngLaura HaleWikinews waves Right.png"
    text = "\n\n".join(
        [
            "Wikinews interviews Duncan Campbell",
            "London, England — On Wednesday, Wikinews interviewed Duncan Campbell, "
            "one of the creators of wheelchair rugby.",
            f"{asker} When did the sport start, and where?",
            "Duncan Campbell: We started the sport in Winnipeg in 1977 with five "
            "players and a borrowed gym.",
            f"{asker} Twenty five years ago the first world championship was held.",
            "Duncan Campbell: The first world championship was held in 1995 in "
            "Switzerland with eight teams.",
        ]
    )
    data = run(tmp_path, text, "--publisher", "Wikinews")
    assert not any("Laura Hale" in q or "Twenty five years" in q for q in quotes(data))
    assert claim_with(data, "Winnipeg in 1977")["claimant"] == "Duncan Campbell"
    assert claim_with(data, "in 1995")["claimant"] == "Duncan Campbell"


def test_hal_senada_gives_what_follows_to_the_named_speaker(db, tmp_path):
    text = (
        "Palu - Ditemui seusai ibadah, jemaah Etna Rorimpande mengatakan gereja "
        "retak akibat gempa 28 September.\n\n"
        'Hal senada disampaikan jemaah lain, I Nyoman Sarna. "Sebanyak 26.000 '
        "orang sudah keluar dari Palu sejak gempa,” tuturnya."
    ).replace("”", '"')
    data = run(tmp_path, text, "--publisher", "VOA Indonesia", "--language", "id")
    assert not any(q.startswith("Hal senada") for q in quotes(data))
    assert claim_with(data, "26.000 orang")["claimant"] == "I Nyoman Sarna"


def test_ditambahkannya_goes_on_with_the_last_speaker(db, tmp_path):
    text = (
        "Palu - Dalam khotbahnya, Pastor Yohanes Salaki meminta umat untuk tidak "
        "meninggalkan Palu dan membangun kembali kota itu.\n\n"
        'Ditambahkannya, "Hingga sekarang sudah 26.000 orang keluar dari Palu."'
    )
    data = run(tmp_path, text, "--publisher", "VOA Indonesia", "--language", "id")
    assert "Yohanes Salaki" in claim_with(data, "26.000 orang")["claimant"]
    assert "Yohanes Salaki" in claim_with(data, "khotbahnya")["claimant"]


def test_a_balinese_name_is_a_name_and_the_pronoun_is_not():
    assert claimants.refusal("I Nyoman Sarna") == ""
    assert claimants.refusal("Ni Luh Putu Ary") == ""
    assert claimants.refusal("I") == "word"


def test_a_mirror_of_a_wiki_or_a_blog_names_the_outlet_it_carries(db, tmp_path):
    mirror = (
        "# source: http://en.wikiactu.com/?m=20120907\nWiki Actu en\n\n"
        "From Wikinews, the free news source you can write!\n\n" + BODY
    )
    assert run(tmp_path, mirror)["publisher"] == "Wikinews"
    blog = (
        "# source: http://wikinewsreports.blogspot.com/2008/\n\n"
        "Wikinews has learned that " + BODY
    )
    data = run(tmp_path, blog)
    assert data["publisher"] == "Wikinews"
    assert claim_with(data, "315 million")["claimant"] == "Wikinews"


def test_short_personal_and_future_lines_are_not_pre_ticked(db, tmp_path):
    text = "\n\n".join(
        [
            "Campbell on his sport",
            "Duncan Campbell said the sport is now played in 26 countries and "
            "drew 12,000 spectators in London in 2012.",
            'Duncan Campbell said: "I cheer for the Jets!"',
            "Campbell said he will meet officials of the International Paralympic "
            "Committee to discuss the rules.",
        ]
    )
    data = run(tmp_path, text, "--publisher", "Wikinews")
    fact = claim_with(data, "26 countries")
    assert fact["suggested"]
    short = claim_with(data, "Jets")
    assert not short["suggested"]
    assert {"short", "personal"} <= {r["feature"] for r in short["reasons"]}
    # a plan naming an organisation is marked down (not always below the threshold:
    # the names it carries raise it; see ingest/README.md, what is still short)
    plan = claim_with(data, "will meet officials")
    assert any(r["feature"] == "plan" and r["weight"] < 0 for r in plan["reasons"])
    assert plan["checkworthiness"] < fact["checkworthiness"]
