from lofte.core.audit import changes


def test_it_lists_only_the_fields_that_differ():
    assert changes({"role": "reader", "user": "anna"}, {"role": "editor", "user": "anna"}) == [
        ("role", "reader", "editor")
    ]


def test_a_created_object_lists_every_field_with_nothing_before():
    assert changes(None, {"role": "reader", "user": "anna"}) == [("role", None, "reader"), ("user", None, "anna")]


def test_a_deleted_object_lists_every_field_with_nothing_after():
    assert changes({"role": "admin"}, None) == [("role", "admin", None)]


def test_fields_only_after_come_after_the_fields_before():
    assert changes({"a": 1}, {"a": 2, "b": 3}) == [("a", 1, 2), ("b", None, 3)]


def test_nothing_changed_gives_nothing():
    assert changes({"a": [1, 2]}, {"a": [1, 2]}) == []
