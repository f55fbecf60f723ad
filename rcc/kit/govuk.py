"""The parameters GOV.UK Design System macros need for a Django form field and its errors."""

from __future__ import annotations

from typing import Any

from django import forms


def _widget_kind(bound: forms.BoundField) -> str:
    widget = bound.field.widget
    # CheckboxSelectMultiple subclasses RadioSelect in Django: ask about it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.FileInput):  # ClearableFileInput too
        return "file"
    return "input"


def field_params(bound: forms.BoundField, **overrides: Any) -> dict[str, Any]:
    """Turn a bound field into the parameter dict of its govuk-frontend macro.

    The value shown is what the user typed (``bound.value()``), so a page that
    failed validation keeps their input.
    """
    kind = _widget_kind(bound)
    params: dict[str, Any] = {
        "kind": kind,
        "id": bound.id_for_label or bound.auto_id,
        "name": bound.html_name,
        "label": {"text": bound.label, "classes": "govuk-label--s"},
        "attributes": {},
    }
    if bound.help_text:
        params["hint"] = {"text": str(bound.help_text)}
    if bound.errors:
        params["errorMessage"] = {"text": " ".join(str(e) for e in bound.errors)}
    value = bound.value()
    widget = bound.field.widget
    if kind in ("radios", "checkboxes", "select"):
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        items = [
            {
                "value": str(v),
                "text": str(t),
                "checked": str(v) in chosen,
                "selected": str(v) in chosen,
            }
            for v, t in bound.field.choices
            if not (kind != "select" and str(v) == "")  # no "---------" radio or checkbox
        ]
        params["items"] = items
        if kind != "select":
            params["idPrefix"] = params.pop("id")
            params["fieldset"] = {
                "legend": {"text": bound.label, "classes": "govuk-fieldset__legend--s"}
            }
    elif kind == "file":  # a browser never shows a file's old value
        if "accept" in widget.attrs:
            params["attributes"]["accept"] = widget.attrs["accept"]
    else:
        params["value"] = "" if kind == "password" or value is None else str(value)
        if kind == "password":
            params["kind"] = "input"
            params["type"] = "password"
        elif isinstance(widget, forms.EmailInput):
            params["type"] = "email"
            params["spellcheck"] = False
        elif isinstance(widget, forms.NumberInput):
            params["inputmode"] = "numeric"
        for attr in ("autocomplete", "inputmode"):
            if attr in widget.attrs:
                params[attr] = widget.attrs[attr]
    params.update(overrides)
    return params


def error_summary_params(form: forms.BaseForm) -> dict[str, Any] | None:
    """The GOV.UK error summary for a form, each error linking to its field."""
    if not form.is_bound or not form.errors:
        return None
    items = [{"text": str(error)} for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        bound = form[name]
        anchor = bound.id_for_label or bound.auto_id
        items.extend({"text": str(error), "href": f"#{anchor}"} for error in errors)
    return {"titleText": "There is a problem", "errorList": items}
