from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from glocal.places.models import Country, LocalGovernment


def home(request):
    return render(request, "public/home.html")


@login_required
def dashboard(request):
    places = LocalGovernment.objects.current()
    counts = {
        "prefectures": places.prefectures().count(),
        "municipalities": places.municipalities().exclude(kind=LocalGovernment.Kind.WARD).count(),
        "wards": places.filter(kind=LocalGovernment.Kind.WARD).count(),
        "countries": Country.objects.count(),
    }
    return render(request, "core/dashboard.html", {"counts": counts, "nav": "dashboard"})
