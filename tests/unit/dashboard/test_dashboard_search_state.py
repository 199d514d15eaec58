"""Searches survive a round trip through the URL, and hostile URLs degrade to defaults."""

from __future__ import annotations

from dashboard.search_state import Search, from_query_params, to_query_params


def test_round_trip_preserves_every_field():
    search = Search(where="Portland, OR", radius=100, include_online=False, online_only=True,
                    licensed_state="OR", kinds=("supervision", "peer_event"), free=True,
                    sliding=True, max_price=40, audience=("mft",), modalities=("EMDR",),
                    ce_only=True, days=("tue", "sat"), times=("evening",), within_days=30,
                    language="Spanish", q="play therapy", tz="America/Chicago", accepting=True)
    assert from_query_params(to_query_params(search)) == search


def test_defaults_make_an_empty_query_string():
    assert to_query_params(Search()) == {}


def test_invalid_values_fall_back_to_defaults():
    parsed = from_query_params({"radius": "9999", "kind": "other,consult_group,<x>",
                                "tz": "Mars/Base", "lic": "ZZ", "within": "12",
                                "max": "-5", "days": "funday,mon"})
    assert parsed.radius == 250
    assert parsed.kinds == ("consult_group",)
    assert parsed.tz == Search().tz
    assert parsed.licensed_state == ""
    assert parsed.within_days == 0
    assert parsed.max_price == 0
    assert parsed.days == ("mon",)


def test_text_is_trimmed_and_bounded():
    parsed = from_query_params({"q": "  a   b  " + "x" * 500})
    assert parsed.q.startswith("a b ") and len(parsed.q) == 120


def test_list_valued_params_use_the_last_value():
    assert from_query_params({"where": ["10001", "19103"]}).where == "19103"


def test_taking_new_members_has_a_short_url_name():
    assert to_query_params(Search(accepting=True)) == {"open": "1"}
    assert from_query_params({"open": "1"}).accepting is True
