"""The skills x role-lanes table, from data/roles.yml."""

from markupsafe import Markup

from .rendering import render_block


def role_matrix_html(roles, linker, cite) -> str:
    """Render the matrix; `cite(ref)` turns a CiteRef into inline citation HTML."""
    levels = {level.id: level for level in roles.levels}
    lanes = [
        {"name": lane.name, "short": lane.short,
         "href": linker.to_src(lane.page) if lane.page else None}
        for lane in roles.lanes
    ]
    rows = []
    for skill in roles.skills:
        cells = []
        for lane in roles.lanes:
            cell = skill.levels[lane.id]
            cells.append({
                "level": levels[cell.level],
                "citation": Markup(cite(cell.cite)) if cell.cite else None,
            })
        rows.append({"name": skill.name, "cells": cells})
    return render_block("role_matrix.html", lanes=lanes, rows=rows, levels=roles.levels)
