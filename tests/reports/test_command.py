"""`lofte report --kommun 0486 --set 2022-2023 --out FILE.pdf [--date]`: the approved report's PDF,
a watermarked draft when none is approved for the date, and Swedish errors for wrong input."""

import io
from datetime import date

import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.reports.helpers import published_report, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2024, 3, 1))


def text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def watermarked_pages(path) -> list[bool]:
    """Per page, whether the large rotated "UTKAST" is on it."""
    with pdfplumber.open(path) as pdf:
        return [sorted(c["text"] for c in page.chars if c["size"] > 40) == sorted("UTKAST") for page in pdf.pages]


def run(*args):
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_approved_report_and_a_watermarked_draft_for_another_date(tmp_path, today):
    w = world()
    report = published_report(w)
    approved = tmp_path / "uppfoljning.pdf"
    message = run("--kommun", "0486", "--set", "2022-2023", "--out", str(approved), "--date", "2023-12-31")
    assert "godkänd uppföljning" in message
    assert approved.read_bytes() == run_bytes(report)
    assert not any(watermarked_pages(approved))
    draft = tmp_path / "utkast.pdf"
    message = run("--kommun", "strangnas", "--set", "2022-2023", "--out", str(draft), "--date", "2023-08-31")
    assert "utkast (inte godkänt)" in message
    assert all(watermarked_pages(draft)) and "per 31 augusti 2023" in text(draft)
    assert "Utkast: uppföljningen är inte godkänd av parterna" in " ".join(text(draft).split())


def run_bytes(report):
    from lofte.reports.rendering import render_report_pdf

    return render_report_pdf(report.snapshot, draft=False)


def test_without_a_date_it_is_the_newest_approved_report_or_a_draft(tmp_path, today):
    w = world()
    out = tmp_path / "r.pdf"
    assert "utkast" in run("--kommun", "0486", "--set", "2022-2023", "--out", str(out))
    published_report(w)
    assert "godkänd uppföljning" in run("--kommun", "0486", "--set", "2022-2023", "--out", str(out))


@pytest.mark.parametrize(("args", "message"), [
    (["--kommun", "9999"], "Okänd kommun: «9999»"),
    (["--set", "2030"], "har inget publicerat medborgarlöfte för «2030». Publicerade: 2022-2023."),
    (["--date", "31/12/2023"], "Felaktigt datum: «31/12/2023». Skriv datumet som ÅÅÅÅ-MM-DD"),
    (["--date", "2021-06-30"], "ligger före medborgarlöftets period"),
    (["--date", "2025-01-01"], "kan inte dateras i framtiden"),
])
def test_wrong_input_gets_a_swedish_error_and_writes_nothing(tmp_path, today, args, message):
    world()
    out = tmp_path / "r.pdf"
    options = {"--kommun": "0486", "--set": "2022-2023", "--out": str(out)}
    for key, value in zip(args[::2], args[1::2]):
        options[key] = value
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        run(*[part for pair in options.items() for part in pair])
    assert not out.exists()
