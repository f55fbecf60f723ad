"""The shared kit: what every app needs and no app owns.

``format`` (numbers, money, shares, dates, tags), ``tables`` (columns, lists, CSV),
``govuk`` (GOV.UK form macro parameters), ``charts`` (accessible SVG charts), ``ages``
(ages by the calendar). It imports no domain app, so every app may import it.
"""
