from django.core.paginator import Paginator
from django.shortcuts import render

from glocal.places.models import LocalGovernment


def search(request):
    """Find prefectures and municipalities by name, kana, romanised name or code. Public."""
    query = request.GET.get("q", "").strip()[:100]
    results = None
    if query:
        places = LocalGovernment.objects.current().select_related("prefecture").search(query)
        results = Paginator(places, 50).get_page(request.GET.get("page"))
    staff = request.user.is_authenticated
    return render(
        request,
        "places/search.html",
        {
            "query": query,
            "results": results,
            "nav": "places",
            "base": "core/staff_base.html" if staff else "core/base.html",
        },
    )
