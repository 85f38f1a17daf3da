/// The leader's screen's own rules, appended to `/static/app.css`: compact tiles and tables, panels side by side on a
/// wide screen, map labels. About two screens at 1366×768 (scripts/browser_dashboard.py measures it).
enum DashboardStylesheet {
    static let css = """
        .dash h1{font-size:1.4rem;margin:.25rem 0}
        .dash h2{font-size:1.05rem;margin:.5rem 0 .25rem}
        .dash p.note{margin:.25rem 0;font-size:.85rem}
        .dash form.range{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:.25rem 0}
        .dash form.range label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600}
        .dash form.range input{min-height:36px}
        .dash form.range a{align-self:center}
        .dash .tiles{grid-template-columns:repeat(3,1fr);gap:.5rem;margin:.5rem 0}
        .dash a.tile{display:block;text-decoration:none;padding:.35rem .5rem}
        .dash a.tile:hover,.dash a.tile:focus{border-color:#b22222}
        .dash .tile .figure{font-size:1.5rem}
        .dash .panels{display:grid;grid-template-columns:minmax(0,1fr);gap:.25rem 1rem}
        .dash .panel{min-width:0}
        .dash table{font-size:.85rem}.dash th,.dash td{padding:.15rem .35rem}
        .dash td a{word-break:normal;overflow-wrap:normal}
        .dash .table-wrap{margin:.25rem 0}
        .dash details{margin:.25rem 0}.dash details summary{cursor:pointer;color:#1f4e79}
        .dash .chart-box{height:210px}
        .dash .leaflet-map{height:300px}
        .dash .grid-map svg{max-height:300px}
        .dash .village-label{font-size:24px;font-weight:700;fill:#1d2733;text-anchor:middle;paint-order:stroke;
        stroke:#fff;stroke-width:5px}
        .dash .grid-label{font-size:18px;fill:#52606d;text-anchor:middle;dominant-baseline:middle}
        .dash ul.legend{margin:.25rem 0}
        .dash ul.overdue li{margin:.25rem 0}
        .dash .leaflet-container{background:#fff}
        .leaflet-tooltip.map-label{background:rgba(255,255,255,.8);border:0;box-shadow:none;padding:0 2px;
        font-size:11px;line-height:1.2;color:#1d2733;white-space:nowrap}
        .leaflet-tooltip.map-label::before{display:none}
        .village-marker{background:none;border:0;white-space:nowrap}
        .village-marker .map-label.village{display:inline-block;transform:translate(-50%,-50%);font-size:13px;
        font-weight:700;background:rgba(255,255,255,.9);padding:0 3px;border-radius:3px;cursor:pointer}
        .leaflet-map.zoomed-out .map-label.grid .grid-name{display:none}
        .leaflet-map.crowded .leaflet-tooltip.map-label.grid{display:none}
        @media (min-width:1000px){.dash .panels{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
        .dash .tiles{grid-template-columns:repeat(6,1fr)}}
        """
}
