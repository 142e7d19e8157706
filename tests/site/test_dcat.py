"""/datasets/dcat: DCAT-AP-SE 3.0.1 as RDF/XML, parsed with rdflib and validated with pyshacl
against the SEMIC DCAT-AP 3 shapes (tests/site/data/dcat-ap-3.0.0-SHACL.ttl)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns

from lofte.opendata import tables
from lofte.promises.models import PromiseSet
from tests import factories
from tests.site.helpers import strangnas_set

pytestmark = pytest.mark.django_db
SHAPES = Path(__file__).parent / "data" / "dcat-ap-3.0.0-SHACL.ttl"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    # The catalogue is a file beside the bulk download: each test starts without one.
    settings.DATA_DIR = tmp_path


def catalog(client) -> Graph:
    response = client.get("/datasets/dcat")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rdf+xml")
    return Graph().parse(data=b"".join(response.streaming_content), format="xml")


def conforms(graph: Graph) -> tuple[bool, str]:
    shapes = Graph().parse(SHAPES, format="turtle")
    ok, _report, text = validate(graph, shacl_graph=shapes, inference="none")
    return ok, text


@pytest.fixture
def world():
    kommun, ps, commitments, areas = strangnas_set()
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    factories.promise_set(other, 2022, status=PromiseSet.Status.DRAFT)
    return kommun


def test_the_catalogue_conforms_to_the_dcat_ap_3_shapes(client, world):
    ok, text = conforms(catalog(client))
    assert ok, text


def test_the_shapes_catch_a_dataset_without_a_title(client, world):
    graph = catalog(client)
    dataset = next(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))
    graph.remove((dataset, ns.DCTERMS.title, None))
    ok, text = conforms(graph)
    assert not ok and "title" in text.lower()


def test_no_blank_nodes_and_every_iri_is_absolute(client, world, settings):
    graph = catalog(client)
    for triple in graph:
        assert not any(isinstance(term, BNode) for term in triple), triple
    for kind in (ns.DCAT.Catalog, ns.DCAT.Dataset, ns.DCAT.Distribution, ns.DCAT.DataService, ns.FOAF.Agent, VCARD.Kind):
        for subject in graph.subjects(ns.RDF.type, kind):
            assert str(subject).startswith(("http://", "https://", "mailto:")), subject
    assert all(str(s).startswith(settings.SITE_URL) for s in graph.subjects(ns.RDF.type, ns.DCAT.Distribution))


def test_a_dataset_per_table_and_per_municipality_with_published_promises(client, world):
    graph = catalog(client)
    titles = {str(graph.value(d, ns.DCTERMS.title)) for d in graph.subjects(ns.RDF.type, ns.DCAT.Dataset)}
    assert {t.title for t in tables.TABLES} <= titles
    assert "Medborgarlöften i Strängnäs" in titles and "Medborgarlöften i Stockholm" not in titles
    formats = {str(f).rsplit("/", 1)[-1] for f in graph.objects(None, ns.DCTERMS.format)}
    assert {"CSV", "JSON", "GEOJSON", "ATOM"} <= formats


def test_publishers_have_a_type_licences_are_cc0_or_the_sources_and_the_api_is_a_service(client, world, settings):
    graph = catalog(client)
    for agent in graph.subjects(ns.RDF.type, ns.FOAF.Agent):
        assert str(graph.value(agent, ns.DCTERMS.type)).startswith("http://purl.org/adms/publishertype/")
    municipality = URIRef(settings.SITE_URL + "/strangnas/#kommun")
    assert str(graph.value(municipality, ns.FOAF.name)) == "Strängnäs kommun"
    assert graph.value(URIRef(settings.SITE_URL + "/strangnas/#data"), ns.DCTERMS.publisher) == municipality
    licences = set(graph.objects(None, ns.DCTERMS.license))
    assert CC0 in licences and URIRef("http://creativecommons.org/licenses/by/4.0/") in licences
    service = next(graph.subjects(ns.RDF.type, ns.DCAT.DataService))
    assert graph.value(service, ns.DCAT.endpointDescription) == URIRef(settings.SITE_URL + "/api/v1/openapi.json")
    contact = next(graph.subjects(ns.RDF.type, VCARD.Kind))
    assert str(graph.value(contact, VCARD.hasEmail)).startswith("mailto:")
    assert graph.value(URIRef(settings.SITE_URL + "/datasets/dcat#katalog"), ns.DCTERMS.title) == Literal(
        "Löfte – medborgarlöften, öppna data", lang="sv")


def test_the_file_is_served_until_the_nightly_export_writes_it_anew(client, world):
    from django.core.management import call_command

    from lofte.opendata.dcat import catalog_path

    first = client.get("/datasets/dcat")
    assert catalog_path().exists()
    assert client.get("/datasets/dcat", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    other = factories.municipality("1980", "Västerås", county="Västmanlands län", county_code="19")
    factories.promise_set(other, 2022)
    def titles(graph):
        return {str(graph.value(d, ns.DCTERMS.title)) for d in graph.subjects(ns.RDF.type, ns.DCAT.Dataset)}

    assert "Medborgarlöften i Västerås" not in titles(catalog(client))
    call_command("export_open_data", stdout=io.StringIO())
    assert "Medborgarlöften i Västerås" in titles(catalog(client))
