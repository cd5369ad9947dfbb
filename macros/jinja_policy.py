"""What Jinja a page may contain: the site's macros, called with literal arguments.

Pages are Jinja templates (the macros plugin renders them), and Jinja can
reach Python: `{{ cycler.__init__.__globals__.os.popen('id').read() }}` runs a
command on the build machine. A pull request must not be able to do that, so
every template the plugin compiles is checked first, against a whitelist:

- text, `{{ ... }}` output, literals (strings, numbers, lists, dicts);
- a name only if it is one of the site's macros, variables or filters
  (macros/__init__.py), never Jinja's own globals (cycler, joiner, namespace,
  lipsum, range, dict) or the plugin's (config, page, environment, macros_info);
- a call only of such a name.

Everything else (attributes, subscripts, operators, {% set %}, {% for %},
{% include %}, ...) is refused with its line. What passes is rendered by a
sandboxed environment all the same, so a gap in the whitelist still cannot
reach Python's internals.
"""

import sys

from jinja2 import Template, nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Nodes that only carry text and literal values.
_LITERALS = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const,
             nodes.List, nodes.Tuple, nodes.Dict, nodes.Pair, nodes.Keyword)

_WHAT = {
    nodes.Getattr: "reading an attribute ('.{attr}')",
    nodes.Getitem: "a subscript ('[...]')",
    nodes.Slice: "a slice ('[a:b]')",
    nodes.Assign: "'{{% set %}}'", nodes.AssignBlock: "'{{% set %}}'",
    nodes.For: "'{{% for %}}'", nodes.If: "'{{% if %}}'", nodes.CondExpr: "'... if ... else ...'",
    nodes.Macro: "'{{% macro %}}'", nodes.CallBlock: "'{{% call %}}'", nodes.FilterBlock: "'{{% filter %}}'",
    nodes.With: "'{{% with %}}'", nodes.Block: "'{{% block %}}'", nodes.Extends: "'{{% extends %}}'",
    nodes.Include: "'{{% include %}}'", nodes.Import: "'{{% import %}}'", nodes.FromImport: "'{{% from ... import %}}'",
    nodes.Test: "a test ('is ...')",
}


def _operator_or_statement(node) -> str:
    if isinstance(node, (nodes.BinExpr, nodes.UnaryExpr)):
        return f"the operator '{node.operator}'"
    if isinstance(node, nodes.Concat):
        return "the operator '~'"
    if isinstance(node, nodes.Compare):
        return "a comparison"
    return f"'{type(node).__name__}'"


def _children_first(node):
    """Every node under `node`, innermost first, so a problem is named at its root (e.g. 'cycler')."""
    for child in node.iter_child_nodes():
        yield from _children_first(child)
    yield node


def violations(tree: nodes.Node, names, filters) -> list[tuple[int, str]]:
    """(line, message) for each line of the template (or node) that uses anything but the allowed names."""
    allowed = ", ".join(sorted(names)) or "none"
    found = {}
    for node in _children_first(tree):
        message = None
        if isinstance(node, nodes.Name):
            if node.ctx == "load" and node.name not in names:
                message = (f"'{node.name}' is not available to pages; a page may use only the site's "
                           f"macros ({allowed}); to show it as written, put it in backticks")
        elif isinstance(node, nodes.Call):
            if not isinstance(node.node, nodes.Name):
                message = "only the site's macros can be called, by name: e.g. {{ cite(\"slug\", \"17:25\") }}"
        elif isinstance(node, nodes.Filter):
            if node.name not in filters:
                known = ", ".join(sorted(filters)) or "none"
                message = f"filter '{node.name}' is not available to pages; site filters: {known}"
        elif not isinstance(node, _LITERALS):
            what = _WHAT.get(type(node)) or _operator_or_statement(node)
            message = (f"{what.format(attr=getattr(node, 'attr', ''))} is not allowed in a page; a page may only "
                       f"call the site's macros ({allowed}) with literal arguments")
        if message and node.lineno not in found:
            found[node.lineno] = message
    return sorted(found.items())


def without_violations(tree: nodes.Template, names, filters) -> nodes.Template:
    """The template with every refused expression or statement taken out (it prints nothing).

    The rest still runs, so a bad citation on the same page is reported too.
    """
    body = []
    for statement in tree.body:
        if isinstance(statement, nodes.Output):
            statement.nodes = [node if not violations(node, names, filters) else nodes.TemplateData("")
                               for node in statement.nodes]
            body.append(statement)
        elif not violations(statement, names, filters):
            body.append(statement)
    tree.body = body
    return tree


def calling_template_line() -> int | None:
    """The template line of the macro call being run (for a macro to say where it was called)."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None


def _failing_template_line(error: BaseException) -> int | None:
    """The template line an exception was raised from (Jinja rewrites tracebacks to show it)."""
    line, tb = None, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


class PageTemplate(Template):
    """A page's template: it sees the site's macros only, and reports instead of raising."""

    def render(self, *args, **kwargs):
        # The plugin passes its variables (config, page, environment, ...): none reach a page.
        try:
            return super().render()
        except Exception as error:  # a page must not stop the build: report it and go on
            self.environment.report(self.page_source, _failing_template_line(error),
                                    f"{type(error).__name__}: {error}")
            return self.page_source


class PageEnvironment(ImmutableSandboxedEnvironment):
    """The Jinja environment pages are rendered with.

    `macros` and `filters` are the only names a page sees. A template that
    breaks the rules is not run as written: `report(source, line, message)` is
    called for each problem, the refused parts print nothing and the rest runs,
    so the site still builds and every problem of every page is reported.
    """

    def __init__(self, macros: dict, filters: dict, report, undefined):
        super().__init__(undefined=undefined, autoescape=False)
        self.globals.clear()                  # no range, dict, lipsum, cycler, joiner, namespace
        self.globals.update(macros)
        self.filters = dict(filters)
        self.tests = {}
        self.report = report

    def from_string(self, source, globals=None, template_class=None):
        """Check `source` against the whitelist: report each refused part, compile the rest."""
        names, filters = set(self.globals), set(self.filters)
        try:
            tree = self.parse(source)
            problems = violations(tree, names, filters)
        except TemplateSyntaxError as error:
            # Nothing can run: the page is printed as written.
            tree = nodes.Template([nodes.Output([nodes.TemplateData(source)])], lineno=1)
            problems = [(error.lineno, f"Jinja syntax error: {error.message}")]
        for line, message in problems:
            self.report(source, line, message)
        if problems:
            tree = without_violations(tree, names, filters)
        template = super().from_string(tree, template_class=PageTemplate)
        template.page_source = source
        return template
