"""Template tags for a page's title, description and Open Graph tags, written once in base.html.

`{% capture name %}…{% endcapture %}` renders its content once (a {% block %} inside it stays
overridable by the page) and keeps it in the context, so the page's title and description can fill
<title>, the meta description and og:title/og:description without each page repeating them.
`{% absolute %}` makes an absolute address from SITE_URL (the request's Host header is never
trusted for it), for og:url and og:image.
"""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # The content is template output, escaped already: kept safe, collapsed to one line.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    try:
        _tag, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("capture takes one argument: the variable name") from None
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)


@register.simple_tag(takes_context=True)
def absolute(context, path=None):
    """SITE_URL + path (by default the current page's path, without its query string)."""
    if path is None:
        request = context.get("request")
        path = request.path if request is not None else "/"
    return settings.SITE_URL + path


@register.simple_tag
def poster_url(promise_set, size="a4"):
    """The address of a set's poster in a paper size ("a4", "a3")."""
    return promise_set.poster_url(size)
