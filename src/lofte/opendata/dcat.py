"""DCAT-AP-SE 3.0.1 metadata of Löfte's open data (`/datasets/dcat`, the path Sveriges dataportal
harvests), built as an RDF graph with rdflib and served as RDF/XML.

What it describes:

- one catalogue (the instance), published by the operator (settings.OPEN_DATA_PUBLISHER);
- one national dataset per table of lofte.opendata.tables, distributed as the bulk download (CSV
  and JSON in a zip), and the Atom feed for the kinds the feed carries;
- one dataset per municipality with published promises: its CSV files (the comma variant named in
  each one's description), its findings as GeoJSON and its Atom feed, published by the
  municipality (a local authority);
- the API (`/api/v1/`, described by `/api/v1/openapi.json`) as a data service serving the national
  datasets.

Every catalogue, dataset, distribution, publisher and contact point has an absolute IRI under
SITE_URL (no blank nodes), so a harvester can tell one from another between harvests. Löfte's own
data is CC0; the situation picture's indicators come from other sources and carry their licence
(Kolada's data is free to reuse with attribution: CC BY 4.0).

For 290 municipalities the document takes seconds to build, so the nightly export writes it to a
file (`write_catalog`) beside the bulk download, and `/datasets/dcat` serves that file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from lofte.core.models import Municipality
from lofte.lib.files import write_atomically
from lofte.opendata import bulk, tables
from lofte.promises.models import PromiseSet

ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = Namespace(EU + "file-type/")
DATA_THEME = Namespace(EU + "data-theme/")
LANGUAGE = URIRef(EU + "language/SWE")
FREQUENCY_DAILY = URIRef(EU + "frequency/DAILY")
COUNTRY_SWEDEN = URIRef(EU + "country/SWE")
IANA = "https://www.iana.org/assignments/media-types/"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
CC_BY = URIRef("http://creativecommons.org/licenses/by/4.0/")
DCAT_AP_SE = URIRef("https://docs.dataportal.se/dcat/sv/")

THEME_LABELS = {"JUST": "Rättsväsende och allmän säkerhet", "GOVE": "Regeringen och den offentliga sektorn"}
PUBLISHER_TYPE_LABELS = {
    "LocalAuthority": "Local Authority", "NationalAuthority": "National authority",
    "RegionalAuthority": "Regional authority", "PublicBody": "Public body",
    "NonGovernmentalOrganisation": "Non-governmental organisation", "Company": "Company",
}
FORMATS = {
    # kind: (EU file type, IANA media type)
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
    "geojson": ("GEOJSON", "application/geo+json"),
    "atom": ("ATOM", "application/atom+xml"),
    "zip": ("ZIP", "application/zip"),
}
CSV_VARIANTS = ("För svenska Excel: semikolon, decimalkomma, UTF-8 med BOM. Med ?sep=comma i adressen: komma, "
                "decimalpunkt, UTF-8 utan BOM.")
# The tables of each municipality's dataset that have a feed entry kind.
FEED_TABLES = {"medborgarloften", "insatser", "synpunkter"}
CATALOG_NAME = "dcat.rdf"


def absolute(path: str) -> URIRef:
    return URIRef(settings.SITE_URL + path)


def _publisher_name() -> str:
    return settings.OPEN_DATA_PUBLISHER or settings.ACCESSIBILITY_AUTHORITY or "Löfte"


def _contact_email() -> str:
    from email.utils import parseaddr

    return (settings.OPEN_DATA_CONTACT_EMAIL or settings.ACCESSIBILITY_CONTACT_EMAIL
            or parseaddr(settings.DEFAULT_FROM_EMAIL)[1])


class CatalogBuilder:
    """Adds the catalogue's resources to one graph; each `_concept`, `_licence` etc. types the IRIs it
    uses, as the DCAT-AP shapes ask (a licence is a dct:LicenseDocument, a theme a skos:Concept)."""

    def __init__(self, today: date):
        self.today = today
        self.g = Graph()
        for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD),
                                  ("skos", SKOS), ("adms", ADMS)):
            self.g.bind(prefix, namespace)
        self.catalog = absolute("/datasets/dcat#katalog")
        self.contact = absolute("/datasets/dcat#kontakt")
        self.operator = absolute("/datasets/dcat#utgivare")
        self.service = absolute("/datasets/dcat#api")
        self._typed: set[tuple[URIRef, URIRef]] = set()

    # ------------------------------------------------------------------ small typed resources

    def add(self, subject, predicate, value) -> None:
        self.g.add((subject, predicate, value))

    def text(self, subject, predicate, value: str) -> None:
        self.add(subject, predicate, Literal(value, lang="sv"))

    def typed(self, iri: URIRef, kind: URIRef) -> URIRef:
        """`iri` a `kind` (once per graph: thousands of distributions share a licence and formats)."""
        if (iri, kind) not in self._typed:
            self._typed.add((iri, kind))
            self.add(iri, RDF.type, kind)
        return iri

    def _concept(self, iri: URIRef, label: str) -> URIRef:
        if (iri, SKOS.Concept) not in self._typed:
            self.add(iri, SKOS.prefLabel, Literal(label, lang="sv" if label in THEME_LABELS.values() else "en"))
        return self.typed(iri, SKOS.Concept)

    def _licence(self, iri: URIRef) -> URIRef:
        return self.typed(iri, DCTERMS.LicenseDocument)

    def _media_type(self, media_type: str) -> URIRef:
        return self.typed(URIRef(IANA + media_type), DCTERMS.MediaType)

    def _file_type(self, code: str) -> URIRef:
        return self.typed(FILE_TYPE[code], DCTERMS.MediaTypeOrExtent)

    def _document(self, iri: URIRef) -> URIRef:
        return self.typed(iri, FOAF.Document)

    def _agent(self, iri: URIRef, name: str, kind: str) -> URIRef:
        self.add(iri, RDF.type, FOAF.Agent)
        self.add(iri, RDF.type, FOAF.Organization)
        self.text(iri, FOAF.name, name)
        label = PUBLISHER_TYPE_LABELS.get(kind, kind)
        self.add(iri, DCTERMS.type, self._concept(PUBLISHER_TYPE[kind], label))
        return iri

    # ------------------------------------------------------------------ the catalogue

    def build(self) -> Graph:
        add, text = self.add, self.text
        self._agent(self.operator, _publisher_name(), settings.OPEN_DATA_PUBLISHER_TYPE)
        add(self.contact, RDF.type, VCARD.Organization)
        add(self.contact, RDF.type, VCARD.Kind)
        text(self.contact, VCARD.fn, _publisher_name())
        add(self.contact, VCARD.hasEmail, URIRef("mailto:" + _contact_email()))

        add(self.catalog, RDF.type, DCAT.Catalog)
        text(self.catalog, DCTERMS.title, "Löfte – medborgarlöften, öppna data")
        text(self.catalog, DCTERMS.description,
             "Medborgarlöften från kommuner och Polisen: löften med status, genomförda insatser, fynd från "
             "trygghetsvandringar, möten, synpunkter med svar och lägesbildens indikatorer.")
        add(self.catalog, DCTERMS.publisher, self.operator)
        add(self.catalog, FOAF.homepage, self._document(absolute("/")))
        add(self.catalog, DCTERMS.language, self.typed(LANGUAGE, DCTERMS.LinguisticSystem))
        add(self.catalog, DCTERMS.license, self._licence(CC0))
        add(self.catalog, DCTERMS.modified, Literal(self.today.isoformat(), datatype=XSD.date))
        add(self.catalog, DCTERMS.conformsTo, DCAT_AP_SE)
        add(DCAT_AP_SE, RDF.type, DCTERMS.Standard)

        national = [self._national_dataset(table) for table in tables.TABLES]
        self._api(national)
        for municipality in Municipality.objects.filter(
            pk__in=PromiseSet.objects.published().values("municipality")
        ).order_by("code"):
            self._municipality_dataset(municipality)
        return self.g

    def _dataset(self, iri: URIRef, title: str, description: str, theme: str, publisher: URIRef,
                 landing: str, keywords: list[str]) -> URIRef:
        add, text = self.add, self.text
        add(self.catalog, DCAT.dataset, iri)
        add(iri, RDF.type, DCAT.Dataset)
        text(iri, DCTERMS.title, title)
        text(iri, DCTERMS.description, description)
        add(iri, DCTERMS.publisher, publisher)
        add(iri, DCAT.contactPoint, self.contact)
        add(iri, DCAT.theme, self._concept(DATA_THEME[theme], THEME_LABELS[theme]))
        add(iri, DCAT.landingPage, self._document(absolute(landing)))
        add(iri, DCTERMS.accrualPeriodicity, self.typed(FREQUENCY_DAILY, DCTERMS.Frequency))
        add(iri, DCTERMS.spatial, self.typed(COUNTRY_SWEDEN, DCTERMS.Location))
        add(iri, DCTERMS.language, LANGUAGE)
        add(iri, DCTERMS.modified, Literal(self.today.isoformat(), datatype=XSD.date))
        for keyword in ["medborgarlöften", "brottsförebyggande", "trygghet", *keywords]:
            text(iri, DCAT.keyword, keyword)
        return iri

    def _distribution(self, dataset: URIRef, iri: URIRef, title: str, url: URIRef, kind: str, licence: URIRef,
                      *, packaged: str = "", byte_size: int | None = None, description: str = "") -> URIRef:
        add = self.add
        file_type, media_type = FORMATS[kind]
        add(dataset, DCAT.distribution, iri)
        add(iri, RDF.type, DCAT.Distribution)
        self.text(iri, DCTERMS.title, title)
        if description:
            self.text(iri, DCTERMS.description, description)
        add(iri, DCAT.accessURL, url)
        add(iri, DCAT.downloadURL, url)
        self.typed(url, RDFS.Resource)
        add(iri, DCTERMS.format, self._file_type(file_type))
        add(iri, DCAT.mediaType, self._media_type(media_type))
        add(iri, DCTERMS.license, self._licence(licence))
        if packaged:
            add(iri, DCAT.packageFormat, self._media_type(packaged))
        if byte_size is not None:
            add(iri, DCAT.byteSize, Literal(byte_size, datatype=XSD.nonNegativeInteger))
        return iri

    def _national_dataset(self, table: tables.Table) -> URIRef:
        iri = absolute(f"/data/#{table.name}")
        self._dataset(iri, table.title, table.description, table.theme, self.operator, "/data/", [table.name])
        licence = CC_BY if table.third_party else CC0
        archive = bulk.current()
        zip_url = absolute(f"/data/{bulk.ARCHIVE_NAME}")
        for kind in ("csv", "json"):
            self._distribution(
                iri, absolute(f"/data/#{table.name}-{kind}"),
                f"{table.title}: alla kommuner ({kind.upper()} i zip-filen {bulk.ARCHIVE_NAME})", zip_url, kind,
                licence, packaged="application/zip", byte_size=archive.size if archive else None,
            )
        if table.name in FEED_TABLES:
            self._distribution(iri, absolute(f"/data/#{table.name}-atom"), f"{table.title}: Atom-flöde",
                               absolute(reverse("site:feed")), "atom", licence)
        return iri

    def _api(self, datasets: list[URIRef]) -> None:
        add, text = self.add, self.text
        # The API face (lofte.api) serves these paths; they are an interface, like the pages' addresses.
        endpoint = absolute("/api/v1/")
        add(self.catalog, DCAT.service, self.service)
        add(self.service, RDF.type, DCAT.DataService)
        text(self.service, DCTERMS.title, "Löftes öppna API (läsning)")
        text(self.service, DCTERMS.description, "JSON-API med medborgarlöften, löften, insatser, fynd, möten, "
                                                 "synpunkter och indikatorer, beskrivet med OpenAPI 3.1.")
        add(self.service, DCAT.endpointURL, endpoint)
        add(endpoint, RDF.type, RDFS.Resource)
        description = absolute("/api/v1/openapi.json")
        add(self.service, DCAT.endpointDescription, description)
        add(description, RDF.type, RDFS.Resource)
        add(self.service, DCTERMS.publisher, self.operator)
        add(self.service, DCAT.contactPoint, self.contact)
        add(self.service, DCTERMS.license, self._licence(CC0))
        for dataset in datasets:
            add(self.service, DCAT.servesDataset, dataset)

    def _municipality_dataset(self, municipality: Municipality) -> None:
        slug = municipality.slug
        publisher = self._agent(absolute(f"/{slug}/#kommun"), f"{municipality.name} kommun", "LocalAuthority")
        iri = absolute(f"/{slug}/#data")
        self._dataset(
            iri, f"Medborgarlöften i {municipality.name}",
            f"{municipality.name}s medborgarlöften med status, insatser, fynd, möten, synpunkter och lägesbild "
            f"({municipality.county}, kommunkod {municipality.code}).",
            "JUST", publisher, f"/{slug}/", [municipality.name, municipality.county],
        )
        for table in tables.TABLES:
            licence = CC_BY if table.third_party else CC0
            url = reverse("site:table_csv", args=[slug, table.name])
            self._distribution(iri, absolute(f"{url}#distribution"), f"{table.title} (CSV)", absolute(url), "csv",
                               licence, description=CSV_VARIANTS)
        self._distribution(iri, absolute(f"/{slug}/fynd.geojson#distribution"), "Fynd från trygghetsvandringar "
                           "(GeoJSON)", absolute(reverse("site:findings_geojson", args=[slug])), "geojson", CC0)
        self._distribution(iri, absolute(f"/{slug}/flode.atom#distribution"), "Nytt om medborgarlöftena (Atom)",
                           absolute(reverse("site:municipality_feed", args=[slug])), "atom", CC0)


def catalog_graph(today: date | None = None) -> Graph:
    return CatalogBuilder(today or timezone.localdate()).build()


def catalog_rdf_xml(today: date | None = None) -> bytes:
    # Plain RDF/XML: rdflib's "pretty-xml" nests resources but takes four times as long.
    return catalog_graph(today).serialize(format="xml", encoding="utf-8")


def catalog_path() -> Path:
    return bulk.archive_path().with_name(CATALOG_NAME)


def write_catalog(today: date | None = None) -> int:
    """Write the catalogue to its file (atomically), as the nightly export does after the bulk file:
    for all 290 municipalities it takes seconds to build, too long for a request."""
    document = catalog_rdf_xml(today)
    return write_atomically(catalog_path(), lambda handle: handle.write(document))
