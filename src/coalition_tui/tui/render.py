"""Turning domain objects into styled, markup-free text. Untrusted text never goes through markup."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from coalition_tui.analysis.citation import source_line
from coalition_tui.analysis.looks import NOTHING, STANCE_LOOK
from coalition_tui.analysis.timeline import Timeline
from coalition_tui.store.corpus import Corpus
from coalition_tui.store.model import Commitment, Origin
from coalition_tui.store.safe import inert

ENTITY_STYLE = {"country": "bold #5fafff", "person": "bold italic #d7af5f", "org": "bold underline #af87ff"}
QUOTE_STYLE = "underline"
CURRENT_STYLE = "reverse"
SENTENCE_STYLE = "on #264f78"  # the article's sentence cursor (Sources: n makes a record of it)
SPAN_STYLE = "reverse bold"  # the quote a record form will save, in its paragraph


UNREVIEWED = ("⚑", "bold yellow")


SELECTED_MARK = ("▪", "bold reverse")  # a cell some of whose records are in the selection


def stance_cell(
    value: str | None, unreviewed: bool = False, refusal: str | None = None, selected: bool = False
) -> Text:
    """A matrix cell: glyph and short word, coloured; blank for no record; a flag when the stance
    rests only on records nobody has reviewed. ``refusal``: a refusal beside a positive stance (one
    kind committed, another declined) shows both glyphs, "● ✕ mixed". ``selected`` marks a cell whose
    records are (some of them) selected."""
    if value is None:
        return Text("")
    glyph, word, style = STANCE_LOOK[value]
    if refusal is not None:
        no_glyph, _no_word, no_style = STANCE_LOOK[refusal]
        cell = Text.assemble((glyph, style), " ", (no_glyph, no_style), (" mixed", "bold"))
    else:
        cell = Text(f"{glyph} {word}", style=style)
    if unreviewed:
        cell.append(f" {UNREVIEWED[0]}", style=UNREVIEWED[1])
    if selected:
        cell.append(f" {SELECTED_MARK[0]}", style=SELECTED_MARK[1])
    return cell


def legend() -> Text:
    parts: list[str | tuple[str, str]] = ["Legend  "]
    for value, (glyph, _word, style) in STANCE_LOOK.items():
        parts += [(f"{glyph} {value}", style), "  "]
    parts += [("●", "bold green"), " ", ("✕", "bold red"), (" mixed", "bold"), " (a commitment and a refusal)  "]
    parts += [(f"{UNREVIEWED[0]} unreviewed", UNREVIEWED[1]), "  ", (SELECTED_MARK[0], SELECTED_MARK[1]), " selected"]
    return Text.assemble(*parts)


def origin_tag(record: Commitment) -> tuple[str, str]:
    if record.origin is Origin.CURATED:
        return ("✓ curated", "dim green")
    if record.unsure:
        return (f"? extracted, marked unsure ({record.confidence:.2f})", "italic bold magenta")
    return (f"⚑ extracted, unreviewed ({record.confidence:.2f})", "italic bold yellow")


def decided_line(record: Commitment) -> str:
    """Who made the record's latest decision and when ("" when nobody has)."""
    if not record.decided_by:
        return ""
    when = record.decided_at.replace("T", " ")[:16] + " UTC" if record.decided_at else "at an unknown time"
    return f"decided by {record.decided_by} · {when}"


def record_block(corpus: Corpus, record: Commitment, selected: bool = False, with_summit: bool = False) -> Content:
    """A record as a few lines: stance and kind, the quote, where it comes from."""
    glyph, _word, style = STANCE_LOOK[record.stance.value]
    mark = "[x] " if selected else "[ ] "
    head: list[str | tuple[str, str]] = [
        mark,
        (f"{glyph} {record.stance.value}", style),
        f"  {record.kind.value}  ",
        (corpus.label(record.country), "bold"),
    ]
    if with_summit:
        meeting = corpus.summits.get(record.summit)
        head.append(f"  at {meeting.label if meeting else record.summit}")
    person = f" · {corpus.label(record.person)}" if record.person else ""
    return Content.assemble(
        *head,
        "\n",
        ("    “", "dim"),
        (inert(record.quote), "italic"),
        ("”", "dim"),
        "\n",
        (f"    {inert(source_line(corpus.sources.get(record.source)))}{person} · ", "dim"),
        origin_tag(record),
    )


def mention_legend() -> Text:
    return Text.assemble(
        "Names  ",
        ("country", ENTITY_STYLE["country"]),
        "  ",
        ("person", ENTITY_STYLE["person"]),
        "  ",
        ("organization", ENTITY_STYLE["org"]),
        "   Quotes  ",
        ("record quote", QUOTE_STYLE),
        "  ",
        ("current record", CURRENT_STYLE),
    )


def plain(text: str, style: str = "") -> Text:
    """A DataTable cell from untrusted text: never parsed as markup."""
    return Text(inert(text), style=style, no_wrap=True, overflow="ellipsis")


def typed_entity(corpus: Corpus, value: str, field: str, optional: bool = False) -> tuple[str | None, Content]:
    """What a name typed into a form resolves to, and the line shown under the box: "→ Belgium
    (fuzzy)" in green, or "✕ …" in red. ``field`` is "person", "country" (a country or organization,
    ISO codes welcome), or "entity" (anything). An ``optional`` empty box is "" (none)."""
    value = value.strip()
    if not value:
        if optional:
            return "", Content.styled(f"no {field}", "green")
        return None, Content.styled(
            f"✕ type the {'actor (a country or an organization)' if field == 'country' else field}", "bold red"
        )
    kinds = {"person": frozenset({"person"}), "country": frozenset({"country", "org"})}.get(field)
    res = corpus.resolver.resolve(value, codes=field != "person", kinds=kinds)  # type: ignore[arg-type]
    if res.entity is None:
        why = f" ({res.reason})" if res.reason else ""
        return None, Content.styled(inert(f"✕ no {field} matches {value!r}{why}"), "bold red")
    return res.entity, Content.styled(inert(f"→ {corpus.label(res.entity)} ({res.method})"), "green")


def timeline_strip(line: Timeline) -> Content:
    """A country's timeline as a few lines: the meetings by date, then a row of glyphs per kind (the
    strongest stance at each meeting, "–" where the kind is not reported)."""
    if not line.strips:
        return Content("")
    width = max(len(strip.kind.value) for strip in line.strips) + 2
    first, last = line.summits[0].date.strftime("%-d %b %Y"), line.summits[-1].date.strftime("%-d %b %Y")
    span = f"{len(line.summits)} meeting(s), {first} → {last}" if len(line.summits) > 1 else line.summits[0].label
    parts: list[str | tuple[str, str]] = [("Timeline  ", "bold"), (span, "dim")]
    for strip in line.strips:
        parts.append("\n" + strip.kind.value.ljust(width))
        for i, stance in enumerate(strip.stances):
            parts.append(" " if i else "")
            parts.append((STANCE_LOOK[stance.value][0], STANCE_LOOK[stance.value][2]) if stance else (NOTHING, "dim"))
    return Content.assemble(*parts)
