"""The import as an editor does it, in a real browser: upload a file with good
and bad rows, read the errors in the preview, fix the file, upload it again, confirm, and
find the drafts. Screenshots go to test-artifacts/."""

import pytest

from claims.models import Claim, ClaimImport, ClaimStatus
from tests.browser import SHOTS, sign_in
from tests.factories import make_article, make_editor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
HEADER = "claim,claimant,claimant_kind,kind,date_made,first_article_slug,quote"
GOOD = "Talks will resume within weeks.,Mike Pompeo,person,prediction,2019-07-01,talks,"
GOOD += "in a couple of weeks"
BAD = "Sanctions stay until denuclearisation.,Mike Pompeo,person,promise,01/07/2019,,"


def test_editor_uploads_sees_errors_fixes_confirms_and_finds_drafts(browser, live_server, tmp_path):
    make_editor()
    make_article("Talks report", slug="talks")
    base = live_server.url
    first = tmp_path / "claims.csv"
    first.write_text(f"{HEADER}\n{GOOD}\n{BAD}\n")

    page = sign_in(browser, base, "edna")
    page.goto(f"{base}/admin/claims/claim/")
    page.click("text=Import claims")
    page.set_input_files("#id_file", str(first))
    page.click("input[type=submit][value=Preview]")
    page.wait_for_selector("#import-rows")
    summary = page.locator("#import-summary").inner_text()
    assert "1 new" in summary and "1 error" in summary
    error_row = page.locator("#import-rows tr.import-error")
    assert "date_made: “01/07/2019” is not a date written YYYY-MM-DD" in error_row.inner_text()
    assert page.locator("input[name=confirm]").count() == 0
    assert "Nothing can be imported" in page.locator("#import-blocked").inner_text()
    page.screenshot(path=SHOTS / "import-1-errors.png", full_page=True)
    assert not Claim.objects.exists()

    fixed = tmp_path / "claims-fixed.csv"
    fixed.write_text(f"{HEADER}\n{GOOD}\n{BAD.replace('01/07/2019', '2019-07-01')}\n")
    page.click("text=upload it again")
    page.set_input_files("#id_file", str(fixed))
    page.click("input[type=submit][value=Preview]")
    page.wait_for_selector("#import-rows")
    assert "2 new" in page.locator("#import-summary").inner_text()
    page.screenshot(path=SHOTS / "import-2-clean-preview.png", full_page=True)
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist .success")
    assert "Imported" in page.locator(".messagelist").inner_text()
    page.screenshot(path=SHOTS / "import-3-drafts.png", full_page=True)

    # The list shows this import's claims, both drafts.
    listed = page.locator("#result_list tbody tr").all_inner_texts()
    assert len(listed) == 2 and all("Draft" in row for row in listed)
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.DRAFT}
    record = ClaimImport.objects.get(file_name="claims-fixed.csv")
    assert record.created_by.username == "edna" and record.counts["new"] == 2
