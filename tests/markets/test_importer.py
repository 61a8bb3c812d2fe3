"""The tidy import: checked per row and column, all or nothing, idempotent, final over
preliminary."""

from glocal.markets.models import Revision, Statistic, StatisticImport, Status
from glocal.orgs.models import AuditEvent

HEADER = "measure,period,country,prefecture,hs_code,value,status,source,published_on\n"
PRELIMINARY = HEADER + (
    "visitor_arrivals,2025-04,TW,,,600000,速報,JNTO,2025-05-21\n"
    "外国人延べ宿泊者数,令和7年4月,台湾,山形県,,12000,preliminary,観光庁,2025-06-30\n"
    "Export value,2025年4月,US,060003,0808.10,3500000,p,財務省,2025-05-20\n"
)
FINAL = HEADER + (
    "visitor_arrivals,2025-04,TW,,,612345,確報,JNTO,2026-03-18\n"
    "overnight_stays,2025-04,TW,Yamagata,,12100,final,観光庁,2026-03-01\n"
    "export_value,2025-04,US,06,080810,3600000,final,財務省,2026-03-10\n"
)


def test_a_clean_file_is_written_with_canonical_periods_and_codes(run_import, tmp_path, home_org):
    problem, out = run_import(PRELIMINARY, tmp_path)
    assert problem is None
    assert "3 figures added" in out
    rows = Statistic.objects.filter(owner=home_org).order_by("measure__key")
    assert [
        (s.measure.key, s.period, s.country, s.prefecture, s.hs_code, s.value, s.status)
        for s in rows
    ] == [
        ("export_value", "2025-04", "US", "060003", "080810", 3500000, "preliminary"),
        ("overnight_stays", "2025-04", "TW", "060003", "", 12000, "preliminary"),
        ("visitor_arrivals", "2025-04", "TW", "", "", 600000, "preliminary"),
    ]
    assert all(s.is_public for s in rows)
    # One audit event for the import as a whole.
    job = StatisticImport.objects.get(owner=home_org)
    assert AuditEvent.objects.filter(model="markets.StatisticImport", object_id=str(job.pk))


def test_importing_again_changes_nothing(run_import, tmp_path, home_org):
    run_import(PRELIMINARY, tmp_path)
    before = list(Statistic.objects.values_list("pk", "value", "status", "updated_at"))
    problem, out = run_import(PRELIMINARY, tmp_path)
    assert problem is None
    assert "0 figures added, 0 replaced, 3 unchanged" in out
    assert list(Statistic.objects.values_list("pk", "value", "status", "updated_at")) == before
    assert not Revision.objects.exists()


def test_a_final_figure_replaces_the_preliminary_one_and_the_change_is_kept(
    run_import, tmp_path, home_org
):
    run_import(PRELIMINARY, tmp_path)
    problem, out = run_import(FINAL, tmp_path)
    assert problem is None
    assert "0 figures added, 3 replaced" in out
    arrivals = Statistic.objects.get(measure__key="visitor_arrivals")
    assert (arrivals.value, arrivals.status) == (612345, Status.FINAL)
    kept = arrivals.revisions.get()
    assert (kept.value, kept.status, str(kept.published_on)) == (
        600000,
        "preliminary",
        "2025-05-21",
    )
    assert Statistic.objects.count() == 3
    # The preliminary file once more: the final figures stay.
    problem, out = run_import(PRELIMINARY, tmp_path)
    assert problem is None
    assert "3 unchanged" in out
    assert Statistic.objects.get(measure__key="visitor_arrivals").value == 612345


def test_a_final_figure_older_than_the_recorded_preliminary_is_refused(
    run_import, tmp_path, home_org
):
    run_import(PRELIMINARY, tmp_path)
    stale = HEADER + "visitor_arrivals,2025-04,TW,,,590000,final,JNTO,2025-05-01\n"
    problem, _out = run_import(stale, tmp_path)
    assert "row 2, published_on: published 2025-05-01, before" in problem
    assert Statistic.objects.get(measure__key="visitor_arrivals").value == 600000


def test_every_bad_cell_is_named_and_nothing_is_written(run_import, tmp_path, home_org):
    bad = HEADER + (
        "visitor_arrivals,2025-04,TW,,,100,final,JNTO,\n"
        "tourists,2025-04,TW,,,1,final,,\n"
        "visitor_arrivals,2025-13,Narnia,,,1,final,,\n"
        "export_value,2025-04,US,Gondor,9999,1,final,,\n"
        "visitor_arrivals,2025-05,TW,,,many,final,,\n"
        "visitor_arrivals,2025-04,TW,,,100,final,JNTO,\n"
    )
    problem, _out = run_import(bad, tmp_path)
    for expected in (
        "row 3, measure: unknown measure 'tourists'",
        "row 4, period: '2025-13' is not a period",
        "row 4, country: unknown country 'Narnia'",
        "row 5, prefecture: unknown prefecture 'Gondor'",
        "row 5, hs_code: unknown HS code '9999'",
        "row 6, value: 'many' is not a number",
        "row 7, period: the same figure is already in row 2",
    ):
        assert expected in problem
    assert not Statistic.objects.exists()
    assert not StatisticImport.objects.exists()


def test_a_dry_run_writes_nothing(run_import, tmp_path, home_org):
    problem, out = run_import(PRELIMINARY, tmp_path, "--dry-run")
    assert problem is None
    assert "3 new" in out
    assert not Statistic.objects.exists()


def test_missing_and_unknown_columns_are_named(run_import, tmp_path):
    problem, _out = run_import("measure,when,value\nvisitor_arrivals,2025-04,1\n", tmp_path)
    assert "row 1, when: unknown column" in problem
    assert "row 1, period: this column is missing" in problem


def test_an_organisation_sees_only_its_own_measures(run_import, tmp_path, home_org, other_org):
    from glocal.markets import services
    from glocal.orgs.actors import Actor
    from glocal.orgs.models import Role

    services.define_measure(
        Actor(_roles={other_org.pk: Role.ADMIN}), other_org.pk, "ski", "スキー客", "Skiers"
    )
    problem, _out = run_import(HEADER + "ski,2025-01,TW,,,5,final,,\n", tmp_path)
    assert "unknown measure 'ski'" in problem
    problem, _out = run_import(
        HEADER + "スキー客,2025-01,TW,,,5,final,,\n", tmp_path, organisation=other_org
    )
    assert problem is None
