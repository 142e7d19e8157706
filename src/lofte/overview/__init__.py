"""The national overview (`/statistik/`): figures across all municipalities, and the county map.

Plain functions (lofte.overview.national) that the site's view and the tests call; nothing here
renders HTML except the map's SVG (lofte.overview.countymap).
"""
