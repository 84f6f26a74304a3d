"""Import formats: XLSX workbooks (values, never formulas; a truncated file is
refused), articles with their text in a sheet or a second CSV, and ClaimReview JSON in its
shapes, with the rating's mapping onto our scale shown in the preview."""

import io
import json

import pytest
from openpyxl import Workbook

from claims.intake import importing
from claims.models import Article, Claim, Claimant, EvidenceLink, Verdict
from tests.factories import make_claimant

pytestmark = pytest.mark.django_db
CLAIM_COLUMNS = ["claim", "claimant", "claimant_kind", "kind", "date_made", "first_article_slug",
                 "quote"]  # fmt: skip
ARTICLE_TEXT = "Pyongyang, June 20. The envoy said talks would “resume within weeks”."


def workbook(claims: list[list], articles: list[list] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "claims"
    for row in [CLAIM_COLUMNS, *claims]:
        sheet.append(row)
    if articles is not None:
        extra = book.create_sheet("articles")
        for row in [["slug", "title", "outlet", "url", "date", "text"], *articles]:
            extra.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(name: str, data: bytes, **kwargs):
    record = importing.start(name, data, **kwargs)
    plan = importing.preview_of(record)
    return record, plan


ROW = ["Talks will resume.", "Choe Son Hui", "person", "prediction", "2019-06-20",
       "envoy-report", "resume within weeks"]  # fmt: skip
ARTICLE = ["envoy-report", "Envoy report", "Wire", "https://news.example.org/envoy",
           "2019-06-20", ARTICLE_TEXT]  # fmt: skip


def test_a_workbook_brings_claims_and_their_articles_with_text():
    record, plan = run("claims.xlsx", workbook([ROW], [ARTICLE]))
    assert plan.ok, plan.errors
    assert [a.action for a in plan.articles] == ["new"] and plan.counts["new"] == 1
    importing.confirm(record)
    article = Article.objects.get(slug="envoy-report")
    assert article.text == ARTICLE_TEXT and article.publication == "Wire"
    appearance = Claim.objects.get().appearances.get()
    assert appearance.article == article and appearance.quote_start == ARTICLE_TEXT.index("resume")


def test_articles_come_as_a_second_csv_too():
    claims = ",".join(CLAIM_COLUMNS) + "\n" + ",".join(ROW) + "\n"
    articles = 'slug,title,text\nenvoy-report,Envoy report,"' + ARTICLE_TEXT + '"\n'
    record, plan = run("claims.csv", claims.encode(), articles=("a.csv", articles.encode()))
    assert plan.ok, plan.errors
    importing.confirm(record)
    assert Claim.objects.get().appearances.get().article.title == "Envoy report"


def test_a_quote_not_in_the_sheets_article_text_is_an_error_on_its_row():
    wrong = [*ROW[:-1], "words the envoy never said"]
    _, plan = run("claims.xlsx", workbook([wrong], [ARTICLE]))
    assert plan.errors[0].number == 2
    assert "quote: it does not occur in the text of “Envoy report”" in plan.errors[0].errors[0]


def test_formulas_in_a_workbook_are_read_as_their_stored_values_never_run():
    book = Workbook()
    sheet = book.active
    sheet.append(["claim", "claimant", "claimant_kind", "kind", "date_made"])
    sheet.append(['=HYPERLINK("http://evil.example","click")', "Kim", "person", "statement",
                  "2019-01-13"])  # fmt: skip
    out = io.BytesIO()
    book.save(out)  # openpyxl stores the formula with no computed value
    _, plan = run("formulas.xlsx", out.getvalue())
    assert plan.rows[0].errors == ["claim: empty; it is required"]  # not evaluated, not kept

    text = Workbook()
    text.active.append(["claim", "claimant", "claimant_kind", "kind", "date_made"])
    text.active.append(["'=1+1 as text", "Kim", "person", "statement", "2019-01-13"])
    out = io.BytesIO()
    text.save(out)
    record, plan = run("text.xlsx", out.getvalue())
    importing.confirm(record)
    assert Claim.objects.get().text == "=1+1 as text"


def test_workbook_dates_become_iso_dates():
    import datetime

    row = ["A claim.", "Kim", "person", "statement", datetime.datetime(2019, 1, 13)]
    _, plan = run("dates.xlsx", workbook([row]))
    assert plan.ok and plan.rows[0].values["made_on"] == datetime.date(2019, 1, 13)


def test_a_truncated_workbook_is_refused_with_a_message():
    data = workbook([ROW], [ARTICLE])
    with pytest.raises(importing.TableError, match="not a complete XLSX workbook"):
        importing.start("cut.xlsx", data[: len(data) // 2])
    assert not Claim.objects.exists()


REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example.org/reviews/1",
    "claimReviewed": "North Korea has stopped all missile tests.",
    "datePublished": "2019-08-02",
    "author": {"@type": "Organization", "name": "Example Fact Check"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    },  # fmt: skip
    "itemReviewed": {
        "@type": "Claim",
        "datePublished": "2019-07-30T14:00:00Z",
        "author": {"@type": "Person", "name": "A. Spokesperson", "jobTitle": "Spokesperson"},
    },
}


def test_claimreview_json_ld_becomes_a_claim_with_its_verdict_and_evidence():
    record, plan = run("reviews.json", json.dumps(REVIEW).encode())
    assert plan.ok, plan.errors
    assert "rating 2 on 1–5 → Mostly false" in plan.rows[0].notes
    importing.confirm(record)
    claim = Claim.objects.get()
    assert (claim.text, claim.claimant.name, claim.claimant.kind) == (
        "North Korea has stopped all missile tests.",
        "A. Spokesperson",
        "person",
    )
    assert (claim.claimant_role, str(claim.made_on)) == ("Spokesperson", "2019-07-30")
    assert (claim.verdict, str(claim.verdict_on)) == (Verdict.MOSTLY_FALSE, "2019-08-02")
    link = EvidenceLink.objects.get()
    assert link.url == REVIEW["url"] and link.outcome.claim == claim


@pytest.mark.parametrize(
    "document",
    [
        [REVIEW, {**REVIEW, "claimReviewed": "Second claim."}],
        {"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [REVIEW]},
                                                   {"item": {**REVIEW, "claimReviewed": "B."}}]},
        {"@context": "https://schema.org", "@graph": [REVIEW, {**REVIEW, "claimReviewed": "B."}]},
    ],
    ids=["list", "datafeed", "graph"],
)  # fmt: skip
def test_claimreview_lists_feeds_and_graphs_are_read(document):
    _, plan = run("feed.json", json.dumps(document).encode())
    assert plan.ok and len(plan.rows) == 2


def test_a_fact_check_tools_markup_page_is_read():
    make_claimant("A. Spokesperson")
    page = {
        "name": "pages/abc",
        "pageUrl": "https://factcheck.example.org/reviews/2",
        "publishDate": "2019-08-03",
        "claimReviewAuthor": {"name": "Example Fact Check"},
        "claimReviewMarkups": [
            {
                "claimReviewed": "Talks resumed in Stockholm.",
                "claimDate": "2019-07-31",
                "claimAuthor": {"name": "A. Spokesperson"},
                "rating": {"textualRating": "True", "ratingExplanation": "They met on 5 Oct."},
            }
        ],
    }
    record, plan = run("page.json", json.dumps(page).encode())
    assert plan.ok, plan.errors
    assert "rating “True” → True" in plan.rows[0].notes
    importing.confirm(record)
    claim = Claim.objects.get()
    assert claim.claimant == Claimant.objects.get() and claim.verdict == Verdict.TRUE
    assert claim.outcomes.get().explanation == "They met on 5 Oct."


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        ({"alternateName": "Misleading"}, "rating “Misleading” is not on our scale"),
        ({"ratingValue": 9, "bestRating": 5, "worstRating": 1}, "outside its scale"),
        ({}, "no rating"),
    ],
)
def test_a_rating_off_our_scale_is_an_error_not_a_guess(rating, message):
    _, plan = run("bad.json", json.dumps({**REVIEW, "reviewRating": rating}).encode())
    assert not plan.ok and message in plan.rows[0].errors[0]


def test_json_that_is_not_claimreview_is_refused():
    with pytest.raises(importing.TableError, match="no ClaimReview found"):
        importing.start("other.json", b'{"hello": "world"}')
    with pytest.raises(importing.TableError, match="not JSON text"):
        importing.start("broken.json", b'{"@type": "ClaimRev')
