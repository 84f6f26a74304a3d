"""Hostile import files are refused with a message naming the problem, in the admin and from
the command, with nothing written: an XLSX declaring XML entities (XXE, billion laughs), a
workbook that inflates far past its upload size (one huge shared string; a sheet of millions
of cells), a workbook named .csv, JSON nested past any sense, and a ClaimReview list of
strings, numbers and nulls."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from claims.intake import importing
from claims.models import Claim, ClaimImport

pytestmark = pytest.mark.django_db
HEADER = ["claim", "claimant", "claimant_kind", "kind", "date_made"]
ROW = ["Talks will resume.", "Kim", "person", "prediction", "2019-06-20"]


def workbook(rows=(ROW,)) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "claims"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewritten(data: bytes, part: str, change) -> bytes:
    """The workbook with one of its XML parts changed by `change(text) -> text`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == part:
                body = change(body.decode()).encode()
            target.writestr(info.filename, body)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def _with_doctype(doctype: str, entity: str):
    def change(xml: str) -> str:
        head, rest = xml.split("?>", 1) if "?>" in xml else ("", xml)
        rest = rest.replace(
            "<sheetData>",
            f'<sheetData><row r="99"><c r="A99" t="inlineStr"><is><t>{entity}</t></is></c></row>',
            1,
        )
        return f"{head}?>{doctype}{rest}" if head else doctype + rest

    return change


XXE = _with_doctype('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;")
LAUGHS = _with_doctype(
    '<!DOCTYPE x [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    "&d;",
)


def huge_string() -> bytes:
    """A small upload that inflates to 70 MB (past the 64 MB bound): one cell of one letter."""
    return rewritten(
        workbook(), SHEET, lambda xml: xml.replace("Talks will resume.", "A" * 70_000_000)
    )


def many_cells() -> bytes:
    """50,000 rows of 50 empty cells: 2.5 million cells in a small upload (30 MB inflated)."""
    row = "".join(f'<c r="{_column(i)}{{n}}"/>' for i in range(50))
    rows = "".join(f'<row r="{n}">{row.format(n=n)}</row>' for n in range(3, 50_003))

    def change(xml: str) -> str:
        xml = xml.replace('<dimension ref="A1:E2"', '<dimension ref="A1:AX50002"')
        return xml.replace("</sheetData>", rows + "</sheetData>")

    return rewritten(workbook(), SHEET, change)


def _column(index: int) -> str:
    return "A" + chr(ord("A") + index % 26) if index >= 26 else chr(ord("A") + index)


NESTED = ("[" * 100_000 + "]" * 100_000).encode()
ODD_LIST = json.dumps(
    ["a string", 42, None, True, [None], {"@type": "ClaimReview", "claimReviewed": 12,
     "itemReviewed": "x", "reviewRating": [1], "author": None, "datePublished": 2019}]
).encode()  # fmt: skip

CASES = [
    ("xxe.xlsx", lambda: rewritten(workbook(), SHEET, XXE), "declares a DOCTYPE"),
    ("laughs.xlsx", lambda: rewritten(workbook(), SHEET, LAUGHS), "declares a DOCTYPE"),
    ("huge-string.xlsx", huge_string, "inflates"),
    ("many-cells.xlsx", many_cells, "more than 2,000,000 cells"),
    ("nested.json", lambda: NESTED, "nested"),
    ("odd.json", lambda: ODD_LIST, "no rating"),
]


@pytest.fixture(scope="module")
def files():
    return {name: make() for name, make, _ in CASES}


@pytest.mark.parametrize(("name", "expected"), [(name, word) for name, _, word in CASES])
def test_a_hostile_file_is_refused_with_its_reason(files, name, expected):
    with pytest.raises(importing.LoadError) as refused:
        record = importing.start(name, files[name])
        plan = importing.preview_of(record)
        if not plan.ok:
            raise importing.LoadError("; ".join(e for row in plan.errors for e in row.errors))
    assert expected in str(refused.value), str(refused.value)
    assert not Claim.objects.exists()


@pytest.mark.parametrize(("name", "expected"), [(name, word) for name, _, word in CASES])
def test_the_command_exits_non_zero_naming_the_problem(files, name, expected, tmp_path):
    path = tmp_path / name
    path.write_bytes(files[name])
    with pytest.raises(CommandError, match="Nothing was imported") as refused:
        call_command("import_claims", str(path), stdout=io.StringIO())
    assert expected in str(refused.value)
    assert not Claim.objects.exists()


@pytest.mark.parametrize(("name", "expected"), [(name, word) for name, _, word in CASES])
def test_the_admin_shows_the_problem_not_a_500(files, name, expected, editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, files[name])
    response = editor_client.post(reverse("admin:claims_claim_import"), {"file": upload})
    if response.status_code == 302:  # recorded: its preview page says what is wrong
        response = editor_client.get(response["Location"])
    assert response.status_code in (200, 400)
    assert expected in response.content.decode()
    assert not Claim.objects.exists()
    assert ClaimImport.objects.filter(status="imported").count() == 0


def test_a_workbook_named_csv_is_read_as_the_workbook_it_is():
    record = importing.start("claims.csv", workbook())
    plan = importing.preview_of(record)
    assert plan.ok and plan.counts["new"] == 1


def test_a_preview_viewed_again_does_not_read_the_file_again(monkeypatch):
    from claims.intake.importing import runs

    record = importing.start("claims.xlsx", workbook())
    assert importing.preview_of(record).ok
    monkeypatch.setattr(runs, "read_workbook", lambda *a: pytest.fail("read again"))
    assert importing.preview_of(record).ok


@pytest.mark.slow
def test_a_sheet_that_does_not_say_its_size_is_still_read_no_further_than_the_bound():
    """No <dimension>: openpyxl reads on, and the count while reading stops it (~10 s)."""
    import re

    from claims.intake.importing.table import read_workbook

    row = "".join(f'<c r="{_column(i)}{{n}}"/>' for i in range(50))
    rows = "".join(f'<row r="{n}">{row.format(n=n)}</row>' for n in range(3, 50_003))

    def change(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"\s*/>', "", xml)
        return xml.replace("</sheetData>", rows + "</sheetData>")

    with pytest.raises(importing.TableError, match="more than 2,000,000 cells .* by row"):
        read_workbook(rewritten(workbook(), SHEET, change), "undeclared.xlsx")
