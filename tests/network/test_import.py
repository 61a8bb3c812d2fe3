"""Importing name lists: every problem named by row and column, nothing written on any;
duplicates within the file and against kept contacts merged, never doubled."""

import datetime

import pytest

from glocal.network.models import Contact, Relationship
from glocal.orgs.models import AuditEvent

pytestmark = pytest.mark.django_db

GOOD = """
氏名,ふりがな,ローマ字,区分,国,言語,メール,電話,所属,役職,同意日,備考
佐藤 太郎,さとう たろう,Sato Taro,元JET、CIR,カナダ,英語,taro@example.ca,+1 416 555 0100,トロント福島県人会,会長,R5.4.1,架空
Maria Silva,,,県人会,ブラジル,pt,maria@example.br,,サンパウロ福島県人会,事務局長,2024-06-01,
トロント福島県人会,,,海外県人会,Canada,en,info@example.ca,,,,,
"""  # noqa: E501 (a spreadsheet row is as long as it is)


def test_a_clean_file_is_imported_with_organisations_and_titles(home_org, import_text):
    checked, report = import_text(home_org, GOOD)
    assert checked.problems == []
    assert report.created == 3
    taro = Contact.objects.get(email="taro@example.ca")
    assert taro.country.code == "CA"
    assert taro.language == "en"
    assert taro.categories == ["jet"]
    assert taro.facts == {"jet": {"alumnus": "yes", "role": "CIR"}}
    assert taro.consent_on == datetime.date(2023, 4, 1)
    assert taro.may_be_mailed
    association = Contact.objects.get(name="トロント福島県人会")
    assert association.kind == "organisation"
    assert association.organisation_type == "association"
    assert Relationship.objects.get(person=taro).organisation == association
    assert Relationship.objects.get(person__name="Maria Silva").title == "事務局長"
    # サンパウロ福島県人会 was only named in 所属: made as an organisation
    assert Contact.objects.filter(kind="organisation").count() == 2
    assert AuditEvent.objects.filter(model="network.Contact", action="create").count() == 4


def test_importing_again_changes_nothing(home_org, import_text):
    import_text(home_org, GOOD)
    before = list(Contact.objects.order_by("pk").values())
    checked, report = import_text(home_org, GOOD)
    assert report.created == 0
    assert report.updated == 0
    assert len(checked.duplicates) == 3
    assert list(Contact.objects.order_by("pk").values()) == before
    assert Relationship.objects.count() == 2


def test_problems_are_named_by_row_and_column_and_nothing_is_written(home_org, import_text):
    text = """
name,email,country,language,consent_on,category
A,not-an-email,Canada,en,,
B,b@example.com,Atlantis,en,,
C,c@example.com,Canada,Klingon,,
D,d@example.com,Canada,en,2999-01-01,
E,e@example.com,Canada,en,平成32年1月1日,
F,f@example.com,Canada,en,R1.4.1,
G,g@example.com,Canada,en,,wizard
"""
    checked, report = import_text(home_org, text)
    assert report is None
    where = {(p.row, p.field) for p in checked.problems}
    assert where == {(2, "email"), (3, "country"), (4, "language"), (5, "consent_on"),
                     (6, "consent_on"), (7, "consent_on"), (8, "category")}  # fmt: skip
    assert "未来の日付" in str(next(p for p in checked.problems if p.row == 5))  # "in the future"
    assert Contact.objects.count() == 0


def test_duplicates_within_the_file_become_one_contact(home_org, import_text):
    text = """
氏名,ふりがな,ローマ字,国,メール,区分
山田 花子,やまだ はなこ,,Canada,,JET
ﾔﾏﾀﾞ ﾊﾅｺ,,,カナダ,HANAKO@example.ca,
Hanako YAMADA,,,CA,hanako@Example.ca,留学生
"""
    checked, report = import_text(home_org, text)
    assert report.created == 1
    assert [d.row for d in checked.duplicates] == [3, 4]
    hanako = Contact.objects.get()
    assert hanako.email == "HANAKO@example.ca"
    assert hanako.categories == ["jet", "student"]


def test_a_cp932_file_with_english_headers_reads(home_org, import_text):
    text = "name,kana,country,email\n高橋 一郎,たかはし いちろう,Japan,ichiro@example.jp"
    _checked, report = import_text(home_org, text, encoding="cp932")
    assert report.created == 1
    assert Contact.objects.get().kana == "たかはし いちろう"


def test_other_organisations_contacts_are_neither_matched_nor_mentioned(
    home_org, other_org, import_text
):
    import_text(other_org, GOOD)
    checked, report = import_text(home_org, GOOD)
    assert checked.duplicates == []
    assert report.created == 3
    assert Contact.objects.filter(owner=home_org).count() == 4
