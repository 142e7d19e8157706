"""Open data: the public data of Löfte as tables, files (CSV, JSON, the bulk download), Atom feed
entries and DCAT-AP-SE metadata. The site face serves them; everything here reads through the same
published() querysets and privacy functions as the public pages."""
