"""JSON-LD salvage: each repair reads what the author meant, and is counted by kind."""

from __future__ import annotations

from spiders.formats import jsonld
from spiders.formats.json_salvage import salvage_json
from tests.support.parser_fixtures import make_ctx

PAGE = "https://groups.example.org/events/"


def test_valid_json_needs_no_repair() -> None:
    salvage = salvage_json('{"name": "It\'s fine"}')
    assert (salvage.data, dict(salvage.repairs)) == ({"name": "It's fine"}, {})


def test_php_escaped_quote() -> None:
    salvage = salvage_json(r'{"name": "Therapists\' peer group", "x": "don\'t"}')
    assert salvage.data["name"] == "Therapists' peer group"
    assert salvage.repairs == {"php_escape": 2}


def test_valid_escapes_are_left_alone() -> None:
    salvage = salvage_json('{"a": "line\\nbreak \\" quote \\\\\' tail",}')
    assert salvage.data["a"] == 'line\nbreak " quote \\\' tail'
    assert salvage.repairs == {"trailing_comma": 1}


def test_raw_newline_and_tab_in_a_string() -> None:
    salvage = salvage_json('{"description": "First line\nsecond\tline"}')
    assert salvage.data["description"] == "First line\nsecond\tline"
    assert salvage.repairs == {"raw_control": 2}


def test_trailing_commas_in_objects_and_arrays() -> None:
    salvage = salvage_json('{"keywords": ["dbt", "peer",], "name": "x",\n}')
    assert salvage.data == {"keywords": ["dbt", "peer"], "name": "x"}
    assert salvage.repairs == {"trailing_comma": 2}


def test_comma_before_a_brace_inside_a_string_is_text() -> None:
    salvage = salvage_json('{"name": "a, }", "b": 1,}')
    assert salvage.data == {"name": "a, }", "b": 1}


def test_concatenated_objects_all_kept() -> None:
    salvage = salvage_json('{"@type": "Event", "name": "A"}\n{"@type": "Event", "name": "B"};'
                           '{"@type": "Event", "name": "C"}')
    assert [d["name"] for d in salvage.data] == ["A", "B", "C"]
    assert salvage.repairs == {"concatenated": 2}


def test_html_comment_around_the_script() -> None:
    salvage = salvage_json('<!--\n{"name": "A"}\n-->')
    assert salvage.data == {"name": "A"} and salvage.repairs == {"html_comment": 1}


def test_cdata_around_the_script() -> None:
    salvage = salvage_json('//<![CDATA[\n{"name": "A"}\n//]]>')
    assert salvage.data == {"name": "A"} and salvage.repairs == {"html_comment": 1}


def test_js_comments_outside_strings() -> None:
    salvage = salvage_json('{"url": "https://x.org/a", // the page\n "n": 1 /* one */}')
    assert salvage.data == {"url": "https://x.org/a", "n": 1}
    assert salvage.repairs == {"js_comment": 2}


def test_trailing_text_is_dropped_and_counted() -> None:
    salvage = salvage_json('{"name": "A"} </div> oops')
    assert salvage.data == {"name": "A"} and salvage.repairs == {"trailing_text": 1}


def test_unreadable_script_says_why() -> None:
    salvage = salvage_json('{"name": ')
    assert salvage.data is None and salvage.problem


def test_describe_lists_kinds_in_order() -> None:
    salvage = salvage_json('{"a": "it\\\'s",}')
    assert salvage.describe() == "1 php_escape, 1 trailing_comma"


def _page(script: str) -> bytes:
    return (f'<html><head><script type="application/ld+json">{script}</script></head>'
            f"<body></body></html>").encode()


def test_page_with_php_escapes_keeps_every_event_and_counts_repairs() -> None:
    script = ('[{"@type": "Event", "name": "Women\\\'s peer group", "startDate": '
              '"2025-03-04T18:00:00-05:00"},\n {"@type": "Event", "name": "Clinicians\\\' '
              'supervision circle", "startDate": "2025-03-05T18:00:00-05:00"},]')
    result = jsonld.parse(_page(script), make_ctx(PAGE))
    assert [i.title for i in result.items] == ["Women's peer group",
                                               "Clinicians' supervision circle"]
    assert result.repairs == {"jsonld_php_escape": 2, "jsonld_trailing_comma": 1}
    assert result.errors == []


def test_page_with_concatenated_events_keeps_both() -> None:
    script = ('{"@type": "Event", "name": "A", "startDate": "2025-03-04T18:00:00Z"}'
              '{"@type": "Event", "name": "B", "startDate": "2025-03-05T18:00:00Z"}')
    result = jsonld.parse(_page(script), make_ctx(PAGE))
    assert [i.title for i in result.items] == ["A", "B"]
    assert result.repairs == {"jsonld_concatenated": 1}


def test_repairs_survive_the_parse_cache(tmp_path) -> None:
    from spiders.parse_cache import parse_cached

    body = _page('{"@type": "Event", "name": "It\\\'s on", "startDate": "2025-03-04T18:00Z",}')
    first, _ = parse_cached("jsonld", body, make_ctx(PAGE), tmp_path)
    again, reused = parse_cached("jsonld", body, make_ctx(PAGE), tmp_path)
    assert reused and again.repairs == first.repairs == {
        "jsonld_php_escape": 1, "jsonld_trailing_comma": 1}


def test_trailing_comma_before_a_comment() -> None:
    salvage = salvage_json('{"articleSection": "x", // category\n //"count": ""\n}')
    assert salvage.data == {"articleSection": "x"}
    assert salvage.repairs == {"trailing_comma": 1, "js_comment": 2}
