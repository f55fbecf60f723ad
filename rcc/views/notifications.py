"""A person's notifications: the list, marking read, and how they want to hear of things.

Each person sees their own notifications only (``rcc.access.notifications``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rcc import access, notifications
from rcc.forms.notifications import PreferenceForm

PAGE_SIZE = 25


@require_http_methods(["GET"])
def notification_list(request: HttpRequest) -> HttpResponse:
    mine = access.notifications_for(request.user)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "rcc/notifications/list.html",
        {
            "title": "Notifications",
            "page": page,
            "has_unread": any(n.read_at is None for n in page),
        },
    )


@require_POST
def notification_read(request: HttpRequest, notification_id) -> HttpResponse:
    notification = access.get_notification_for_user(request.user, notification_id)
    notifications.mark_read(user=request.user, notification=notification)
    if request.POST.get("open") and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("notifications:list")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.mark_all_read(user=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read")
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            notifications.set_email_preference(user=request.user, email=form.cleaned_data["email"])
            messages.success(request, "Your notification settings have been saved")
            return redirect("notifications:list")
    else:
        wants = notifications.wants_email(request.user)
        form = PreferenceForm(initial={"email": "yes" if wants else "no"})
    return render(
        request,
        "rcc/notifications/settings.html",
        {"title": "Notification settings", "form": form},
    )
