from django.urls import path

from glocal.events import classes, views

app_name = "events"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("new/", views.staff_create, name="create"),
    path("<int:event_id>/edit/", views.staff_edit, name="edit"),
    path("checkin-sw.js", views.checkin_worker, name="checkin_worker"),
    path("<int:event_id>/", views.staff_detail, name="detail"),
    path("<int:event_id>/checkin/", views.checkin_page, name="checkin"),
    path("<int:event_id>/sessions/", views.add_session, name="add_session"),
    path("<int:event_id>/class/", classes.class_page, name="class"),
    path("<int:event_id>/class/lessons/", classes.add_lessons, name="add_lessons"),
    path("<int:event_id>/class/learners/", classes.add_learner, name="add_learner"),
    path("<int:event_id>/class/teachers/", classes.add_teacher, name="add_teacher"),
    path("<int:event_id>/class/lessons/<int:session_id>/", classes.attendance, name="lesson"),
    path("<int:event_id>/attendance.pdf", views.attendance_pdf, name="attendance_pdf"),
    path("<int:event_id>/badges.pdf", views.badges_pdf, name="badges_pdf"),
]

public = (
    [
        path("", views.public_list, name="list"),
        path("<int:event_id>/", views.event_page, name="event"),
        path("<int:event_id>/event.ics", views.event_ics, name="ics"),
        path("invitation/<str:code>/", views.invitation_page, name="invitation"),
        path("cancel/<str:code>/", views.cancel_page, name="cancel"),
        path("feed/<slug:slug>/<str:language>.ics", views.feed, name="feed"),
    ],
    "events_public",
)
