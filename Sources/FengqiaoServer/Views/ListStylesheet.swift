/// The staff lists' styles, appended to the one stylesheet: the filter bar, paging, bulk actions, and below 600 px
/// every case table turned into cards (number and title, place, clock) without JavaScript.
enum ListStylesheet {
    static let css = """
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        form.filters{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:.75rem;margin:0 0 1rem;
        display:grid;grid-template-columns:1fr;gap:.5rem .75rem}
        form.filters label{display:block;font-weight:600;font-size:.9rem}
        form.filters input[type=text],form.filters input[type=search],form.filters input[type=date],
        form.filters select{display:block;width:100%;margin-top:.2rem;padding:.5rem;font-size:1rem;
        border:1px solid #9aa5b1;border-radius:6px;background:#fff;font-family:inherit}
        form.filters fieldset{margin:0}form.filters label.choice{display:inline-flex;gap:.3rem;align-items:center;
        font-weight:400;margin:.1rem .75rem .1rem 0;min-height:32px}
        form.filters .buttons{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
        .list-summary{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
        .list-summary .total{font-weight:700}
        nav.paging{display:flex;gap:1rem;align-items:center;margin:1rem 0}
        nav.paging a{min-height:44px;display:inline-flex;align-items:center}
        .notice{background:#e8f5e9;border-left:4px solid #2e7d32;padding:.5rem .75rem;margin:.5rem 0}
        .capped{background:#fff3cd;border-left:4px solid #f0a500;padding:.3rem .75rem;font-size:.9rem}
        form.bulk{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:.75rem;margin:1rem 0}
        form.bulk fieldset{display:grid;gap:.5rem}form.bulk label{font-weight:600}
        form.bulk select,form.bulk input[type=text]{display:block;width:100%;margin-top:.2rem;padding:.5rem;
        font-size:1rem;border:1px solid #9aa5b1;border-radius:6px;background:#fff}
        td.pick input{width:24px;height:24px}
        .return{margin:.5rem 0}.return a{min-height:44px;display:inline-flex;align-items:center}
        @media (min-width:768px){form.filters{grid-template-columns:repeat(3,1fr)}
        form.filters fieldset,form.filters .buttons,form.filters .wide{grid-column:1/-1}}
        @media (max-width:600px){.queue table,.queue tbody{display:block;background:none;border:0}
        .queue thead{display:none}.queue .table-wrap{overflow:visible}
        .queue tr{display:grid;grid-template-columns:auto 1fr;gap:.1rem .5rem;background:#fff;border:1px solid #d9e2ec;
        border-radius:8px;padding:.6rem .75rem;margin:0 0 .75rem}
        .queue td{display:block;border:0;padding:0;grid-column:1/-1}
        .queue td.pick{grid-column:1;grid-row:1}.queue td.pick~td.case{grid-column:2;grid-row:1}
        .queue td.case a{font-weight:700;font-size:1.05rem}
        .queue td.state,.queue td.urgency{display:inline;grid-column:auto;font-size:.9rem;color:#52606d}
        .queue td.place::before{content:attr(data-label) "：";color:#52606d}}
        """
}
