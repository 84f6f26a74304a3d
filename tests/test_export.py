"""CSV export: exactly the filtered list, every row, safe to open in a spreadsheet."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.admin.sites import site
from django.test import override_settings
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Verdict
from claims.outputs.export import COLUMNS, neutralise
from tests.factories import make_appearance, make_article, make_claim, make_claimant, make_outcome

pytestmark = pytest.mark.django_db

TRICKY = [
    '=HYPERLINK("http://evil.example","click")',
    "+1 more summit, he said",
    "-2 missiles were launched",
    "@SUM(A1:A2) is not a claim",
    "\tTabbed claim",
    "\rCarriage claim",
    'Commas, "quotes" and\nnewlines survive',
    "Ким Чен Ын встретится с Трампом — 김정은 위원장",
    " =1+1 after a space",
    "\u200b=HYPERLINK(zero-width space first)",
    "\ufeff=cmd after a byte-order mark",
    "\u00a0 @SUM(after a no-break space)",
    "A; semicolon; that splits cells in some locales",
]
# Which of TRICKY a spreadsheet could run as a formula (its first visible character).
FORMULAS = {0, 1, 2, 3, 4, 5, 8, 9, 10, 11}


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:], newline="")))


@pytest.fixture
def tricky_claims():
    claimant = make_claimant('Kim, "Jong" Un')
    article = make_article("Talks", url="https://news.example.org/a")
    claims = []
    for i, text in enumerate(TRICKY):
        claim = make_claim(text, slug=f"tricky-{i}", claimant=claimant)
        make_appearance(claim, article, quote="in a couple of weeks")
        claims.append(claim)
    make_outcome(claims[0], Verdict.FALSE, datetime.date(2019, 10, 5), explanation="=1+1")
    make_claim("Draft claim.", status=ClaimStatus.DRAFT)
    return claims


def test_neutralise_follows_owasp():
    for value in ["=1", "+1", "-1", "@x", "\tx", "\rx", "  =1", "\u200b\u200d+1", "\ufeff-1"]:
        assert neutralise(value) == "'" + value
    for value in ["Plain text", "x=1", "  indented", "a;b", "\u200bword"]:
        assert neutralise(value) == value
    assert neutralise(None) == ""


# Characters a spreadsheet skips before the first visible one, and the operators it reads as
# = + - @: every combination is neutralised, alike in Python (SQLite) and in SQL (PostgreSQL).
HIDDEN_PREFIXES = [
    "\u00ad", "\u034f", "\u3164", "\U000e0020", "\u001f", "\u0085", "\u200b", "\ufeff",
    "\u00a0", " ", "\u2060", "\u180e", "\u115f", "\uffa0", "\ufe0f", "\u061c",
]  # fmt: skip
OPERATORS = ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff20", "\uff0d", "\u2212"]


def test_hidden_characters_before_an_operator_are_guarded_on_both_paths(client):
    claimant = make_claimant("Guarded")
    texts = [f"{hidden}{op}HYPERLINK(1)" for hidden in HIDDEN_PREFIXES for op in OPERATORS]
    texts += [f"{op}1" for op in OPERATORS]
    for number, text in enumerate(texts):
        make_claim(text, slug=f"guarded-{number}", claimant=claimant)
    plain = make_claim("\u00adword with a soft hyphen first", slug="plain", claimant=claimant)
    # As stored: a control character is saved as a space (claims.text.characters), still hidden.
    stored = set(Claim.objects.exclude(pk=plain.pk).values_list("text", flat=True))
    exported = {row["claim"] for row in read_csv(client.get("/claims/export.csv"))}
    assert exported == {"'" + text for text in stored} | {plain.text}
    for text in texts:
        assert neutralise(text) == "'" + text


def test_every_field_is_quoted(client, tricky_claims):
    """The raw file is exactly its fields, each in quotes (an empty one may be bare): so a
    spreadsheet that splits on ";" never starts a cell inside a field."""
    body = b"".join(client.get("/claims/export.csv").streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body[1:], newline="")))

    def field(value):
        quoted = re.escape('"' + value.replace('"', '""') + '"')
        return quoted if value else f"(?:{quoted})?"

    pattern = "".join(",".join(field(v) for v in row) + r"\r?\n" for row in rows)
    assert re.fullmatch(pattern, body[1:]) is not None


def test_export_has_header_filename_and_every_published_row(client, tricky_claims):
    response = client.get("/claims/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="claims-{today}.csv"'
    rows = read_csv(response)
    assert list(rows[0].keys()) == COLUMNS
    assert len(rows) == len(TRICKY)
    assert "Draft claim." not in {r["claim"] for r in rows}


def test_cells_round_trip_and_formulas_are_neutralised(client, tricky_claims):
    rows = {int(r["id"]): r for r in read_csv(client.get("/claims/export.csv"))}
    for claim, text in zip(tricky_claims, TRICKY, strict=True):
        row = rows[claim.pk]
        expected = "'" + text if TRICKY.index(text) in FORMULAS else text
        assert row["claim"] == expected
        assert row["claimant"] == 'Kim, "Jong" Un'
        assert row["detail_url"] == f"http://testserver{claim.get_absolute_url()}"
        assert row["quote"] == "in a couple of weeks"
        assert row["first_article_url"] == "https://news.example.org/a"
    first = rows[tricky_claims[0].pk]
    assert first["verdict"] == "false"
    assert first["verdict_label"] == "Did not come true"  # a prediction, in its own words
    assert first["verdict_date"] == "2019-10-05"
    assert first["outcome_explanation"] == "'=1+1"


@override_settings(CLAIMS_PER_PAGE=2)
def test_export_matches_the_filtered_list_not_just_a_page(client, tricky_claims):
    query = {"q": "claim", "sort": "oldest"}
    listing = client.get("/claims/", query).context["listing"]
    assert listing.total > 2  # more than one page
    listed = list(Claim.objects.published().search("claim").order_by("made_on", "pk"))
    rows = read_csv(client.get("/claims/export.csv", query))
    assert [int(r["id"]) for r in rows] == [c.pk for c in listed]
    assert len(rows) == listing.total


def test_bad_filter_is_a_400_with_the_reason(client):
    response = client.get("/claims/export.csv", {"made_after": "yesterday"})
    assert response.status_code == 400
    assert "made_after: Enter a valid date, written YYYY-MM-DD." in response.content.decode()


def test_admin_exports_selected_claims(editor_client, tricky_claims):
    chosen = tricky_claims[:2]
    response = editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "export_csv", "_selected_action": [c.pk for c in chosen]},
    )
    assert response.status_code == 200
    assert sorted(int(r["id"]) for r in read_csv(response)) == sorted(c.pk for c in chosen)
    assert "export_csv" in site._registry[Claim].get_actions(response.wsgi_request)


def test_the_whole_record_reads_the_same_as_claim_by_claim(tricky_claims):
    """The unfiltered export (and its file) is read from the kept export rows on PostgreSQL,
    built the whole-record way (first quotes, latest outcomes and topics once for all
    claims); every cell is the same as when each is looked up per claim, ties and blanks
    included."""
    from claims.outputs.export import csv_stream
    from claims.outputs.export_table import public_claims, whole_record_stream
    from tests.factories import make_topic

    first, second, third = tricky_claims[:3]
    undated = make_article("Undated report", published_on=None, url="")
    earlier = make_article("=Earlier report", published_on=datetime.date(2018, 6, 1))
    make_appearance(first, undated, quote="We are ready when they are.")
    make_appearance(first, earlier, quote="We are ready")  # the earliest: the first quote
    make_appearance(second, undated, quote="We are ready when they are.")  # after the dated
    make_outcome(first, Verdict.MIXED, datetime.date(2020, 1, 1), explanation="Later.")
    make_outcome(first, Verdict.TRUE, datetime.date(2020, 1, 1), explanation="+Same day, later.")
    third.topics.set([make_topic("Zebra talks"), make_topic("=Arms")])
    make_claim("No quote, no outcome, no topic.")
    whole = b"".join(
        c if isinstance(c, bytes) else c.encode() for c in whole_record_stream("http://x/")
    )
    each = b"".join(
        c if isinstance(c, bytes) else c.encode() for c in csv_stream(public_claims(), "http://x/")
    )
    assert whole == each
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(whole.decode()[1:], newline=""))}
    assert rows[str(first.pk)]["quote"] == "We are ready"
    assert rows[str(second.pk)]["quote"] == "in a couple of weeks"
    assert rows[str(first.pk)]["first_article_title"] == "'=Earlier report"
    assert rows[str(first.pk)]["outcome_explanation"] == "'+Same day, later."
    assert rows[str(third.pk)]["topics"] == "'=Arms; Zebra talks"
