/// The one stylesheet: phone first (360 px), larger screens get wider margins only.
enum Stylesheet {
    static let css = """
        *{box-sizing:border-box}
        html{font-size:16px;-webkit-text-size-adjust:100%}
        body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
        line-height:1.6;color:#1d2733;background:#f5f7fa}
        header.site{display:flex;justify-content:space-between;align-items:center;gap:.5rem;padding:.75rem 1rem;
        background:#b22222;color:#fff}
        header.site a{color:#fff;text-decoration:none}
        header.site .brand{font-weight:700;font-size:1.25rem;margin-right:.5rem}
        header.site .tagline{font-size:.85rem;opacity:.9}
        header.site .lang{border:1px solid #fff;border-radius:4px;padding:.1rem .5rem;font-size:.85rem;white-space:nowrap}
        main{padding:1rem;max-width:48rem;margin:0 auto}
        h1{font-size:1.4rem;margin:.5rem 0 1rem}
        h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
        .lead{font-size:1.05rem}
        .motto{color:#8a1c1c;font-weight:600}
        .actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.25rem 0}
        .button{display:inline-block;padding:.7rem 1.2rem;border-radius:6px;border:1px solid #b22222;color:#b22222;
        text-decoration:none;font-size:1rem;min-height:44px}
        .button.primary,button,input[type=submit]{background:#b22222;color:#fff;border:1px solid #b22222}
        button,input[type=submit]{padding:.7rem 1.2rem;border-radius:6px;font-size:1rem;min-height:44px;cursor:pointer}
        a:focus,button:focus,input:focus{outline:3px solid #f0a500;outline-offset:2px}
        form.stacked label{display:block;margin:0 0 1rem;font-weight:600}
        form.stacked input[type=text],form.stacked input[type=password]{display:block;width:100%;margin-top:.3rem;
        padding:.6rem;font-size:1rem;border:1px solid #9aa5b1;border-radius:6px}
        .error{background:#fdecea;border-left:4px solid #b22222;padding:.5rem .75rem}
        .success{background:#e8f5e9;border-left:4px solid #2e7d32;padding:.5rem .75rem}
        .note{color:#52606d;font-size:.9rem}
        .request-id{font-family:monospace}
        ul.coverage{padding-left:1.2rem}
        form.stacked select{display:block;width:100%;margin-top:.3rem;padding:.6rem;font-size:1rem;
        border:1px solid #9aa5b1;border-radius:6px;background:#fff}
        ul.cards{list-style:none;padding:0;display:grid;gap:1rem}
        .card{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:1rem}
        .card h2{margin:0 0 .25rem}
        .card dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:.5rem 0}
        .card dt{color:#52606d}.card dd{margin:0}
        .badge{display:inline-block;padding:0 .5rem;border-radius:4px;font-size:.85rem;font-weight:400;border:1px solid}
        .badge.gold{background:#fff3cd;color:#7a4b00;border-color:#f0a500}
        .badge.on{background:#e8f5e9;color:#1b5e20;border-color:#2e7d32}
        .badge.off{background:#eceff1;color:#52606d;border-color:#9aa5b1}
        details.choose summary{cursor:pointer;color:#b22222;font-weight:600;min-height:44px;padding:.6rem 0}
        .message p{margin:.2rem 0}.other-language{font-size:.9rem;color:#52606d}
        nav.staff{display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:center;margin:0 0 1rem;padding:.5rem;
        background:#fff;border:1px solid #d9e2ec;border-radius:8px}
        nav.staff a{padding:.4rem .6rem;border-radius:4px;color:#1d2733;text-decoration:none;min-height:44px;
        display:inline-flex;align-items:center}
        nav.staff a[aria-current=page]{background:#b22222;color:#fff}
        nav.staff form{margin-left:auto}
        nav.staff input[type=submit]{background:#fff;color:#b22222;padding:.4rem .8rem}
        form.inline{display:inline-block;margin:.25rem 0}
        form.inline input[type=submit]{padding:.3rem .8rem;min-height:36px;font-size:.9rem}
        form.stacked textarea,form.stacked input[type=tel],form.stacked input[type=number],form.stacked input[type=date],
        form.stacked input[type=file]{display:block;width:100%;margin-top:.3rem;padding:.6rem;font-size:1rem;
        border:1px solid #9aa5b1;border-radius:6px;background:#fff;font-family:inherit}
        form.stacked label.choice{display:flex;gap:.5rem;align-items:center;font-weight:400}
        fieldset{border:1px solid #d9e2ec;border-radius:8px;margin:0 0 1rem;padding:.5rem 1rem}
        legend{font-weight:600;padding:0 .25rem}
        .table-wrap{overflow-x:auto;max-width:100%;margin:.5rem 0}
        table{border-collapse:collapse;width:100%;background:#fff;font-size:.95rem}
        th,td{border:1px solid #d9e2ec;padding:.4rem .5rem;text-align:left;vertical-align:top}
        th{background:#eef2f6;white-space:nowrap}
        td a{word-break:break-all}
        .clock{display:inline-block;padding:0 .4rem;border-radius:4px;border:1px solid}
        .clock.green{background:#e8f5e9;color:#1b5e20;border-color:#2e7d32}
        .clock.yellow{background:#fff3cd;color:#7a4b00;border-color:#f0a500}
        .clock.red{background:#fdecea;color:#8a1c1c;border-color:#b22222}
        .badge.state{background:#eef2f6;color:#1d2733;border-color:#9aa5b1}
        details.action{background:#fff;border:1px solid #d9e2ec;border-radius:8px;margin:.5rem 0;padding:.25rem .75rem}
        details.action summary{cursor:pointer;font-weight:600;min-height:44px;padding:.6rem 0;color:#b22222}
        dl.facts{display:grid;grid-template-columns:auto 1fr;gap:.2rem .75rem;background:#fff;padding:.75rem;
        border:1px solid #d9e2ec;border-radius:8px}
        dl.facts dt{color:#52606d}dl.facts dd{margin:0;word-break:break-word}
        ul.timeline{padding-left:1.2rem}ul.timeline li{margin:.3rem 0}
        .tiles{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;margin:1rem 0}
        .tile{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:.75rem;text-align:center}
        .tile .figure{display:block;font-size:1.8rem;font-weight:700;color:#b22222}
        .tile .label{color:#52606d;font-size:.9rem}
        .chart-box{display:none;position:relative;height:260px}.chart-box.drawn{display:block}
        .grid-map svg{width:100%;height:auto;background:#fff;border:1px solid #d9e2ec;border-radius:8px}
        .leaflet-map{height:360px;border:1px solid #d9e2ec;border-radius:8px;background:#fff}
        ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem;font-size:.9rem}
        .swatch{display:inline-block;width:1rem;height:1rem;border:1px solid #52606d;vertical-align:middle}
        .swatch-0{background:#e8f5e9}.swatch-1{background:#fff3cd}.swatch-3{background:#ffcc80}.swatch-6{background:#ef9a9a}
        .code{font-family:monospace;font-size:1.4rem;font-weight:700;letter-spacing:.1em}
        ul.workspace-links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
        ul.overdue li{margin:.5rem 0}
        ul.qr-sheet{list-style:none;padding:0;display:grid;grid-template-columns:1fr;gap:1rem}
        .qr-card{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:1rem;text-align:center;
        break-inside:avoid}
        .qr-card img{width:180px;height:180px}
        .qr-label{font-weight:700;margin:.25rem 0}.qr-scan{margin:.25rem 0;color:#8a1c1c}
        .qr-link{font-family:monospace;font-size:.75rem;word-break:break-all;color:#52606d}
        @media print{header.site,nav.staff,.qr-downloads,p.note{display:none}main{max-width:none;padding:0}
        ul.qr-sheet{grid-template-columns:1fr 1fr 1fr}.qr-card{border:1px dashed #52606d}}
        @media (min-width:768px){ul.qr-sheet{grid-template-columns:1fr 1fr 1fr}}
        @media (min-width:768px){main{padding:2rem}h1{font-size:1.8rem}ul.cards{grid-template-columns:1fr 1fr}
        .tiles{grid-template-columns:repeat(4,1fr)}}
        @media (min-width:1100px){main{max-width:72rem}}
        """ + ListStylesheet.css
        + RulesStylesheet.css
}
