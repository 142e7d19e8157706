"""The rate limit's counter: one conditional UPDATE per slot, per client and clock window."""

import pytest

from lofte.dialogue import ratelimit
from lofte.dialogue.models import RateCounter
from tests.dialogue.helpers import in_parallel

pytestmark = pytest.mark.django_db
NOW = 1_700_000_000.0  # 22:13:20 UTC; the hour's window started 13 min 20 s earlier


def test_slots_are_taken_up_to_the_limit_then_refused_until_the_window_ends():
    for _ in range(3):
        assert ratelimit.take("form", "203.0.113.9", 3, 3600, now=NOW).allowed
    refused = ratelimit.take("form", "203.0.113.9", 3, 3600, now=NOW)
    assert not refused.allowed
    assert refused.retry_after == 3600 - 800 + 1
    assert ratelimit.take("form", "203.0.113.9", 3, 3600, now=NOW + 2800).allowed


def test_checking_counts_nothing():
    for _ in range(5):
        assert ratelimit.check("form", "203.0.113.9", 1, 3600, now=NOW).allowed
    ratelimit.take("form", "203.0.113.9", 1, 3600, now=NOW)
    assert not ratelimit.check("form", "203.0.113.9", 1, 3600, now=NOW).allowed


def test_clients_and_forms_are_counted_apart_and_no_address_is_stored():
    ratelimit.take("form", "203.0.113.9", 1, 3600, now=NOW)
    assert ratelimit.take("form", "198.51.100.7", 1, 3600, now=NOW).allowed
    assert ratelimit.take("other-form", "203.0.113.9", 1, 3600, now=NOW).allowed
    assert not any("203.0.113" in c.client for c in RateCounter.objects.all())


def test_a_slot_given_back_can_be_taken_again():
    ratelimit.take("form", "203.0.113.9", 1, 3600, now=NOW)
    ratelimit.give_back("form", "203.0.113.9", 3600, now=NOW)
    assert ratelimit.take("form", "203.0.113.9", 1, 3600, now=NOW).allowed


def test_a_zero_limit_refuses_everything():
    assert not ratelimit.take("form", "203.0.113.9", 0, 3600, now=NOW).allowed


def test_counters_of_ended_windows_are_purged():
    ratelimit.take("form", "203.0.113.9", 5, 3600, now=NOW)
    ratelimit.take("form", "203.0.113.9", 5, 3600, now=NOW + 7200)
    assert ratelimit.purge_expired(3600, now=NOW + 7200) == 1
    assert RateCounter.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_takes_never_exceed_the_limit_and_are_all_counted():
    """Reproduces 9.11 at the counter: 30 clients' worth of parallel takes, 5 slots."""
    results = in_parallel(30, lambda i: ratelimit.take("form", "203.0.113.9", 5, 3600, now=NOW).allowed)
    assert results.count(True) == 5
    assert RateCounter.objects.get().count == 5
