"""Charts as SVG inside the page: no JavaScript, no chart service. Each chart has a
<title> and <desc>, each segment a pattern as well as a colour (so grey print and colour
blindness lose nothing) and its mark and count written on it when there is room; the page
puts the same numbers in a table beside it. Ids are prefixed per chart, as one page holds
several."""

from html import escape

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from claims.models import VERDICT_MARKS, ClaimKind

# Fill, ink for text on it, and the pattern drawn over the fill.
_STYLES = {
    "true": ("#1e6b34", "#ffffff", ""),
    "mostly_true": ("#d3ecd8", "#0d4d1b", '<path d="M0,8 l8,-8" stroke="#0d4d1b"/>'),
    "mixed": ("#fff1c2", "#5a4300", '<circle cx="4" cy="4" r="1.3" fill="#5a4300"/>'),
    "mostly_false": ("#fde0cc", "#6b2a00", '<path d="M0,0 l8,8" stroke="#6b2a00"/>'),
    "false": ("#a3121f", "#ffffff", ""),
    "unresolvable": (
        "#ffffff",
        "#3d3d3d",
        '<path d="M0,0 l8,8 M0,8 l8,-8" stroke="#8c8c8c"/>',
    ),
    "pending": ("#e8eaee", "#2b2f36", '<path d="M0,4 h8" stroke="#8a919c"/>'),
}
_OUTLINE = "#1b1b1b"
PLURALS = {
    "prediction": "Predictions",
    "promise": "Promises",
    "statement": "Statements of fact",
    "assessment": "Assessments",
}
# 400 units: on a 390 px phone the bar is drawn at ~0.9 of its size, so its 13-unit labels
# stay ~12 px tall (at 600 they shrank to ~8 px, and 6 px in the narrowest columns).
_BAR_WIDTH = 400
_CHAR = 8  # a digit's width at font-size 13, in user units (measured in Chromium: 7.4-7.9)
_MARK = 14  # a mark's width (✔ ◕ ◑ ◔ ✘ … ?), the widest measured 13.2


def _defs(prefix: str) -> SafeString:
    patterns = format_html_join(
        "",
        '<pattern id="{}-{}" patternUnits="userSpaceOnUse" width="8" height="8">'
        '<rect width="8" height="8" fill="{}"/>{}</pattern>',
        ((prefix, verdict, fill, mark_safe(over)) for verdict, (fill, _, over) in _STYLES.items()),  # noqa: S308
    )
    return format_html("<defs>{}</defs>", patterns)


def _segment(prefix, x, y, width, height, segment) -> str:
    # Plain f-strings, not format_html: a page draws a few hundred segments, and every value
    # here is a number or one of our own names except the label, escaped once.
    ink = _STYLES[segment.verdict][1]
    mark = VERDICT_MARKS[segment.verdict]
    # On the segment, inside its edges with 3 units to spare each side: its mark and count
    # when both fit, else its mark alone; the table beside the chart has every number.
    written = f"{mark} {segment.count}"
    if width < _MARK + _CHAR * (1 + len(str(segment.count))) + 6:
        written = mark if width >= _MARK + 6 else ""
    label = ""
    if written and height >= 16:
        label = (
            f'<text x="{x + width / 2:.1f}" y="{y + height / 2:.1f}" fill="{ink}" '
            'font-size="13" text-anchor="middle" dominant-baseline="central" '
            f'aria-hidden="true">{written}</text>'
        )
    return (
        f"<g><title>{escape(segment.label)}: {segment.count} ({round(100 * segment.share)}%)"
        f'</title><rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'fill="url(#{escape(prefix)}-{segment.verdict})" stroke="{_OUTLINE}" '
        f'stroke-width="1"/>{label}</g>'
    )


def _svg(kind: str, prefix: str, width, height, title: str, desc: str, parts) -> SafeString:
    """A chart's frame: its size, its title and description (named by aria-labelledby), its
    patterns, and its parts."""
    return format_html(
        '<svg class="chart {}" width="{}" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-t {}-d"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>'
        "{}{}</svg>",
        kind, width, width, height, prefix, prefix, prefix, title, prefix,
        desc or "No claims.",
        _defs(prefix),
        mark_safe("".join(parts)),  # noqa: S308  (numbers, our names and escaped labels)
    )  # fmt: skip


def stacked_bar(prefix: str, title: str, segments) -> SafeString:
    """One horizontal bar split by verdict, each part as wide as its share."""
    height, x, parts = 36, 0.0, []
    for segment in segments:
        width = segment.share * _BAR_WIDTH
        parts.append(_segment(prefix, x, 2, width, height, segment))
        x += width
    desc = "; ".join(f"{s.label}: {s.count} ({round(100 * s.share)}%)" for s in segments)
    return _svg("bar", prefix, _BAR_WIDTH, height + 4, title, desc, parts)


def year_columns(prefix: str, title: str, years) -> SafeString:
    """Claims per year, one column a year, stacked by verdict."""
    top = max((sum(s.count for s in segments) for _, segments in years), default=0) or 1
    column, gap, plot = 36, 12, 160
    width = max(len(years), 1) * (column + gap) + gap
    parts = []
    for i, (year, segments) in enumerate(years):
        x = gap + i * (column + gap)
        total = sum(s.count for s in segments)
        y = 20 + plot
        for segment in segments:
            height = plot * segment.count / top
            y -= height
            parts.append(_segment(prefix, x, y, column, height, segment))
        middle = x + column / 2
        parts.append(
            f'<text x="{middle:.1f}" y="{y - 5:.1f}" font-size="12" text-anchor="middle" '
            f'fill="#1b1b1b">{total}</text><text x="{middle:.1f}" y="{20 + plot + 16}" '
            f'font-size="12" text-anchor="middle" fill="#1b1b1b">{int(year)}</text>'
        )
    desc = "; ".join(
        f"{year}: {sum(s.count for s in segments)} claims"
        + "".join(f", {s.label.lower()} {s.count}" for s in segments)
        for year, segments in years
    )
    return _svg("years", prefix, width, plot + 44, title, desc, parts)


def year_histogram(prefix: str, years: list[tuple[int, int]]) -> SafeString:
    """A small histogram of the results by year made, above the list: each bar with its
    count above it and its year below, wide enough that no two labels overlap (only every
    few years is named when there are many; each bar's title names its own)."""
    top = max(n for _, n in years) or 1
    column, gap, plot, head = 34, 4, 48, 14  # a 4-digit year at 11 px is ~26 px wide
    step = -(-len(years) // 12)  # name at most 12 years, evenly spaced
    width = len(years) * (column + gap) + gap
    parts = []
    for i, (year, n) in enumerate(years):
        x, height = gap + i * (column + gap), plot * n / top
        middle = x + column / 2
        parts.append(
            f'<rect x="{x}" y="{head + plot - height:.1f}" width="{column}" '
            f'height="{height:.1f}" fill="#0b57a4"><title>{year}: {n:,}</title></rect>'
        )
        if step == 1:
            parts.append(
                f'<text x="{middle:.1f}" y="{head + plot - height - 3:.1f}" font-size="10" '
                f'fill="#1b1b1b" text-anchor="middle">{n:,}</text>'
            )
        if i % step == 0:
            parts.append(
                f'<text x="{middle:.1f}" y="{head + plot + 13}" font-size="11" '
                f'fill="#1b1b1b" text-anchor="middle">{year}</text>'
            )
    desc = "; ".join(f"{year}: {n:,}" for year, n in years)
    first, last = years[0][0], years[-1][0]
    return format_html(
        '<svg class="chart histogram" width="{}" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-t {}-d"><title id="{}-t">Claims per year made, {} to {}</title>'
        '<desc id="{}-d">{}</desc>{}</svg>',
        width, width, head + plot + 17, prefix, prefix, prefix, first, last, prefix, desc,
        mark_safe("".join(parts)),  # noqa: S308  (numbers only)
    )  # fmt: skip


def scorecard(record, prefix: str) -> dict:
    """What a record page shows: the whole distribution, one per kind in the kind's words,
    claims per year; each chart with the rows of its table."""
    kinds = []
    for kind in record.kinds():
        segments = record.segments(kind)
        chart = stacked_bar(f"{prefix}-{kind}", f"Verdicts on {PLURALS[kind].lower()}", segments)
        total = sum(s.count for s in segments)
        kinds.append(
            {
                "kind": kind,
                "label": PLURALS[kind],
                "total": total,
                "segments": segments,
                "chart": chart,
                "table": verdict_table(f"Verdicts on {total:,} {PLURALS[kind].lower()}", segments),
            }
        )
    years = record.years()
    return {
        "prefix": prefix,
        "record": record,
        "total": record.total,
        "overall": stacked_bar(f"{prefix}-all", "Verdicts on all claims", record.segments()),
        "segments": record.segments(),
        "table": verdict_table(f"Verdicts on all {record.total:,} claims", record.segments()),
        "kinds": kinds,
        "predictions": record.came_true(ClaimKind.PREDICTION),
        "prediction_sentence": record.prediction_sentence(),
        "promises": record.promise_groups() if ClaimKind.PROMISE in record.kinds() else [],
        "years": years,
        "years_chart": year_columns(f"{prefix}-years", "Claims per year made, by verdict", years),
        "years_table": years_table(years),
    }


def verdict_table(caption: str, segments) -> SafeString:
    """The numbers of a verdict bar, as a table (for screen readers, print and copying)."""
    rows = "".join(
        f'<tr><th scope="row"><span class="badge verdict-{s.verdict}"><span aria-hidden="true">'
        f"{VERDICT_MARKS[s.verdict]}</span> {escape(s.label)}</span></th><td>{s.count:,}</td>"
        f"<td>{round(100 * s.share)}%</td></tr>"
        for s in segments
    )
    return mark_safe(  # noqa: S308  (numbers, our names and escaped labels)
        f'<table class="numbers"><caption>{escape(caption)}</caption><thead><tr>'
        '<th scope="col">Verdict</th><th scope="col">Claims</th><th scope="col">Share</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def years_table(years) -> SafeString:
    """The numbers of the claims-per-year chart, as a table."""
    rows = "".join(
        f'<tr><th scope="row">{int(year)}</th><td>{sum(s.count for s in segments):,}</td><td>'
        + (", ".join(f"{escape(s.label)} {s.count:,}" for s in segments) or "none")
        + "</td></tr>"
        for year, segments in years
    )
    return mark_safe(  # noqa: S308  (numbers, our names and escaped labels)
        '<table class="numbers"><caption>Claims per year made, by verdict</caption><thead><tr>'
        '<th scope="col">Year</th><th scope="col">Claims</th><th scope="col">Verdicts</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
