"""Comments, evaluations and next steps are bounded at 20,000 characters however they come in:
the staff pages used to store any length (security review finding 8)."""

import pytest
from django.core.exceptions import ValidationError

from glocal.plans import importer, services
from glocal.plans.models import Actual, Review
from tests.plans.test_files import SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(home_org):
    _checked, done = importer.import_file(SMALL.encode(), "plan.yaml", home_org.pk)
    return done.plan


def test_the_review_page_refuses_an_evaluation_beyond_20000(client, editor, plan):
    node = plan.nodes.get(code="1-1")
    client.force_login(editor)
    client.post(
        f"/staff/plans/{plan.pk}/review/2025/",
        {f"evaluation-{node.pk}": "x" * 20_001, f"next-{node.pk}": "y"},
    )
    assert not Review.objects.filter(node=node, fiscal_year=2025).exists()
    client.post(
        f"/staff/plans/{plan.pk}/review/2025/",
        {f"evaluation-{node.pk}": "x" * 20_000, f"next-{node.pk}": "y" * 20_001},
    )
    assert not Review.objects.filter(node=node, fiscal_year=2025).exists()
    client.post(
        f"/staff/plans/{plan.pk}/review/2025/",
        {f"evaluation-{node.pk}": "x" * 20_000, f"next-{node.pk}": "y"},
    )
    assert len(Review.objects.get(node=node, fiscal_year=2025).evaluation) == 20_000


def test_the_actuals_page_refuses_a_comment_beyond_20000(client, editor, plan):
    indicator = plan.nodes.get(code="1-1").indicators.get(code="I-1")
    client.force_login(editor)
    answer = client.post(
        f"/staff/plans/{plan.pk}/actuals/2025/",
        {f"value-{indicator.pk}": "150", f"comment-{indicator.pk}": "c" * 20_001},
    )
    assert not Actual.objects.filter(indicator=indicator, fiscal_year=2025).exists()
    assert "20000" in answer.content.decode() or "20,000" in answer.content.decode()


def test_the_service_refuses_long_texts_with_nothing_written(plan, editor, actor_for):
    first, second = plan.nodes.order_by("pk")[:2]
    texts = {first.pk: {"evaluation": "ok"}, second.pk: {"next_step": "n" * 20_001}}
    with pytest.raises(ValidationError):
        services.save_reviews(actor_for(editor), plan, 2025, texts)
    assert not Review.objects.exists()
