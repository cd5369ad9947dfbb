"""A roadmap from data/roadmaps.yml: a timeline drawn in CSS and a checklist per phase."""

from markupsafe import Markup

from .rendering import join_words, render_block


def roadmap_html(roadmap, cite) -> str:
    """Render one roadmap; `cite(ref)` turns a CiteRef into inline citation HTML."""
    ongoing = any(p.ongoing for p in roadmap.phases)
    last = max(p.last for p in roadmap.phases)
    unit_word = roadmap.unit.capitalize()
    ticks = [f"{unit_word} {n}" if n == 1 else str(n) for n in range(1, last + 1)]
    if ongoing:
        ticks[-1] += "+"
    span_text = f"{last}{'+' if ongoing else ''} {roadmap.unit}s"
    phases = []
    for index, phase in enumerate(roadmap.phases, 1):
        citations = [cite(ref) for ref in phase.cite]
        phases.append({
            "label": phase.label,
            "title": phase.title,
            "start": phase.start,
            "span": phase.last - phase.start + 1,
            "ongoing": phase.ongoing,
            "anchor": f"{roadmap.id}-phase-{index}",
            "steps": phase.steps,
            "citations": Markup(join_words(citations)) if citations else None,
        })
    return render_block(
        "roadmap.html", roadmap=roadmap, phases=phases, units=last, ticks=ticks, span_text=span_text,
    )
