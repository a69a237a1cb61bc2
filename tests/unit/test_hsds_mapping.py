"""Every mapping README's "How the directory maps to HSDS" documents, both ways, each its
own test: change a mapping in `c2c_data/hsds.py` or `hsds_in.py` and one of these fails.
Export: our Service to an HSDS 3.0 service (`to_hsds`); import: that object back
(`from_hsds`), and the shapes other publishers use (ORUK's list shape via `as_hsds3`)."""

from __future__ import annotations

from datetime import date

import pytest

from c2c_data.hsds import ALWAYS_OPEN, GSS_URI, service_id, to_hsds
from c2c_data.hsds_in import Context, from_hsds
from c2c_data.imports.mapping import Mapping
from c2c_data.imports.shapes import as_hsds3
from c2c_registry.load.registry import load_vocabularies
from c2c_registry.markup import render_markdown
from c2c_registry.model import Hours, Location, Service
from c2c_registry.package_data import schema_dir

from support.clock import BUILD_DATE

VOCAB, _ = load_vocabularies(schema_dir() / "vocabularies")


def service(description: str = "", **fields) -> Service:
    base = dict(slug="night-shelter", source="content/services/night-shelter.yaml", name="Night Shelter",
                summary="Beds for the night.", stages=["crisis-prevention-and-relief"], client_groups=["rough-sleepers"],
                areas=["coventry"], last_verified=date(2026, 10, 1), provider="Shelter Trust",
                website="https://shelter.example.org")
    return Service(**{**base, **fields}, description_html=render_markdown(description))


def exported(**fields) -> dict:
    return to_hsds(service(**fields), VOCAB)


def imported(record: dict) -> dict:
    return from_hsds(as_hsds3(record), Context(VOCAB, {}, Mapping(), BUILD_DATE)).data


def terms(record: dict, taxonomy: str) -> list[str]:
    return [a["taxonomy_term"]["code"] for a in record["attributes"] if a["taxonomy_term"]["taxonomy"] == taxonomy]


@pytest.mark.parametrize(("ours", "theirs"), [("active", "active"), ("temporarily-closed", "temporarily closed"),
                                               ("closed", "defunct")])
def test_status_maps_both_ways(ours, theirs):
    record = exported(status=ours)
    assert record["status"] == theirs  # a closed service is exported as defunct, never as active
    assert imported(record)["status"] == ours


@pytest.mark.parametrize(("field", "taxonomy", "values"), [
    ("stages", "c2c-stages", ["targeted-prevention", "recovery"]),
    ("client_groups", "c2c-client-groups", ["young-people", "care-leavers"]),
    ("themes", "c2c-themes", ["accommodation", "finance-benefits-debt"]),
])
def test_stages_client_groups_and_themes_are_taxonomy_attributes(field, taxonomy, values):
    record = exported(**{field: values})
    assert terms(record, taxonomy) == values
    assert imported(record)[field] == values


@pytest.mark.parametrize("referral", ["self", "professional", "both"])
def test_referral_is_a_c2c_referral_attribute(referral):
    record = exported(referral=referral)
    assert terms(record, "c2c-referral") == [referral]
    assert imported(record)["referral"] == referral


def test_the_slug_is_a_c2c_directory_slug_attribute_and_comes_back():
    record = exported(slug="canal-street-day-centre")
    slug = [a for a in record["attributes"] if a["link_type"] == "c2c-directory-slug"]
    assert [a["value"] for a in slug] == ["canal-street-day-centre"]
    assert record["id"] == service_id("canal-street-day-centre")
    assert from_hsds(record, Context(VOCAB, {}, Mapping(), BUILD_DATE)).slug == "canal-street-day-centre"


def test_areas_are_service_areas_whose_uri_ends_in_the_gss_code():
    record = exported(areas=["coventry", "walsall"])
    assert [a["uri"] for a in record["service_areas"]] == [GSS_URI + "E08000026", GSS_URI + "E08000030"]
    assert [a["name"] for a in record["service_areas"]] == ["Coventry", "Walsall"]
    assert imported(record)["areas"] == ["coventry", "walsall"]
    oruk = imported({"name": "x", "email": "a@b.org", "service_areas": [{"service_area": "Dudley"}]})
    assert oruk["areas"] == ["dudley"]  # by name when there is no GSS code


def test_hours_are_weekly_schedules_and_overnight_says_next_morning():
    hours = [Hours(["mon", "tue"], "09:00", "17:00"), Hours(["fri"], "20:00", "08:00")]
    record = exported(hours=hours)
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in record["schedules"]] == [
        ("WEEKLY", "MO,TU", "09:00", "17:00"), ("WEEKLY", "FR", "20:00", "08:00")]
    assert "description" not in record["schedules"][0]
    assert record["schedules"][1]["description"] == "Opens at 20:00 and closes at 08:00 the next morning."
    assert imported(record)["hours"] == [{"days": ["mon", "tue"], "opens": "09:00", "closes": "17:00"},
                                         {"days": ["fri"], "opens": "20:00", "closes": "08:00"}]


def test_always_open_is_one_schedule_for_every_day():
    record = exported(always_open=True)
    assert [(s["byday"], s["opens_at"], s["closes_at"], s["description"]) for s in record["schedules"]] == [
        ("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00", ALWAYS_OPEN)]
    assert imported(record)["always_open"] is True


def test_hours_note_is_a_schedule_with_only_notes():
    record = exported(hours_note="Appointments only on bank holidays.")
    assert [set(s) for s in record["schedules"]] == [{"id", "service_id", "notes"}]
    assert record["schedules"][0]["notes"] == "Appointments only on bank holidays."
    assert imported(record)["hours_note"] == "Appointments only on bank holidays."


def test_last_verified_is_assured_date():
    record = exported(last_verified=date(2026, 3, 14))
    assert record["assured_date"] == "2026-03-14"
    assert imported(record)["last_verified"] == "2026-03-14"


def test_the_phone_is_under_contacts_phones():
    record = exported(phone="0121 496 0000")
    assert [p["number"] for c in record["contacts"] for p in c["phones"]] == ["0121 496 0000"]
    assert imported(record)["contact"]["phone"] == "0121 496 0000"


def test_email_and_website_are_email_and_url():
    record = exported(email="help@shelter.example.org", website="https://shelter.example.org")
    assert (record["email"], record["url"]) == ("help@shelter.example.org", "https://shelter.example.org")
    assert imported(record)["contact"] == {"email": "help@shelter.example.org", "website": "https://shelter.example.org"}


def test_the_summary_is_the_first_paragraph_of_description():
    record = exported(summary="Beds for the night.", description="Arrive by 8pm.\n\nBring ID if you have it.")
    assert record["description"] == "Beds for the night.\n\nArrive by 8pm.\n\nBring ID if you have it."
    back = imported(record)
    assert (back["summary"], back["description"]) == ("Beds for the night.", "Arrive by 8pm.\n\nBring ID if you have it.")


def test_locations_are_service_at_locations_with_an_address():
    loc = Location(name="Main hostel", address=["1 Test Street", "Hillfields"], town="Coventry", postcode="CV1 1AA",
                   lat=52.4, lon=-1.51, accessibility="Step-free")
    record = exported(locations=[loc])
    place = record["service_at_locations"][0]["location"]
    address = place["addresses"][0]
    assert (place["name"], place["latitude"], place["longitude"]) == ("Main hostel", 52.4, -1.51)
    assert (address["address_1"], address["address_2"], address["city"], address["postal_code"]) == (
        "1 Test Street", "Hillfields", "Coventry", "CV1 1AA")
    assert place["accessibility"][0]["description"] == "Step-free"
    assert imported(record)["locations"] == [{"name": "Main hostel", "address": ["1 Test Street", "Hillfields"],
                                              "town": "Coventry", "postcode": "CV1 1AA", "lat": 52.4, "lon": -1.51,
                                              "accessibility": "Step-free"}]


@pytest.mark.parametrize(("cost", "option", "fees"), [("free", "Free", "Free"), ("charge", "Charge", "There is a charge")])
def test_cost_is_cost_options_and_fees_description(cost, option, fees):
    record = exported(cost=cost)
    assert [(c["option"], c["currency"], c.get("amount")) for c in record["cost_options"]] == [
        (option, "GBP", 0 if cost == "free" else None)]
    assert record["fees_description"] == fees
    assert imported(record)["cost"] == cost


def test_eligibility_referral_details_and_languages():
    record = exported(eligibility="Adults over 18.", referral_details="Call first.", languages=["en", "pl"])
    assert (record["eligibility_description"], record["application_process"]) == ("Adults over 18.", "Call first.")
    assert [lang["code"] for lang in record["languages"]] == ["en", "pl"]
    back = imported(record)
    assert (back["eligibility"], back["referral_details"], back["languages"]) == ("Adults over 18.", "Call first.",
                                                                                  ["en", "pl"])


def test_the_provider_is_the_organization():
    record = exported(provider="Shelter Trust")
    assert record["organization"]["name"] == "Shelter Trust"
    assert imported(record)["provider"] == "Shelter Trust"


def test_the_oruk_list_shape_maps_like_hsds_3():
    """The older shape's names: regular_schedules, physical_addresses, accessibility_for_disabilities,
    service_taxonomys, eligibilitys (with ages), fees, languages by name and organization.url."""
    record = {
        "id": "9", "name": "Advice", "description": "<p>Help.</p>", "fees": "Free",
        "organization": {"name": "Council", "url": "https://council.example.gov.uk"},
        "eligibilitys": [{"eligibility": "Residents", "minimum_age": 16, "maximum_age": 25}],
        "regular_schedules": [{"weekday": "Tuesday", "opens_at": "10:00:00", "closes_at": "12:00:00"}],
        "service_at_locations": [{"location": {
            "physical_addresses": [{"address_1": "1 High St", "city": "Walsall", "postal_code": "WS1 1AA"}],
            "accessibility_for_disabilities": [{"accessibility": "Lift"}]}}],
        "service_taxonomys": [{"taxonomy": {"id": "T1", "name": "Homelessness", "vocabulary": "council"}}],
    }
    data = imported(record)
    assert data["hours"] == [{"days": ["tue"], "opens": "10:00", "closes": "12:00"}]
    assert data["locations"] == [{"address": ["1 High St"], "town": "Walsall", "postcode": "WS1 1AA",
                                  "accessibility": "Lift"}]
    assert data["eligibility"] == "Residents. Ages 16 to 25."
    assert (data["cost"], data["provider"], data["contact"]) == ("free", "Council",
                                                                 {"website": "https://council.example.gov.uk"})
    mapping = Mapping(terms={"homelessness": {"stages": ["crisis-prevention-and-relief"]}})
    mapped = from_hsds(as_hsds3(record), Context(VOCAB, {}, mapping, BUILD_DATE))
    assert mapped.data["stages"] == ["crisis-prevention-and-relief"] and "stages" not in mapped.guessed
