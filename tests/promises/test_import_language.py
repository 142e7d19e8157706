"""General rules of the language of promise documents: frequencies, inexact counts, "Vi" and
signatories, themes from "Tema:" lines, party columns, other organisations."""

import pytest

from lofte.promises.importing import language, parse_document


def only_set(text):
    (promise_set,) = parse_document(text).promise_sets
    return promise_set


@pytest.mark.parametrize(
    "phrase, count, unit",
    [
        ("Polisen lovar att genomföra en trygghetsvandring varje månad.", 12, "trygghetsvandring"),
        ("Kommunen håller föräldraträffar en gång per termin.", 2, "föräldraträffar"),
        ("Polisen gör trafikkontroller varje vecka vid skolorna.", 52, "trafikkontroller"),
        ("Vi genomför narkotikasök kvartalsvis.", 4, "narkotikasök"),
        ("Vi håller dialogmöten två gånger per termin.", 4, "dialogmöten"),
        ("Polisen genomför två trafikkontroller i månaden.", 24, "trafikkontroller"),
        ("Kommunen ordnar informationsmöten varannan vecka.", 26, "informationsmöten"),
        ("Kommunen genomför trygghetsvandringar två gånger per år.", 2, "trygghetsvandringar"),
        ("Polisen genomför minst fem trafikkontroller per år.", 5, "trafikkontroller"),
        ("Kommunen ska bjuda in till två dialogmöten om året.", 2, "dialogmöten"),
    ],
)
def test_a_frequency_is_a_yearly_count(phrase, count, unit):
    (target,) = language.find_targets(phrase)
    assert (target.count, target.unit, target.per) == (count, unit, "year")


def test_a_week_number_is_no_frequency():
    assert language.frequency_per_year("Polisen håller ett dialogmöte i vecka 12.") is None


@pytest.mark.parametrize("phrase", ["genomföra ett tiotal trygghetsvandringar", "hålla ett par dialogmöten",
                                    "göra flera trafikkontroller"])
def test_an_inexact_count_is_no_target_but_a_warning(phrase):
    document = parse_document(f"Medborgarlöfte 2024\n\n• Polisen lovar att {phrase}.\n")
    assert document.promise_sets[0].commitments[0].targets == []
    assert any("inget exakt antal" in w and w.startswith("rad 3:") for w in document.warnings)


def test_vi_is_resolved_from_the_signatories():
    promise_set = only_set(
        "Medborgarlöfte 2025\n\nTrygg trafik\n• Vi genomför minst sex trafikkontroller.\n\n"
        "Petra Polis\nLokalpolisområdeschef\n"
    )
    assert promise_set.signatories == ["Petra Polis, Lokalpolisområdeschef"]
    assert promise_set.commitments[0].parties == ["police"]


def test_vi_after_an_opening_that_names_the_parties_keeps_them():
    promise_set = only_set(
        "Medborgarlöfte 2025\n\nPolisen i samverkan med Exempelby kommun lovar följande.\n\n"
        "Trygg trafik\n• Vi genomför minst sex trafikkontroller.\n• Kommunen ordnar två föräldraträffar.\n\n"
        "Eva Ek, kommunstyrelsens ordförande\nPetra Polis, lokalpolisområdeschef\n"
    )
    assert [c.parties for c in promise_set.commitments] == [["police"], ["municipality"]]
    assert len(promise_set.signatories) == 2


def test_together_we_promise_after_each_partys_list_is_both_parties():
    promise_set = only_set(
        "Medborgarlöfte 2025\n\nPolisen lovar:\n• att genomföra minst tio trafikkontroller\n\n"
        "Exempelby kommun lovar:\n• att laga belysningen i parken\n\n"
        "Tillsammans lovar vi:\n• att hålla ett dialogmöte varje kvartal\n"
    )
    assert [c.parties for c in promise_set.commitments] == [["police"], ["municipality"], ["police", "municipality"]]


def test_contact_details_are_neither_signatories_nor_commitments():
    document = parse_document(
        "Medborgarlöfte 2025\n\n• Polisen lovar att genomföra två trygghetsvandringar.\n\n"
        "Kontakt: kommunpolis.exempelby@polisen.se, 010-123 45 67\n"
    )
    (promise_set,) = document.promise_sets
    assert promise_set.signatories == []
    assert len(promise_set.commitments) == 1


def test_a_line_ending_in_a_colon_without_a_party_is_a_theme():
    promise_set = only_set("Medborgarlöfte 2024\n\nTrygg trafik:\n• Polisen lovar två trafikkontroller.\n\n"
                           "Trygga skolor:\n• Kommunen lovar två föräldraträffar.\n")
    assert [t.title for t in promise_set.themes] == ["Trygg trafik", "Trygga skolor"]


def test_a_numbered_heading_over_bullets_is_a_theme():
    promise_set = only_set("Medborgarlöfte 2024\n\n1. Trygg trafik\n• Polisen lovar två trafikkontroller.\n"
                           "2. Trygga skolor\n• Kommunen lovar två föräldraträffar.\n")
    assert [t.title for t in promise_set.themes] == ["Trygg trafik", "Trygga skolor"]


@pytest.mark.parametrize(
    "text, kinds, others",
    [
        ("Polisen: genomföra två trafikkontroller.", ("police",), ()),
        ("Räddningstjänsten och kommunen håller en informationskampanj.", ("municipality", "other"),
         ("Räddningstjänsten",)),
        ("Bostadsbolaget och polisen ordnar trygghetsvandringar.", ("police", "other"), ("Bostadsbolaget",)),
        ("Lokalpolisområde Exempelby genomför kontroller.", ("police",), ()),
        ("Polis och kommun lovar att samverka.", ("police", "municipality"), ()),
    ],
)
def test_the_subject_names_the_parties_including_other_organisations(text, kinds, others):
    found = language.subject_parties(text)
    assert (found.kinds, found.other_names) == (kinds, others)


@pytest.mark.parametrize("text, years", [("Löftet gäller för år 2024.", (2024, 2024)),
                                         ("Arbetet sker under 2021.", (2021, 2021)),
                                         ("Löftet gäller för 2024 och 2025.", (2024, 2025)),
                                         ("Löftena gäller under perioden 2023–2024.", (2023, 2024))])
def test_a_period_stated_in_prose(text, years):
    assert language.years_in_prose(text) == years


def test_several_periods_in_one_document_are_several_sets():
    document = parse_document("Medborgarlöfte 2022 och 2023\n\n• Polisen lovar två trafikkontroller.\n\n"
                              "Medborgarlöfte 2024\n\n• Kommunen lovar två föräldraträffar.\n")
    assert [s.period_label for s in document.promise_sets] == ["2022–2023", "2024"]


def test_headings_over_promising_paragraphs_are_themes_in_a_document_without_lists():
    promise_set = only_set(
        "Medborgarlöfte Exempelby 2024\n"
        "Polisen och Exempelby kommun har kommit överens om följande.\n\n"
        "Åtagande 1: Trygghet i centrum\n"
        "Polisen och kommunen kommer att genomföra trygghetsvandringar en gång i månaden.\n\n"
        "Kommunen kommer att förstärka fältarbetet under helger.\n\n"
        "Trafiksäkerhet kring skolor\n"
        "Polisen kommer att genomföra hastighetskontroller vid skolorna.\n\n"
        "Uppföljning\n"
        "Löftena följs upp två gånger per år.\n"
    )
    assert [(t.title, len(t.commitments)) for t in promise_set.themes] == [
        ("Trygghet i centrum", 2), ("Trafiksäkerhet kring skolor", 1),
    ]
    assert promise_set.commitments[0].targets[0].count == 12


def test_a_goal_at_the_end_counts_the_activity_named_before_it():
    (target,) = language.find_targets("Polisen: Trafikkontroller vid skolor. Minst 10.")
    assert (target.count, target.unit, target.activity_type) == (10, "trafikkontroller", "traffic_operation")


def test_a_number_at_the_end_without_minst_is_no_target():
    assert language.find_targets("Polisen ska arbeta i område 3") == []


def test_a_short_promising_paragraph_among_the_lists_is_a_commitment():
    promise_set = only_set(
        "Medborgarlöfte 2024\n\nPolisen lovar att:\n– genomföra minst fyra trafikkontroller\n\n"
        "Räddningstjänsten och kommunen ska genomföra en informationskampanj om brandsäkerhet.\n\n"
        "Vi lovar att återkoppla till invånarna varje år.\n"
    )
    assert [c.parties for c in promise_set.commitments] == [
        ["police"], ["municipality", "other"], ["police", "municipality"],
    ]


def test_a_promising_paragraph_that_opens_a_list_is_its_goal_not_a_commitment():
    promise_set = only_set(
        "Medborgarlöfte 2024\n\nPolisen lovar att:\n– genomföra minst fyra trafikkontroller\n\n"
        "Polisen och kommunen lovar att arbeta för en drogfri offentlig miljö.\n\n"
        "Det ska åstadkommas genom följande aktiviteter:\n\n"
        "• Kommunen ska genomföra två föräldraträffar.\n"
    )
    assert [c.text for c in promise_set.commitments] == [
        "genomföra minst fyra trafikkontroller", "Kommunen ska genomföra två föräldraträffar.",
    ]


def test_follow_up_prose_after_the_lists_is_no_commitment():
    promise_set = only_set(
        "Medborgarlöfte 2024\n\nPolisen lovar att:\n– genomföra minst fyra trafikkontroller\n\n"
        "Polisen och kommunen kommer att följa upp löftena två gånger per år.\n"
    )
    assert len(promise_set.commitments) == 1


def test_item_labels_and_question_headings_are_not_part_of_the_promises():
    promise_set = only_set(
        "Medborgarlöften i Exempelby 2025\n\nVarför medborgarlöften?\n"
        "Polisen och kommunen har tagit fram en lägesbild tillsammans med invånarna.\n\n"
        "Löfte 1: Polisen och kommunen ska genomföra fyra trygghetsvandringar i centrum.\n\n"
        "Löfte 2: Kommunen ska anställa fler fältassistenter.\n\n"
        "Hur följs löftena upp?\nLöftena följs upp varje kvartal i brottsförebyggande rådet.\n"
    )
    assert [c.text for c in promise_set.commitments] == [
        "Polisen och kommunen ska genomföra fyra trygghetsvandringar i centrum.",
        "Kommunen ska anställa fler fältassistenter.",
    ]
    assert [t.title for t in promise_set.themes] == [None]
    assert promise_set.intro.startswith("Polisen och kommunen har tagit fram")


def test_a_responsibility_line_under_an_activity_names_its_party():
    promise_set = only_set(
        "Medborgarlöfte 2024\n\nAktiviteter:\n"
        "1. Riktade insatser vid resecentrum, minst två per månad.\n   Ansvarig: Polisen\n"
        "2. Förbättrad belysning runt resecentrum.\n   Ansvarig: Kommunen\n"
        "3. Två trygghetsvandringar med boende i området.\n   Ansvarig: Polisen och kommunen\n"
    )
    assert [(c.text, c.parties) for c in promise_set.commitments] == [
        ("Riktade insatser vid resecentrum, minst två per månad.", ["police"]),
        ("Förbättrad belysning runt resecentrum.", ["municipality"]),
        ("Två trygghetsvandringar med boende i området.", ["police", "municipality"]),
    ]
    assert promise_set.commitments[0].targets[0].count == 24


@pytest.mark.parametrize(
    "word, kind",
    [("Fältgruppen", "municipality"), ("Socialnämnden", "municipality"), ("Utbildningsförvaltningen", "municipality"),
     ("Fritidsgården", "municipality"), ("Ordningsvakter", "other"), ("Föreningarna", "other"),
     ("Räddningstjänsten", "other"), ("handlar", None), ("Lokalpolisområde", "police")],
)
def test_municipal_units_are_the_municipality_and_others_are_other(word, kind):
    assert language.party_of_word(word) == kind


@pytest.mark.parametrize(
    "text, count, unit, per",
    [
        ("Kommunen ska genomföra minst tre av fyra planerade trygghetsvandringar.", 3, "trygghetsvandringar", "period"),
        ("Polisen ska genomföra 2 000 hastighetskontroller.", 2000, "hastighetskontroller", "period"),
        ("Kommunen arrangerar nattvandringar varje fredag.", 52, "nattvandringar", "year"),
    ],
)
def test_counts_out_of_a_total_with_thousands_and_weekdays(text, count, unit, per):
    (target,) = language.find_targets(text)
    assert (target.count, target.unit, target.per) == (count, unit, per)


def test_a_year_is_no_count():
    (target,) = language.find_targets("Under 2024 ska polisen genomföra 12 trafikkontroller.")
    assert target.count == 12


@pytest.mark.parametrize(
    "noun, context, key",
    [("cykelkontroller", "", "traffic_operation"), ("EST-möten", "", "council_meeting"),
     ("möten", "regelbundna möten med skolan", "council_meeting"), ("möten", "två öppna möten om trygghet", "dialogue_meeting"),
     ("informationsinsatser", "", "information_campaign"), ("trygghetsinventeringar", "", "safety_walk")],
)
def test_the_activity_type_of_a_counted_noun(noun, context, key):
    assert language.activity_type_of(noun, context) == key
