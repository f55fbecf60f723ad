"""Placeholder: the Ofsted upload page is being written (see providers/services/ofsted.py)."""

from django.http import Http404


def ofsted_upload(request):
    raise Http404
