"""An export an editor opened in LibreOffice and saved again imports unchanged. LibreOffice
reads what it thinks it understands: with "detect special numbers" (as a person opening the
file often leaves it) the verdict code `true` becomes the boolean TRUE, which it writes back as
TRUE in a CSV and as a boolean cell in an XLSX; dates become date cells. The files here are
made by LibreOffice itself, headless (.ci/run installs Debian's libreoffice-calc-nogui)."""

import shutil
import subprocess

import pytest

from claims.intake import importing
from claims.models import Verdict

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeds_for_module")]
# Comma, double quote, UTF-8, from line 1, default column formats, English (US), quoted
# fields not forced to text, detect special numbers.
OPENED_LIKE_A_PERSON = "CSV:44,34,76,1,,1033,false,true"


def saved_by_libreoffice(tmp_path, csv: bytes, target: str) -> bytes:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed: .ci/run installs libreoffice-calc-nogui"
    source = tmp_path / "claims.csv"
    source.write_bytes(csv)
    command = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo"]
    command += ["--infilter=" + OPENED_LIKE_A_PERSON, "--convert-to", "xlsx"]
    subprocess.run([*command, "--outdir", str(tmp_path / "xlsx"), str(source)], check=True,
                   capture_output=True, timeout=180)  # fmt: skip
    if target == "xlsx":
        return (tmp_path / "xlsx" / "claims.xlsx").read_bytes()
    again = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo"]
    again += ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir"]
    subprocess.run([*again, str(tmp_path / "csv"), str(tmp_path / "xlsx" / "claims.xlsx")],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    return (tmp_path / "csv" / "claims.csv").read_bytes()


@pytest.mark.parametrize("target", ["csv", "xlsx"])
def test_an_export_saved_again_by_libreoffice_imports_unchanged(client, tmp_path, target):
    export = b"".join(client.get("/claims/export.csv").streaming_content)
    saved = saved_by_libreoffice(tmp_path, export, target)
    if target == "csv":
        assert b",TRUE," in saved  # LibreOffice did turn the verdict code into a boolean
    plan = importing.preview_of(importing.start(f"claims.{target}", saved))
    assert plan.ok, [(row.number, row.errors) for row in plan.errors][:3]
    assert plan.counts["unchanged"] == len(plan.rows) > 100


def test_verdict_labels_read_in_any_letter_case():
    header = "claim,claimant,claimant_kind,kind,date_made,verdict,verdict_date,outcome_explanation"
    row = "A new claim.,A. Person,Person,STATEMENT,2019-06-12,MOSTLY TRUE,2019-06-13,Because."
    plan = importing.preview_of(importing.start("case.csv", f"{header}\n{row}\n".encode()))
    assert plan.ok and plan.rows[0].outcome["verdict"] == Verdict.MOSTLY_TRUE
