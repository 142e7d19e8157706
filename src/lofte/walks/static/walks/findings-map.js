/* Löfte – the findings map, progressive enhancement only.
 *
 * The list and the table are the page; this script adds a map when JavaScript and Leaflet load.
 * It reads everything from data- attributes and a JSON endpoint (no inline script: strict CSP) and
 * builds popups from text nodes, never from HTML strings, so no finding text can become markup.
 *
 * In the staff form it also adds a small map to pick the place and a "use my position" button
 * (the Geolocation API) that fill in the latitude and longitude fields.
 */
(function () {
  "use strict";

  var COLOURS = { fixed: "#0f6b32", closed: "#4a5560", open: "#b34700" };
  // Without a known centre the picker shows all of Sweden; the page may give data-center="lat,lon".
  var SWEDEN = [62.0, 15.5];

  function tileLayer(el) {
    return L.tileLayer(el.getAttribute("data-tile-url"), {
      maxZoom: 19,
      attribution: el.getAttribute("data-attribution") || ""
    });
  }

  // Leaflet's controls speak English ("Zoom in", "Close popup") and its attribution carries a
  // flag and an English title; the map is built with Swedish controls and a plain attribution.
  function swedishMap(el, options) {
    var map = L.map(el, Object.assign({ zoomControl: false }, options || {}));
    L.control.zoom({ zoomInTitle: "Zooma in", zoomOutTitle: "Zooma ut" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Stäng rutan");
        close.setAttribute("title", "Stäng rutan");
      }
    });
    if (el.getAttribute("data-label")) {
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", el.getAttribute("data-label"));
    }
    return map;
  }

  // The pin's images by their hashed static names (data-marker-*): Leaflet would otherwise ask for
  // "marker-icon.png", which the manifest storage serves only under its hashed name (a broken image).
  function pinIcon(el) {
    var url = el.getAttribute("data-marker-icon");
    if (!url) { return new L.Icon.Default(); }
    return L.icon({
      iconUrl: url,
      iconRetinaUrl: el.getAttribute("data-marker-icon-2x") || url,
      shadowUrl: el.getAttribute("data-marker-shadow") || "",
      iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], tooltipAnchor: [16, -28], shadowSize: [41, 41]
    });
  }

  function popupContent(props) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = props.category + " – " + props.status;
    box.appendChild(title);
    if (props.address) {
      var address = document.createElement("p");
      address.textContent = props.address;
      box.appendChild(address);
    }
    var text = document.createElement("p");
    text.textContent = props.description;
    box.appendChild(text);
    var link = document.createElement("a");
    link.href = "#" + props.anchor;
    link.textContent = "Visa i listan";
    box.appendChild(link);
    return box;
  }

  function showFindings(el) {
    var url = el.getAttribute("data-findings-url");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || !data.features || !data.features.length) { return; }
        el.hidden = false;
        if (!el.getAttribute("data-label")) { el.setAttribute("data-label", "Karta"); }
        var map = swedishMap(el, { scrollWheelZoom: false });
        tileLayer(el).addTo(map);
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, {
              radius: 9, weight: 2, color: "#ffffff", fillOpacity: 0.95,
              fillColor: COLOURS[feature.properties.group] || COLOURS.open
            });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popupContent(feature.properties));
          }
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 16 });
      })
      .catch(function () { el.hidden = true; });
  }

  function setupPicker(el) {
    var lat = document.getElementById(el.getAttribute("data-lat-input"));
    var lon = document.getElementById(el.getAttribute("data-lon-input"));
    if (!lat || !lon) { return; }
    var start = lat.value && lon.value ? [parseFloat(lat.value.replace(",", ".")), parseFloat(lon.value.replace(",", "."))] : null;
    var centre = (el.getAttribute("data-center") || "").split(",").map(parseFloat);
    var known = centre.length === 2 && !isNaN(centre[0]) && !isNaN(centre[1]);
    el.hidden = false;
    var map = swedishMap(el).setView(start || (known ? centre : SWEDEN), start ? 16 : (known ? 12 : 5));
    tileLayer(el).addTo(map);
    var icon = pinIcon(el);
    // As many decimals as the form takes (the citizen form five, the staff form six).
    var decimals = parseInt(el.getAttribute("data-decimals") || "6", 10);
    var pin = function (at) { return L.marker(at, { icon: icon, alt: "Vald plats", keyboard: false }).addTo(map); };
    var marker = start ? pin(start) : null;

    function place(latitude, longitude, zoom) {
      lat.value = latitude.toFixed(decimals);
      lon.value = longitude.toFixed(decimals);
      if (marker) { marker.setLatLng([latitude, longitude]); } else { marker = pin([latitude, longitude]); }
      if (zoom) { map.setView([latitude, longitude], 17); }
    }

    map.on("click", function (event) { place(event.latlng.lat, event.latlng.lng, false); });

    var button = document.getElementById(el.getAttribute("data-locate-button"));
    var status = document.getElementById(el.getAttribute("data-locate-status"));
    if (button && "geolocation" in navigator) {
      button.hidden = false;
      if (button.parentNode && button.parentNode.hidden) { button.parentNode.hidden = false; }
      button.addEventListener("click", function () {
        if (status) { status.textContent = "Hämtar din position …"; }
        navigator.geolocation.getCurrentPosition(function (pos) {
          place(pos.coords.latitude, pos.coords.longitude, true);
          if (status) { status.textContent = "Positionen är ifylld (noggrannhet ungefär " + Math.round(pos.coords.accuracy) + " m)."; }
        }, function () {
          if (status) { status.textContent = "Positionen kunde inte hämtas. Välj en punkt på kartan eller skriv en adress."; }
        }, { enableHighAccuracy: true, timeout: 15000 });
      });
    }
  }

  function start() {
    if (typeof L === "undefined") { return; }
    var maps = document.querySelectorAll("[data-findings-url]");
    for (var i = 0; i < maps.length; i++) { showFindings(maps[i]); }
    var pickers = document.querySelectorAll("[data-pick-map]");
    for (var j = 0; j < pickers.length; j++) { setupPicker(pickers[j]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
