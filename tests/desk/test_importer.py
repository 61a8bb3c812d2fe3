import io

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import override
from openpyxl import Workbook

from glocal.desk.models import Case

pytestmark = pytest.mark.django_db

JAPANESE = (
    "受付日,言語,国籍,分野,手段,通訳,市町村,在留資格,概要,対応,状態\n"
    "R7.4.3,ベトナム語,ベトナム,医療、住宅,電話,機械翻訳,郡山市,技能実習,通院の相談,病院を紹介,完了\n"
    "2025/5/1,pt-BR,ブラジル,在留手続;税金,来所,なし,いわき市,定住者,ビザ更新,入管を案内,対応中\n"
)


def _import(tmp_path, text, *extra, name="cases.csv", encoding="utf-8-sig"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    out = io.StringIO()
    call_command("desk", "import", str(path), "--organisation", "fukushima", *extra, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_japanese_headers_in_every_encoding(tmp_path, home_org, encoding):
    text = JAPANESE
    with pytest.raises(CommandError):  # closed without a closing day
        _import(tmp_path, text, encoding=encoding)
    assert Case.objects.count() == 0
    fixed = text.replace("状態\n", "状態,完了日\n").replace(",完了\n", ",完了,R7.4.10\n")
    fixed = fixed.replace("対応中\n", "対応中,\n")
    assert "2 cases added" in _import(tmp_path, fixed, encoding=encoding)
    first = Case.objects.get(language="vi")
    assert sorted(first.topics.values_list("code", flat=True)) == ["housing", "medical"]
    assert (first.channel, first.interpretation, first.status) == ("phone", "machine", "closed")
    assert first.municipality.name == "郡山市"
    assert first.nationality.code == "VN"
    assert first.residence_status == "technical_intern"
    assert str(first.received_on) == "2025-04-03"
    assert Case.objects.get(language="pt-BR").residence_status == "long_term_resident"
    # Importing again adds nothing.
    assert "0 cases added, 2 already imported" in _import(tmp_path, fixed, encoding=encoding)
    assert Case.objects.count() == 2


def test_english_headers_from_xlsx(tmp_path, home_org):
    book = Workbook()
    sheet = book.active
    sheet.append(["received_on", "language", "topics", "channel", "nationality"])
    sheet.append(["2025-06-01", "Nepali", "work, tax", "e-mail", "Nepal"])
    out = io.BytesIO()
    book.save(out)
    assert "1 cases added" in _import(tmp_path, out.getvalue(), name="cases.xlsx")
    case = Case.objects.get()
    assert (case.language, case.channel, case.nationality.code) == ("ne", "email", "NP")


def test_every_problem_named_and_nothing_written(tmp_path, home_org, capsys):
    text = (
        "受付日,言語,国籍,分野,手段,市町村\n"
        "2025-04-31,vi,ベトナム,医療,電話,郡山市\n"
        "2025-05-01,Zzyzxian,Atlantis,占い,電話,存在しない市\n"
        "2025-05-02,vi,ベトナム,医療,電話,郡山市\n"
    )
    with override("ja"), pytest.raises(CommandError, match="5 problems; nothing was imported"):
        _import(tmp_path, text)
    errors = capsys.readouterr().err
    for where in ("2行目、受付日", "3行目、言語", "3行目、国籍", "3行目、分野", "3行目、市町村"):
        assert where in errors
    assert "不明な言語 'Zzyzxian'" in errors
    assert Case.objects.count() == 0


def test_dry_run_writes_nothing(tmp_path, home_org):
    text = "受付日,言語,分野,手段\n2025-05-01,en,医療,電話\n"
    assert "1 rows are ready" in _import(tmp_path, text, "--dry-run")
    assert Case.objects.count() == 0
