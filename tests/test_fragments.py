"""Parts of pages kept under the record's generation: a
claim's row is rendered once and shown in every list it is in, each search's snippet put in
its place; any committed change is on the very next request; the filter form's claimants
and topics are read once. Run against local memory and against the real Redis server."""

import subprocess
import sys
from pathlib import Path

import pytest

from claims.models import Claim, Verdict
from tests.factories import make_claimant, make_outcome, make_sourced_claim, make_topic

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def kept_parts(settings, each_cache):
    """The fragment cache on (the page cache stays off: every page is built)."""
    settings.FRAGMENT_CACHE_SECONDS = 300
    return each_cache


@pytest.fixture
def story(kept_parts):
    with kept_parts(execute=True):
        envoy = make_claimant("Stephen Biegun")
        topic = make_topic("Talks")
        resume = make_sourced_claim("Talks will resume within weeks.", claimant=envoy)
        resume.topics.set([topic])
        summit = make_sourced_claim("A summit will be held in Hanoi.", claimant=envoy)
    return {"envoy": envoy, "resume": resume, "summit": summit}


def page(client, url="/claims/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_row_is_rendered_once_for_every_list_it_is_in(client, story, django_assert_num_queries):
    first = page(client)
    # Another list of the same claims (sorted otherwise): 1 the probe, 2 the record's
    # generation (read once for every part). The rows, the form's claimants and topics, and
    # what each kind, topic and claimant would give (the same for every sort and page of
    # these results) are kept. No query reads the claims' rows.
    with django_assert_num_queries(2):
        again = page(client, "/claims/?sort=check_by")
    for text in ("Talks will resume within weeks.", "A summit will be held in Hanoi."):
        assert text in first and text in again


def test_another_page_of_the_same_results_reads_only_the_generation(
    client, story, kept_parts, django_assert_num_queries
):
    page(client, "/claims/?kind=prediction")
    # Page 1 again, asked for by number: the probe of the matching claims (their ids,
    # verdicts and sort values) is kept for the filter and its sort, like the rows and
    # counts. 1 the record's generation.
    with django_assert_num_queries(1):
        again = page(client, "/claims/?kind=prediction&page=1")
    assert "A summit will be held in Hanoi." in again
    # A new claim moves the generation: probed again, so it is in the list at once.
    with kept_parts(execute=True):
        make_sourced_claim("Sanctions will be lifted.", claimant=story["envoy"])
    assert "Sanctions will be lifted." in page(client, "/claims/?kind=prediction&page=1")


def test_every_change_is_on_the_very_next_request(client, story, kept_parts):
    page(client)
    with kept_parts(execute=True):
        Claim.objects.filter(pk=story["resume"].pk).update(text="Talks will resume in July.")
    assert "Talks will resume in July." in page(client)
    with kept_parts(execute=True):
        make_outcome(story["summit"], verdict=Verdict.TRUE, explanation="It was, in February.")
    assert "It was, in February." in page(client)
    with kept_parts(execute=True):  # a claimant renamed: their claims' rows name them
        story["envoy"].name = "Stephen E. Biegun"
        story["envoy"].save()
    html = page(client)
    assert "Stephen E. Biegun" in html and ">Stephen Biegun<" not in html


def test_counts_are_kept_per_filter_and_move_with_the_record(client, story, kept_parts):
    page(client, "/claims/?kind=prediction")
    with kept_parts(execute=True):
        make_sourced_claim("Sanctions will be lifted.", claimant=story["envoy"])
    html = page(client, "/claims/?kind=prediction&page=1")  # the same filter, counted again
    assert f'value="{story["envoy"].slug}"> Stephen Biegun (3)' in html


def test_the_filter_form_lists_a_new_claimant_and_topic_at_once(client, story, kept_parts):
    assert "Jim Mattis" not in page(client)
    with kept_parts(execute=True):
        mattis = make_claimant("Jim Mattis")
        make_sourced_claim("Exercises will stay suspended.", claimant=mattis).topics.set(
            [make_topic("Military exercises")]
        )
    html = page(client, "/claims/?sort=resolved")
    assert 'value="jim-mattis"' in html and 'value="military-exercises"' in html


def test_each_search_puts_its_own_marks_in_a_kept_row(client, story):
    talks = page(client, "/claims/?q=talks")
    resume = page(client, "/claims/?q=resume")  # the same row, from the cache
    weeks = page(client, "/claims/?q=weeks")
    assert "<mark>Talks</mark> will resume within weeks." in talks
    assert "Talks will <mark>resume</mark> within weeks." in resume
    assert "<mark>Talks</mark>" not in resume
    # A quote matched too: the snippet names it, and only it.
    assert weeks.count('class="snippet"') == 2  # both claims quote "in a couple of weeks"
    assert '<span class="snippet-field">Quote:</span> “in a couple of <mark>weeks</mark>”' in weeks
    plain = page(client)  # kept without any
    assert "<mark>" not in plain and 'class="snippet"' not in plain


def test_a_searchs_snippets_are_kept_until_the_claim_changes(
    client, story, kept_parts, django_assert_num_queries
):
    page(client, "/claims/?q=summit")
    # The same search again, its page asked for by number: 1 the record's generation. Its
    # probe, its rows and each claim's snippet for these words are kept.
    with django_assert_num_queries(1):
        again = page(client, "/claims/?q=summit&page=1")
    assert "<mark>summit</mark>" in again
    with kept_parts(execute=True):
        Claim.objects.filter(pk=story["summit"].pk).update(
            text="A second summit will be held in Hanoi."
        )
        Claim.objects.get(pk=story["summit"].pk).save()  # search text rebuilt on save
    html = page(client, "/claims/?q=summit&page=1")
    assert "A second <mark>summit</mark> will be held in Hanoi." in html


def test_a_claims_text_cannot_take_the_snippets_place(client, kept_parts):
    with kept_parts(execute=True):
        make_sourced_claim("<!--snippet--> Talks will resume.")
    html = page(client, "/claims/?q=resume")
    assert "&lt;!--snippet--&gt; Talks will <mark>resume</mark>." in html
    assert 'class="snippet"' not in html  # the match is in the claim's own words


def test_a_claimants_page_keeps_rows_of_its_own(client, story):
    url = story["envoy"].get_absolute_url()
    assert f'href="{url}">Stephen Biegun</a>' in page(client)  # the list's rows name them
    own = page(client, url)
    assert "Talks will resume within weeks." in own
    rows = own.split('<ol class="claims">', 1)[1].split("</ol>", 1)[0]
    assert "Stephen Biegun" not in rows  # their rows do not
    assert f'href="{url}">Stephen Biegun</a>' in page(client)  # and the list's still do


def test_the_page_cache_and_the_parts_read_the_generation_once(
    client, story, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    page(client, "/claims/?sort=check_by")  # the rows kept
    # A page not in the page cache yet, of the same rows: the same 2 queries as above, the
    # generation among them once, though the page cache and every part ask for it.
    with django_assert_num_queries(2) as queries:
        page(client, "/claims/?sort=resolved")
    assert sum("claims_recordstate" in q["sql"] for q in queries) == 1


def test_a_negative_keeping_time_is_refused_at_start_up():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CLAIMTRACK_FRAGMENT_CACHE_SECONDS": "-1",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CLAIMTRACK_FRAGMENT_CACHE_SECONDS must be 0 or more." in result.stderr
