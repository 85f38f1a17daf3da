/// The print sheet of the mediation agreement: A4 with 20 mm margins, a serif CJK face, no navigation on paper.
/// Served at `Paths.agreementStylesheet`, and inlined into the copy that headless Chromium turns into PDF.
enum AgreementStylesheet {
    static let css = """
        @page{size:A4;margin:20mm}
        body.print{background:#e4e7eb}
        main.sheet{max-width:none;padding:0;margin:0}
        .toolbar{background:#fff;border-bottom:1px solid #d9e2ec;padding:.75rem 1rem;font-size:.95rem}
        .toolbar p{margin:.25rem 0}
        .toolbar .links{display:flex;flex-wrap:wrap;gap:.5rem 1rem}
        .toolbar .versions a,.toolbar .versions strong{margin-right:.75rem;white-space:nowrap}
        article.agreement{background:#fff;color:#000;max-width:210mm;margin:1rem auto;padding:1.25rem 1rem;
        font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,"Noto Sans CJK SC",serif;
        font-size:1rem;line-height:1.9}
        article.agreement h1{text-align:center;font-size:1.6rem;letter-spacing:.4em;margin:0 0 .25rem}
        article.agreement .number{text-align:right;margin:0 0 1rem}
        article.agreement h2{font-size:1.05rem;margin:1.25rem 0 .4rem}
        article.agreement h3{font-size:1rem;margin:.6rem 0 .2rem}
        article.agreement dl{display:grid;grid-template-columns:6.5em 1fr;gap:0 .5rem;margin:0 0 .5rem}
        article.agreement dt{font-weight:700}
        article.agreement dd{margin:0;word-break:break-all}
        article.agreement ol{padding-left:2em;margin:.25rem 0}
        article.agreement li{margin:.3rem 0}
        article.agreement ul.plain{list-style:none;padding-left:0}
        article.agreement .how{display:block;font-size:.95em}
        article.agreement .closing p{text-indent:2em;margin:.4rem 0}
        article.agreement .blank{display:inline-block;min-width:9em;border-bottom:1px solid #000;height:1.2em;
        vertical-align:bottom}
        article.agreement .blank.short{min-width:3em}
        article.agreement .signatures{display:grid;grid-template-columns:1fr;gap:1.25rem;margin-top:2rem}
        article.agreement .signatures p{margin:0}
        article.agreement .seal{text-align:right;margin-top:2.5rem}
        article.agreement .seal p{margin:0 0 2.5rem}
        .gloss{display:block;font-size:.8rem;font-weight:400;color:#6b7785;letter-spacing:0}
        @media (min-width:600px){article.agreement .signatures{grid-template-columns:1fr 1fr}}
        @media (min-width:768px){article.agreement{padding:20mm}}
        @media print{
        .no-print,.gloss{display:none!important}
        body.print{background:#fff}
        article.agreement{margin:0;padding:0;max-width:none;font-size:12pt}
        article.agreement .signatures{grid-template-columns:1fr 1fr}
        article.agreement .signatures,article.agreement .seal,article.agreement .closing{break-inside:avoid}
        article.agreement .terms li:last-child{break-after:avoid}
        article.agreement .fulfilment,article.agreement .closing,article.agreement .signatures,article.agreement .seal{
        break-before:avoid}
        article.agreement .ending{break-inside:avoid}
        }
        """
}
