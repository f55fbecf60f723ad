"""The public fostering hub, one set of pages per region (no sign-in)."""

from django.urls import path, register_converter

from fostering import public_views as views


class RegionSlug:
    """A region's slug, but never "hub": /fostering/hub/ belongs to the hub's staff pages,
    which fostering/urls.py includes after these."""

    regex = r"(?!hub/)[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RegionSlug, "region_slug")

urlpatterns = [
    path("", views.regions, name="public_regions"),
    path("<region_slug:region_slug>/", views.home, name="public_home"),
    path("<region_slug:region_slug>/what-fostering-is/", views.about, name="public_about"),
    path("<region_slug:region_slug>/who-can-foster/", views.who_can_foster, name="public_who"),
    path("<region_slug:region_slug>/allowances-and-support/", views.support, name="public_support"),
    path("<region_slug:region_slug>/events/", views.events, name="public_events"),
    path(
        "<region_slug:region_slug>/events/<int:event_id>/book/",
        views.book_event,
        name="public_book_event",
    ),
    path(
        "<region_slug:region_slug>/events/booked/", views.event_booked, name="public_event_booked"
    ),
    path("<region_slug:region_slug>/stories/", views.stories, name="public_stories"),
    path("<region_slug:region_slug>/can-i-foster/", views.eligibility, name="public_eligibility"),
    path("<region_slug:region_slug>/enquire/", views.enquire, name="public_enquire"),
    path("<region_slug:region_slug>/enquire/sent/", views.enquiry_sent, name="public_enquiry_sent"),
    path("<region_slug:region_slug>/privacy/", views.privacy, name="public_privacy"),
]
