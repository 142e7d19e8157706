/* Löfte – sortable table columns, progressive enhancement only.
 *
 * A table marked <table data-sortable> works as it is without JavaScript (the server's order).
 * With this script each column header whose <th> does not say data-sort="none" becomes a button;
 * pressing it sorts the rows by that column, pressing again reverses the order. The header carries
 * aria-sort, so a screen reader says how the table is sorted. A cell may give the value to sort by
 * in data-sort-value (an ISO date, a number, a status rank); otherwise its text is used, compared as
 * a number when it is one and in Swedish alphabetical order (å, ä, ö after z) otherwise.
 *
 * No inline script or style: the page loads this file (strict Content-Security-Policy).
 */
(function () {
  "use strict";

  var collator = new Intl.Collator("sv", { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var given = cell.getAttribute("data-sort-value");
    return given !== null ? given : cell.textContent.replace(/\s+/g, " ").trim();
  }

  function asNumber(text) {
    var cleaned = text.replace(/\u00a0|\s/g, "").replace(",", ".").replace(/%$/, "");
    return cleaned !== "" && !isNaN(cleaned) ? parseFloat(cleaned) : null;
  }

  function compare(a, b) {
    var x = asNumber(a), y = asNumber(b);
    if (x !== null && y !== null) { return x - y; }
    if (a === "" && b !== "") { return 1; }   // Empty cells last, whichever the direction.
    if (b === "" && a !== "") { return -1; }
    return collator.compare(a, b);
  }

  function sortBy(table, header, index) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, value: cellValue(row, index), position: position };
    });
    rows.sort(function (a, b) {
      var order = compare(a.value, b.value);
      if (a.value === "" || b.value === "") { return order || a.position - b.position; }
      return (ascending ? order : -order) || a.position - b.position;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    for (var i = 0; i < headers.length; i++) {
      if (headers[i] !== header) { headers[i].removeAttribute("aria-sort"); }
    }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enhance(table) {
    if (!table.tHead || !table.tHead.rows.length) { return; }
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, index) {
      if (header.getAttribute("data-sort") === "none") { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (header.firstChild) { button.appendChild(header.firstChild); }
      header.appendChild(button);
      var initial = header.getAttribute("data-sort-initial");
      if (initial === "ascending" || initial === "descending") { header.setAttribute("aria-sort", initial); }
      button.addEventListener("click", function () { sortBy(table, header, index); });
    });
    table.setAttribute("data-sortable-ready", "");
  }

  function start() {
    var tables = document.querySelectorAll("table[data-sortable]");
    for (var i = 0; i < tables.length; i++) { enhance(tables[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
