from lofte.core.demo import demo_is_loaded


def demo_banner(request):
    """Tell every page whether invented demo records are loaded, so it can say so."""
    return {"demo_loaded": demo_is_loaded()}
