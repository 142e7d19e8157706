"""What the browser tests share: a phone-sized page, logging in, the axe-core check, overflow."""

from __future__ import annotations

from django.urls import reverse

PHONE = {"width": 390, "height": 844}


def phone_page(browser, **options):
    """A new context the size of a phone (390 px), with axe injectable; returns (context, page)."""
    settings = {"viewport": PHONE, "locale": "sv-SE", "has_touch": True, "bypass_csp": True, **options}
    context = browser.new_context(**settings)
    return context, context.new_page()


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Log in through the real form, with the keyboard (Enter submits)."""
    page.goto(base_url + reverse("staff:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def axe_violations(page, axe_source: str) -> list:
    """WCAG 2.1 A and AA violations that axe-core finds on the page (empty when it passes)."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the screen (0 or less: it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
