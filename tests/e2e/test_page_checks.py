"""The checks every journey runs on every page can fail: each is shown a page that breaks it.

These pages are served by the browser itself (``page.route``) at the app's address, so the
checks see them exactly as they see the app's pages. The journeys beside this file are what
prove the app keeps these controls (SECURITY.md C03 no CSP violation in the browser, C04 no
third-party request, C38 zero axe violations and a data table for every chart).
"""

from __future__ import annotations

import pytest

GOOD_PAGE = """<!doctype html><html lang="en"><head><title>A page</title></head>
<body><main><h1>A page</h1>{body}</main></body></html>"""


def _serve(someone, body: str, csp: str = "default-src 'self'") -> None:
    def fulfil(route):
        route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": csp},
            body=GOOD_PAGE.format(body=body),
        )

    someone.page.route("**/made-up-page/", fulfil)
    # Nothing leaves the machine: a third-party request is answered here, after it is seen.
    someone.page.route("https://cdn.example.com/**", lambda route: route.abort())


def _problems(someone, body: str, csp: str = "default-src 'self'") -> str:
    _serve(someone, body, csp)
    someone.page.goto("/made-up-page/")
    with pytest.raises(AssertionError) as failure:
        someone.check("broken")
    return str(failure.value)


def test_a_clean_page_passes_every_check(person):
    someone = person("checker")
    _serve(someone, "<p>Nothing wrong here.</p>")
    someone.page.goto("/made-up-page/")
    someone.check("clean")


def test_an_axe_violation_fails_the_page(person):
    problems = _problems(person("checker"), '<img src="/static/none.png">')
    assert "axe violations" in problems and "image-alt" in problems


def test_a_request_to_another_host_fails_the_page(person):
    problems = _problems(
        person("checker"), '<img alt="" src="https://cdn.example.com/tracker.png">'
    )
    assert "request to another host: https://cdn.example.com/tracker.png" in problems


def test_a_csp_violation_in_the_browser_fails_the_page(person):
    problems = _problems(person("checker"), "<script>document.title = 'injected'</script>")
    assert "CSP violation: script-src" in problems


def test_a_chart_without_a_data_table_fails_the_page(person):
    chart = '<figure><svg role="img" aria-label="Bars"><title>Bars</title></svg></figure>'
    problems = _problems(person("checker"), chart + chart + "<table><caption>B</caption></table>")
    assert 'chart "Bars" is not followed by a data table' in problems


def test_a_chart_whose_table_has_no_caption_fails_the_page(person):
    chart = '<figure><svg role="img" aria-label="Bars"><title>Bars</title></svg></figure>'
    problems = _problems(person("checker"), chart + "<table><tr><td>1</td></tr></table>")
    assert 'the table after chart "Bars" has no caption' in problems
