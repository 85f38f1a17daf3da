/// `/static/app.js`: the only JavaScript of our own. It only enhances pages that work without it: duplicate
/// suggestions while typing at intake, the dashboard's trend chart (Chart.js) and grid map (Leaflet), when the
/// server has those libraries.
enum AppScript {
    static let js = #"""
        "use strict";
        (function () {
          function ready(fn) {
            if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
          }
          function duplicates() {
            var box = document.getElementById("duplicate-suggestions");
            if (!box) { return; }
            var endpoint = box.getAttribute("data-endpoint");
            var fields = ["field-title", "field-description", "field-regionCode"].map(function (id) {
              return document.getElementById(id);
            });
            var timer = null;
            function ask() {
              var place = fields[2] ? fields[2].value : "";
              var text = (fields[0] ? fields[0].value : "") + (fields[1] ? fields[1].value : "");
              if (!place || text.length < 4) { box.textContent = ""; return; }
              var url = endpoint + "?regionCode=" + encodeURIComponent(place) + "&text=" + encodeURIComponent(text);
              fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
                .then(function (r) { return r.ok ? r.json() : { items: [] }; })
                .then(function (data) {
                  box.textContent = "";
                  if (!data.items || data.items.length === 0) { return; }
                  var zh = document.documentElement.lang !== "en";
                  var heading = document.createElement("p");
                  heading.className = "note";
                  heading.textContent = zh ? "可能重复（近30天、同村社区）：" : "Possible duplicates (same village, 30 days):";
                  box.appendChild(heading);
                  var list = document.createElement("ul");
                  data.items.forEach(function (item) {
                    var li = document.createElement("li");
                    var a = document.createElement("a");
                    a.href = item.url;
                    a.textContent = item.number + " " + item.title;
                    li.appendChild(a);
                    li.appendChild(document.createTextNode(" · " + (zh ? item.state.zh : item.state.en) + " · " +
                      Math.round(item.similarity * 100) + "%"));
                    list.appendChild(li);
                  });
                  box.appendChild(list);
                })
                .catch(function () { box.textContent = ""; });
            }
            fields.forEach(function (field) {
              if (!field) { return; }
              field.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 400); });
              field.addEventListener("change", ask);
            });
          }
          function dashboard() {
            var data = document.getElementById("dashboard-data");
            if (!data) { return; }
            var figures = JSON.parse(data.textContent);
            var canvas = document.getElementById("trend-chart");
            if (canvas && window.Chart) {
              canvas.parentNode.classList.add("drawn");
              new window.Chart(canvas, {
                type: "line",
                data: {
                  labels: figures.trend,
                  datasets: [
                    { label: figures.labels[0], data: figures.registered, borderColor: "#b22222", tension: 0.2 },
                    { label: figures.labels[1], data: figures.resolved, borderColor: "#2e7d32", tension: 0.2 }
                  ]
                },
                options: { animation: false, responsive: true, maintainAspectRatio: false }
              });
            }
            var holder = document.getElementById("grid-map");
            if (holder && window.L && figures.grids.length > 0) {
              var mapBox = document.createElement("div");
              mapBox.className = "leaflet-map";
              mapBox.id = "leaflet-map";
              holder.parentNode.insertBefore(mapBox, holder);
              holder.hidden = true;
              var map = window.L.map(mapBox, { attributionControl: false, trackResize: false });
              var bounds = [];
              function go(url) { return function () { window.location.href = url; }; }
              function text(className, content) {
                var span = document.createElement("span");
                span.className = className;
                span.textContent = content;
                return span;
              }
              figures.grids.forEach(function (grid) {
                var polygon = window.L.polygon(grid.ring, {
                  color: "#52606d", weight: 1, fillColor: grid.colour, fillOpacity: 0.85
                }).addTo(map);
                var label = document.createElement("span");
                label.appendChild(text("grid-name", grid.name + " "));
                label.appendChild(text("grid-count", String(grid.cases)));
                polygon.bindTooltip(label, {
                  permanent: true, direction: "center", className: "map-label grid", interactive: false
                });
                polygon.on("click", go(grid.url));
                bounds = bounds.concat(grid.ring);
              });
              figures.villages.forEach(function (village) {
                var icon = window.L.divIcon({
                  className: "village-marker", html: text("map-label village", village.label), iconSize: null
                });
                window.L.marker(village.centre, { icon: icon, keyboard: true, title: village.label })
                  .addTo(map).on("click", go(village.url));
              });
              map.fitBounds(bounds);
              // The whole view shows each grid's count; zoomed in, its name too. The villages' names always show.
              var whole = map.getZoom();
              // A county's hundred grids are too many to label at once: there, only the villages until zoomed in.
              function labels() {
                var out = map.getZoom() <= whole;
                mapBox.classList.toggle("zoomed-out", out);
                mapBox.classList.toggle("crowded", out && figures.grids.length > 40);
              }
              map.on("zoomend", labels);
              labels();
              window.addEventListener("resize", function () {
                map.invalidateSize({ animate: false });
                map.fitBounds(bounds, { animate: false });
                whole = map.getZoom();
                labels();
              });
            }
          }
          ready(function () { duplicates(); dashboard(); });
        })();
        """#
}
