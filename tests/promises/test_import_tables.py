"""The language tables (importing/tables.py), one test per rule: a contributor who teaches the
importer a new wording adds one line to a table and one case here."""

from datetime import date

import pytest

from lofte.promises.importing import language, parse_document, periods, tables, targets

# ================================================================ periods


@pytest.mark.parametrize(
    "heading, start, end",
    [
        ("Medborgarlöfte 2022 och 2023", date(2022, 1, 1), date(2023, 12, 31)),
        ("Medborgarlöften 2023–2024", date(2023, 1, 1), date(2024, 12, 31)),
        ("Medborgarlöfte 2022-23", date(2022, 1, 1), date(2023, 12, 31)),
        ("Medborgarlöfte 2022/23", date(2022, 1, 1), date(2023, 12, 31)),
        ("Medborgarlöfte 2019-03-01--2021-02-28", date(2019, 3, 1), date(2021, 2, 28)),
        ("Medborgarlöfte 2019-03-01 – 2021-02-28", date(2019, 3, 1), date(2021, 2, 28)),
        ("Medborgarlöfte 2023-07-01—2024-06-30", date(2023, 7, 1), date(2024, 6, 30)),
        ("Medborgarlöfte 1 mars 2019 – 28 februari 2021", date(2019, 3, 1), date(2021, 2, 28)),
        ("torsdagen den 17 november 2016 – torsdagen den 18 maj 2017", date(2016, 11, 17), date(2017, 5, 18)),
        ("Medborgarlöfte mars 2022 – februari 2023", date(2022, 3, 1), date(2023, 2, 28)),
        ("Tidigare medborgarlöfte 2016–2017", date(2016, 1, 1), date(2017, 12, 31)),
    ],
)
def test_a_period_heading_in_any_wording(heading, start, end):
    mention = periods.in_heading(heading)
    assert (mention.start, mention.end) == (start, end)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Löftet gäller från 1 mars 2019 till 28 februari 2021.", date(2019, 3, 1), date(2021, 2, 28)),
        ("Löftet gäller september till och med december 2020.", date(2020, 9, 1), date(2020, 12, 31)),
        ("Löftet gäller från måndagen den 6 mars 2023 till och med fredagen den 1 mars 2024.",
         date(2023, 3, 6), date(2024, 3, 1)),
        ("Vi arbetar med detta under åren 2021–2023.", date(2021, 1, 1), date(2023, 12, 31)),
        ("Löftet gäller från 2018 till och med 2020.", date(2018, 1, 1), date(2020, 12, 31)),
        ("Löftet gäller för år 2024.", date(2024, 1, 1), date(2024, 12, 31)),
        ("Polisen och kommunen har tecknat medborgarlöften för 2020.", date(2020, 1, 1), date(2020, 12, 31)),
        ("Löftena gäller under perioden 2023–2024.", date(2023, 1, 1), date(2024, 12, 31)),
        ("Medborgarlöftet gäller 2022-07-01 -- 2023-06-30.", date(2022, 7, 1), date(2023, 6, 30)),
        ("Löftet gäller mellan 1 mars och 31 december 2019.", date(2019, 3, 1), date(2019, 12, 31)),
        ("Medborgarlöftet gäller från 31 juni 2023 till 31 juni 2025.", date(2023, 6, 30), date(2025, 6, 30)),
    ],
)
def test_a_period_stated_in_prose(text, start, end):
    (mention,) = periods.in_prose(text)
    assert (mention.start, mention.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    ["Under hösten 2016 gjordes en trygghetsmätning.", "Löftet undertecknades den 2 mars 2022.",
     "Trygghetsmätningen 2017 visar att många är oroliga.", "Publicerad 2021-03-04"],
)
def test_dates_in_passing_are_no_period(text):
    assert [m for m in periods.in_prose(text) if m.complete] == []


def test_an_end_alone_is_an_open_mention():
    (mention,) = periods.in_prose("Medborgarlöftet gäller fram till 2023.")
    assert (mention.start, mention.end) == (None, date(2023, 12, 31))


def test_a_period_stated_twice_is_one_period():
    combined = periods.combine(periods.in_heading("Medborgarlöfte 2021–2023"), periods.in_prose(
        "Löftet gäller under åren 2021–2023 och fram till 2023."))
    assert (combined.period.start, combined.period.end, combined.warnings) == (date(2021, 1, 1), date(2023, 12, 31), [])


def test_prose_dates_refine_a_heading_in_years():
    combined = periods.combine(periods.in_heading("Medborgarlöfte 2022–2023"),
                               periods.in_prose("Löftet gäller 2022-07-01 – 2023-06-30."))
    assert (combined.period.start, combined.period.end) == (date(2022, 7, 1), date(2023, 6, 30))


def test_an_end_in_prose_extends_a_heading_of_one_year():
    combined = periods.combine(periods.in_heading("Medborgarlöfte 2021"), periods.in_prose("Det gäller fram till 2023."))
    assert (combined.period.start, combined.period.end) == (date(2021, 1, 1), date(2023, 12, 31))


def test_a_different_period_in_prose_is_a_warning():
    combined = periods.combine(periods.in_heading("Medborgarlöfte 2024"), periods.in_prose("Löftet gäller för 2019."))
    assert combined.period.start == date(2024, 1, 1)
    assert any("«2019», rubriken en annan; den första används" in w for w in combined.warnings)


def test_a_range_that_runs_backwards_is_never_a_period():
    assert periods.in_heading("Medborgarlöfte 2018-2017") is None


def test_two_periods_in_one_heading_start_no_set_of_their_own():
    document = parse_document("Medborgarlöften 2018–2019 och 2016–2017\n\nMedborgarlöfte 2016–2017\n\n"
                              "• Polisen ska genomföra två trafikkontroller.\n\nMedborgarlöfte 2018–2019\n\n"
                              "• Kommunen ska genomföra två trygghetsvandringar.\n")
    assert [s.period_label for s in document.promise_sets] == ["2016–2017", "2018–2019"]


@pytest.mark.parametrize(
    "heading, area",
    [("Medborgarlöfte Västra Hamnen 2021", "Västra Hamnen"),
     ("Medborgarlöfte för stadsdelen Norrmalm 2022–2023", "Norrmalm"),
     ("Medborgarlöfte 2022–2023 för stadsdelen Södermalm", "Södermalm"),
     ("Medborgarlöfte Sorsele 2023–2024", None),
     ("Medborgarlöfte Dals-Eds kommun 2021", None),
     ("Medborgarlöfte 2023–2024", None),
     ("Medborgarlöfte Region Gotland 2020", None)],
)
def test_a_heading_naming_a_district_scopes_the_set(heading, area):
    assert language.area_in_heading(heading) == area


# ================================================================ targets


@pytest.mark.parametrize(
    "text, count, unit",
    [
        ("Polisen gör trafikkontroller två gånger per dygn.", 730, "trafikkontroller"),
        ("En trafikkontroll varje dygn på riksväg 40.", 365, "trafikkontroll"),
        ("Trafikkontroller vid skolorna 2 ggr/mån.", 24, "trafikkontroller"),
        ("Fältarbete i centrum 2 ggr/mån.", 24, "gånger"),
        ("Trafikkontroller i tätorten var tredje vecka.", 17, "trafikkontroller"),
        ("Trafikkontroller i tätorten var 3:e vecka.", 17, "trafikkontroller"),
        ("Trygghetsvandring i något av bostadsområdena varannan månad.", 6, "trygghetsvandring"),
        ("Besök på skolorna tre dagar i veckan.", 156, "besök"),
        ("Delta i nattvandringar en helg per månad.", 12, "nattvandringar"),
        ("Nattvandring med föreningarna 1 helg/månad.", 12, "nattvandring"),
        ("I genomsnitt fyra narkotikainsatser per månad.", 48, "narkotikainsatser"),
        ("Fältgruppen är ute i centrum varje fredag och lördag kväll.", 104, "kväll"),
        ("Fältsekreterarna ska vara ute i centrum varannan helg.", 26, "gånger"),
        ("Kommunen genomför helgvandringar varannan fredag.", 26, "helgvandringar"),
        ("Ett medborgarmöte per halvår.", 2, "medborgarmöte"),
        ("Genomföra en trygghetsvandring i centrum varje höst.", 1, "trygghetsvandring"),
        ("Anordna två föräldraträffar per läsår.", 2, "föräldraträffar"),
        ("Vi genomför narkotikasök kvartalsvis.", 4, "narkotikasök"),
        ("Polisen genomför minst sex trafikkontroller per termin.", 12, "trafikkontroller"),
        ("Polisen genomför ANDT-föreläsningar, minst en per skola och läsår.", 1, "ANDT-föreläsningar"),
        ("Polisen ska hålla medborgarmöten två gånger om året.", 2, "medborgarmöten"),
        ("Polisen håller uppstartsmöten minst två gånger respektive år.", 2, "uppstartsmöten"),
        ("Polisen är på plats vid butiken varje helgfri torsdag.", 52, "gånger"),
        ("Kommunen genomför en årlig trygghetsvandring.", 1, "trygghetsvandring"),
        ("Kommunen ordnar en trygghetsvandring varje vår och höst.", 2, "trygghetsvandring"),
        ("Polisen bjuder in till två öppna frågestunder per år.", 2, "frågestunder"),
        ("Polisen finns i centrum med en tidsåtgång om minst 600 timmar per år.", 600, "timmar"),
    ],
)
def test_every_frequency_wording_is_a_yearly_target(text, count, unit):
    (target,) = targets.find_targets(text)
    assert (target.count, target.unit, target.per) == (count, unit, "year")


@pytest.mark.parametrize(
    "text, count, unit, per",
    [
        ("Hastighetsövervakning vid skolorna genom 150 kontroller under perioden.", 150, "kontroller", "period"),
        ("Genom 150 alkohol- och narkotikakontroller.", 150, "narkotikakontroller", "period"),
        ("Narkotikasök med hund på gymnasieskolan (3 st).", 3, "Narkotikasök", "period"),
        ("Genomföra trafikkontroller vid skolorna (minst 20 st).", 20, "trafikkontroller", "period"),
        ("Träffa föräldrar vid fyra tillfällen, två per termin.", 4, "tillfällen", "period"),
        ("Under 2024 ska fem skolor ha erbjudits en föreläsning om narkotika.", 5, "skolor", "period"),
        ("Genomföra två till tre trygghetsvandringar.", 2, "trygghetsvandringar", "period"),
        ("Genomföra 3–4 trygghetsvandringar.", 3, "trygghetsvandringar", "period"),
        ("Informera om bedrägerier på tre av kommunens träffpunkter.", 3, "träffpunkter", "period"),
        ("Erbjuda alla föräldrar i årskurs 7 en föreläsning om narkotika.", 1, "föreläsning", "period"),
        ("Genomföra 12 nykterhetskontroller per år, varav hälften i samband med helger.", 12,
         "nykterhetskontroller", "year"),
        ("Polisen ska upptäcka 80 stycken narkotikabrott varav hälften bland unga.", 80, "narkotikabrott", "period"),
        ("Under 2025 ska sex våldsutsatta kvinnor ha erbjudits stöd.", 6, "kvinnor", "period"),
    ],
)
def test_counts_in_noun_phrases_ranges_brackets_subsets_totals_and_outcomes(text, count, unit, per):
    (target,) = targets.find_targets(text)
    assert (target.count, target.unit, target.per) == (count, unit, per)


def test_a_range_says_it_reads_the_lower_bound():
    (target,) = targets.find_targets("Polisen genomför tre till fyra skolbesök per termin.")
    assert (target.count, target.note) == (6, "intervallet «tre till fyra» läses som minst 3")


@pytest.mark.parametrize(
    "text",
    ["Kommunen ska ta bort klotter inom 48 timmar.", "Besöka personer i åldrarna 15 till 18 år.",
     "Trafikkontroller på riksväg 40.",
     "Polisen ska genomföra trafikkontroller och redovisa resultatet varje år.", "Vi ska arbeta i år."],
)
def test_durations_ages_week_numbers_roads_and_reporting_are_no_targets(text):
    assert targets.find_targets(text) == []


@pytest.mark.parametrize(
    "text, unit, count",
    [("Genomföra trygghetsvandringar i alla kommundelar.", "kommundelar", None),
     ("Dialogmöten i olika stadsdelar.", "stadsdelar", None),
     ("Anordna en medborgardialog i varje kommundel.", "kommundelar", None),
     ("Genomföra trygghetsvandringar i tre av de utsatta områdena.", "områden", 3)],
)
def test_coverage_of_every_area_or_a_number_of_them(text, unit, count):
    coverage = targets.find_coverage(text)
    assert (coverage.unit, coverage.count) == (unit, count)


def test_one_in_every_area_is_the_coverage_not_a_count_of_one():
    document = parse_document("Medborgarlöfte 2024\n\n• Kommunen anordnar en medborgardialog i varje kommundel.\n")
    commitment = document.promise_sets[0].commitments[0]
    assert (commitment.targets, commitment.area_coverage.count) == ([], None)


# ================================================================ parties


def only_commitment(text):
    (promise_set,) = parse_document(text).promise_sets
    (commitment,) = promise_set.commitments
    return commitment


@pytest.mark.parametrize(
    "item, parties",
    [
        ("Förbättrad belysning vid stationen (Kommunen)", ["municipality"]),
        ("Trygghetsvandringar (Kommunen, Polisen)", ["police", "municipality"]),
        ("Trafikkontroller vid skolorna [Polisen]", ["police"]),
        ("Polisen ska tillsammans med kommunen hålla informationsträffar.", ["police", "municipality"]),
        ("Kommunen lovar att i samverkan med polisen genomföra trygghetsvandringar.", ["police", "municipality"]),
        ("Polisen ska prioritera narkotika i samverkan med kommunen.", ["police", "municipality"]),
        ("Kommunen ska med stöd av polisen genomföra vandringar.", ["municipality"]),
        ("Kommunen ordnar föräldraträffar där polisen medverkar.", ["municipality"]),
        ("Tillsammans med Trafikverket ska kommunen bygga en säkrare korsning.", ["municipality", "other"]),
        ("Kommunen ser över belysningen vid skolvägarna.", ["municipality"]),
        ("Socialtjänsten erbjuder stödsamtal.", ["municipality"]),
        ("Fältsekreterarna ska vara ute i centrum.", ["municipality"]),
        ("Tekniska förvaltningen ska laga belysningen.", ["municipality"]),
    ],
)
def test_an_items_parties_from_its_subject_tag_and_partners(item, parties):
    assert only_commitment(f"Medborgarlöfte 2024\n\nPolisen och kommunen lovar:\n\n• {item}").parties == parties


def test_an_ansvarig_line_under_an_item_names_its_parties():
    text = ("Medborgarlöfte 2024\n\n1. Hastighetskontroller på Storgatan.\nAnsvarig: Polisen\n"
            "2. Tillfälliga farthinder vid skolan.\nAnsvarig: Kommunen\n")
    (promise_set,) = parse_document(text).promise_sets
    assert [(c.text, c.parties) for c in promise_set.commitments] == [
        ("Hastighetskontroller på Storgatan.", ["police"]), ("Tillfälliga farthinder vid skolan.", ["municipality"]),
    ]


@pytest.mark.parametrize(
    "heading, parties",
    [("Polisen lovar att", ["police"]), ("Kommunens åtaganden", ["municipality"]),
     ("Det här gör polisen", ["police"]), ("Gemensamma åtaganden", ["police", "municipality"]),
     ("Hällsta kommun lovar", ["municipality"]), ("Det här lovar vi", ["police", "municipality"])],
)
def test_a_heading_per_party_names_whose_promises_follow(heading, parties):
    text = f"Medborgarlöfte 2024\n\nKommunen lovar att:\n• laga belysningen\n\n{heading}\n\n• genomföra två möten\n"
    (promise_set,) = parse_document(text).promise_sets
    assert promise_set.commitments[-1].parties == parties
    assert heading not in [t.title for t in promise_set.themes]


def test_a_region_that_is_a_municipality_promises_as_the_municipality():
    text = ("Medborgarlöfte 2024\n\nPolisen och Region Gotland har kommit överens.\n\n"
            "• Regionen ska genomföra minst åtta trygghetsvandringar.\n")
    assert only_commitment(text).parties == ["municipality"]


def test_a_name_the_document_introduces_is_a_party():
    text = ("Medborgarlöfte 2024\n\nKommunens bostadsbolag Ekholmshem deltar.\n\n"
            "• Ekholmshem ska genomföra tre trygghetsvandringar.\n")
    commitment = only_commitment(text)
    assert (commitment.parties, commitment.other_parties) == (["other"], ["Ekholmshem"])


# ================================================================ not commitments


def texts(document_text):
    return [c.text for s in parse_document(document_text).promise_sets for c in s.commitments]


PROMISE = "• Polisen ska genomföra två trafikkontroller."


@pytest.mark.parametrize(
    "part",
    [
        "Målet med medborgarlöftet är att:\n• Öka tryggheten i bostadsområdena\n• Minska antalet inbrott",
        "Mål\n\n• Färre anmälda skadegörelsebrott\n• Ökad upplevd trygghet",
        "• Öka tryggheten i centrum\n• Minska brottsligheten bland unga\n• Stärka förtroendet för polisen",
        "Lägesbilden visar följande problem:\n• Otrygghet vid resecentrum\n• Narkotikaförsäljning i centrum",
        "Hur följs löftena upp?\n\n• Löftena följs upp två gånger per år i rådet.\n• Resultatet redovisas.",
        "Uppföljning\n\nLöftet följs upp varje halvår i samverkansgruppen.",
        "• Läs mer om medborgarlöften på polisen.se",
        "Läs mer: Så arbetar kommunen med trygghet",
        "– Vi vet att många känner sig otrygga, säger kommunstyrelsens ordförande.",
    ],
)
def test_goals_problems_follow_up_links_and_quotes_are_no_commitments(part):
    assert texts(f"Medborgarlöfte 2024\n\n{PROMISE}\n\n{part}\n") == ["Polisen ska genomföra två trafikkontroller."]


def test_a_background_sentence_before_the_promise_is_left_out():
    assert texts("Medborgarlöfte 2024\n\n• Centrum upplevs som otryggt på kvällarna. Kommunen ska därför förbättra "
                 "belysningen.\n") == ["Kommunen ska därför förbättra belysningen."]


def test_nested_items_are_the_commitments_and_their_parent_the_theme():
    (promise_set,) = parse_document(
        "Medborgarlöfte 2024\n\n• Arbeta med trafiksäkerhet:\n  ◦ Polisen genomför hastighetskontroller.\n"
        "  ◦ Kommunen bygger farthinder vid skolan.\n• Arbeta med trygghet:\n  ◦ Kommunen anställer fältassistenter.\n"
    ).promise_sets
    assert [(t.title, [c.parties for c in t.commitments]) for t in promise_set.themes] == [
        ("Arbeta med trafiksäkerhet", [["police"], ["municipality"]]), ("Arbeta med trygghet", [["municipality"]]),
    ]


def test_a_paragraph_of_two_promises_in_a_document_without_lists_is_two_commitments():
    assert texts("Medborgarlöfte 2024\n\nPolisen kommer att genomföra fotpatruller i centrum. Kommunen kommer att "
                 "förbättra belysningen i parkerna.\n") == [
        "Polisen kommer att genomföra fotpatruller i centrum.", "Kommunen kommer att förbättra belysningen i parkerna.",
    ]


def test_every_table_entry_is_lower_case_where_words_are_matched():
    for words in (tables.NUMBER_WORDS, tables.QUANTIFIERS, tables.EVENT_VERBS, tables.NOT_A_COUNT_BEFORE,
                  tables.NOT_A_COUNT_AFTER, tables.WE_WORDS, tables.TOGETHER_WORDS, tables.SUBJECT_ENDS,
                  tables.PARTY_LEADIN_WORDS, tables.GOAL_OPENERS, tables.BACKGROUND_VERBS):
        assert all(w == w.lower() for w in words)


# ================================================================ rules found by measuring on the sample
# (each in the project's own words; the sample is never copied)


def test_a_sure_cue_beats_a_date_in_passing_and_the_previous_promise_is_left_out():
    document = parse_document(
        "Medborgarlöften\n\nPolisen gjorde en trygghetsundersökning under 2022. Det tidigare medborgarlöftet för "
        "2020-2021 förlängs.\n\nMedborgarlöftet gäller från 1 juli 2023 till 30 juni 2025.\n\n"
        "• Polisen ska genomföra två trafikkontroller.\n")
    assert document.promise_sets[0].period_label == "2023-07-01–2025-06-30"


def test_a_start_and_an_end_in_the_prose_make_the_period():
    document = parse_document(
        "Medborgarlöfte Björkvik\n\nDet här ska vi göra\n\nMed början måndagen den 3 april 2023 kommer polisen att "
        "finnas vid torget varje fredag. Insatsen pågår fram till och med den 29 september 2023.\n")
    (promise_set,) = document.promise_sets
    assert (promise_set.start, promise_set.end) == (date(2023, 4, 3), date(2023, 9, 29))
    assert promise_set.commitments[0].parties == ["police"]


def test_years_in_the_commitments_are_the_period_when_nothing_else_states_it():
    document = parse_document("Medborgarlöften\n\n• Polisen genomför minst två insatser under våren 2019.\n"
                              "• Kommunen ordnar en föräldraträff under hösten 2019.\n")
    assert document.promise_sets[0].period_label == "2019"
    assert any("hämtad ur årtalen i löftena" in w for w in document.warnings)


def test_an_adjective_of_frequency_before_an_event_that_is_no_activity_sets_no_target():
    assert targets.find_targets("De årliga skolavslutningarna ska vara drogfria.") == []


@pytest.mark.parametrize(
    "item, parties",
    [
        ("Vid tre tillfällen informera om bedrägerier, enskilt eller tillsammans med kommunen.", ["police"]),
        ("Tillsammans med polisen utveckla det förebyggande arbetet.", ["police", "municipality"]),
        ("Otrygga platser ska ses över och åtgärdas av kommunen.", ["municipality"]),
        ("Kommunen och polisen lovar att genomföra trygghetsvandringar.\n  Ansvarig: Kommunen", ["police", "municipality"]),
    ],
)
def test_partners_agents_and_a_subject_before_ansvarig(item, parties):
    assert only_commitment(f"Medborgarlöfte 2024\n\nPolisen och kommunen lovar:\n\n• {item}").parties == parties


def test_in_the_municipality_is_a_place_not_a_party():
    assert language.parties_in("öka tryggheten i kommunen").kinds == ()


def test_a_concrete_item_keeps_the_items_nested_under_it_as_its_explanation():
    (promise_set,) = parse_document(
        "Medborgarlöfte 2024\n\nPolisen och kommunen lovar att:\n"
        "• Genomföra minst tre medborgarmöten per år.\n  ◦ Mötena hålls på olika platser.\n"
        "• Arbeta med synlighet och närvaro av poliser.\n  ◦ Vid fem tillfällen per vecka göra fotpatruller.\n"
    ).promise_sets
    assert [(c.text.split("\n")[0], c.parties) for c in promise_set.commitments] == [
        ("Genomföra minst tre medborgarmöten per år.", ["police", "municipality"]),
        ("Vid fem tillfällen per vecka göra fotpatruller.", ["police"]),
    ]


def test_a_lead_in_that_announces_promises_is_no_goal():
    assert texts("Medborgarlöfte 2024\n\nUtifrån den målsättningen har följande medborgarlöften tagits fram:\n"
                 "• Synligt polisarbete i centrum ska bedrivas.\n• Arbeta med sociala insatsgrupper.\n") == [
        "Synligt polisarbete i centrum ska bedrivas.", "Arbeta med sociala insatsgrupper."]


def test_an_aim_before_the_activities_heading_and_a_description_are_no_commitments():
    assert texts("Medborgarlöfte 2024\n\n• Arbeta utifrån lägesbilden i stadsdelarna.\n\nAktiviteter\n\n"
                 "• Polisen ska genomföra 20 trafikkontroller.\n• Arbetet med lägesbilden innebär även analyser.\n") == [
        "Polisen ska genomföra 20 trafikkontroller."]


def test_prose_background_is_left_out_and_coordinated_promises_are_split():
    assert texts("Medborgarlöfte 2024\n\nPolisen och kommunen lovar att bidra till ett tryggare centrum.\n\n"
                 "Löftet bygger på det tidigare arbetet. Bland annat ska nattvandringarna fortsätta och en ny "
                 "fältgrupp ska startas.\n") == [
        "Bland annat ska nattvandringarna fortsätta", "en ny fältgrupp ska startas."]


def test_a_heading_run_into_the_text_below_it_still_starts_a_set():
    document = parse_document("Medborgarlöfte 2016-2017 För att öka tryggheten lovar vi att:\n"
                              "• Polisen ska öka synligheten i centrum.\n")
    assert document.promise_sets[0].period_label == "2016–2017"


# ================================================================ rules the third batch of probes showed


def test_a_number_of_areas_without_av_is_coverage_too():
    coverage = targets.find_coverage("Polisen genomför grannsamverkansträffar i fem bostadsområden.")
    assert (coverage.unit, coverage.count) == ("områden", 5)


def test_a_dash_tag_after_the_item_names_its_parties():
    assert only_commitment("Medborgarlöfte 2024\n\n• Minst sex trygghetsvandringar – Kommunen\n").parties == [
        "municipality"]


def test_we_in_a_lead_in_are_the_documents_parties_and_a_site_name_is_no_lead_in():
    (promise_set,) = parse_document(
        "Exempelby kommun\nNyheter\n\nMedborgarlöfte 2024\n\nUnder sommaren lovar vi att:\n"
        "• tillsammans ordnar vi två sommarkvällar\n").promise_sets
    assert promise_set.commitments[0].parties == ["police", "municipality"]
