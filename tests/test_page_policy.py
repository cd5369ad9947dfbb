"""What a page may contain (CONTRIBUTING.md, 'What a page may contain'), tried as a hostile contributor would.

Each test breaks a copy of the site the way a pull request could and asserts
that the build refuses it, naming the page and line, without running anything.
"""

import os

import markdown
import pytest
import yaml
from jinja2 import Environment, StrictUndefined
from jinja2.exceptions import SecurityError
from mkdocs.config import load_config
from pymdownx.snippets import SnippetMissingError

from macros import html_policy
from macros.codeprotect import protect_code
from macros.jinja_policy import PageEnvironment, violations

from .conftest import run_build
from .test_bad_builds import append, failing_build

PAGE = "docs/guide/interviews.md"
SITE_URL = "https://ml-for-software-engineers.github.io/ml-for-software-engineers/"
CITE = '{{ cite("from-software-engineer-to-machine-learning", "17:25") }}'


def expect_lines(output: str, page: str, expected: dict[int, str]):
    """Each fragment is reported once, on a `page:line: message` line of its own line."""
    reported = [line.removeprefix("ERROR   -  ") for line in output.splitlines()]
    for line, fragment in expected.items():
        found = [r for r in reported if r.startswith(f"{page}:{line}: ") and fragment in r]
        assert len(found) == 1, f"expected {page}:{line}: ...{fragment!r}... once in:\n{output[-4000:]}"
    assert "Traceback" not in output


# --- Build-time code: Jinja reaches nothing but the site's macros ---------------------------

@pytest.mark.slow
def test_jinja_exploits_fail_the_build_and_run_nothing(project_copy, tmp_path):
    marker = tmp_path / "ran"
    exploits = [
        ("{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}" % marker, "'cycler' is not available"),
        ("{{ joiner.__init__.__globals__.os.popen('touch %s').read() }}" % marker, "'joiner' is not available"),
        ("{{ self.__class__ }}", "'self' is not available"),
        ("{{ config.__class__ }}", "'config' is not available"),
        ("{{ config.plugins }}", "'config' is not available"),
        ("{{ ''.__class__.__mro__ }}", "reading an attribute ('.__class__') is not allowed"),
        ("{{ lipsum.__globals__ }}", "'lipsum' is not available"),
        ("{% set x = namespace() %}", "'namespace' is not available"),
        ("{{ range(99999999999) | list }}", "'range' is not available"),
        ("{{ cite.__globals__ }}", "reading an attribute ('.__globals__') is not allowed"),
        ("{% include 'mkdocs.yml' %}", "'{% include %}' is not allowed"),
        ("{{ 9 ** 9 ** 9 }}", "the operator '**' is not allowed in a page"),
        ("{{ environment }} {{ page.file.abs_src_path }}", "'environment' is not available"),
    ]
    lines = {append(project_copy, PAGE, code): message for code, message in exploits}
    cited = append(project_copy, PAGE, f"Still cited: {CITE} and {{{{ cite('no-such-episode', '1:00') }}}}.")
    # The plugin renders a page's title too (one the nav does not name): through the same checks.
    title = project_copy / "docs/guide/index.md"
    title.write_text(title.read_text(encoding="utf-8").replace(
        "title: ", "title: {{ cycler.__init__.__globals__.os.popen('touch %s').read() }} " % marker, 1),
        encoding="utf-8")
    output = failing_build(project_copy, tmp_path)
    expect_lines(output, PAGE, {**lines, cited: "unknown episode 'no-such-episode'"})
    expect_lines(output, "docs/guide/index.md", {2: "'cycler' is not available"})
    assert not marker.exists(), "a page ran a command on the build machine"


def test_whitelist_allows_only_site_macros_with_literal_arguments():
    env = PageEnvironment({"cite": None}, {}, report=None, undefined=StrictUndefined)
    allowed = 'Text {{ cite("slug", "17:25", "other@1:00") }} {{ cite("a", *["1:00"], key={"x": [1, 2.5]}) }}'
    assert violations(env.parse(allowed), {"cite"}, set()) == []
    refused = ["{{ cite.x }}", "{{ cite('a') ~ 'b' }}", "{{ cite('a')|upper }}", "{% if 1 %}x{% endif %}",
               "{% for x in [1] %}{% endfor %}", "{{ cite(a) }}", "{{ cite('a')['x'] }}", "{{ cite('a')() }}"]
    for source in refused:
        assert violations(env.parse(source), {"cite"}, set()), source


def test_page_environment_is_a_sandbox_even_past_the_whitelist():
    """Second layer: a template compiled without the check still cannot reach Python internals."""
    def cite(*args):
        return "cited"

    env = PageEnvironment({"cite": cite}, {}, report=None, undefined=StrictUndefined)
    assert set(env.globals) == {"cite"}, "Jinja's own globals (range, lipsum, cycler, ...) must be gone"
    unchecked = Environment.from_string(env, "{{ cite.__globals__ }}")  # skips PageEnvironment.from_string
    with pytest.raises(SecurityError):
        unchecked.render()


def test_refused_template_reports_and_prints_nothing_of_what_it_refused():
    reported = []
    env = PageEnvironment({"cite": lambda *a: "C"}, {}, lambda s, line, m: reported.append(line), StrictUndefined)
    out = env.from_string("a {{ cite('x') }}\nb {{ lipsum.__globals__ }}\n").render(config="plugin's variable")
    assert out == "a C\nb " and reported == [2]


# --- Snippet includes and symbolic links -----------------------------------------------------

@pytest.mark.slow
def test_snippet_includes_outside_docs_snippets_fail_the_build(project_copy, tmp_path):
    includes = {
        '--8<-- ".git/config"': ".git/config",
        '--8<-- "mkdocs.yml"': "mkdocs.yml",
        "--8<-- '/etc/passwd'": "/etc/passwd",
        '--8<-- "../../mkdocs.yml:1:5"': "../../mkdocs.yml",
        '--8<-- "https://example.org/x.md"': "https://example.org/x.md",
        '--8<-- "../CONTRIBUTING.md"': "../CONTRIBUTING.md",
    }
    lines = {append(project_copy, PAGE, text): f"snippet include '{name}' is refused"
             for text, name in includes.items()}
    output = failing_build(project_copy, tmp_path)
    expect_lines(output, PAGE, lines)
    assert "[core]" not in output and "root:x:0:0" not in output


@pytest.mark.slow
def test_a_snippet_from_docs_snippets_is_included(project_copy, tmp_path):
    (project_copy / "docs/snippets").mkdir()
    (project_copy / "docs/snippets/note.md").write_text("A shared note about *snippets*.\n", encoding="utf-8")
    append(project_copy, PAGE, '--8<-- "note.md"')
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out/guide/interviews/index.html").read_text(encoding="utf-8")
    assert "A shared note about <em>snippets</em>." in html
    assert not (tmp_path / "out/snippets").exists(), "snippets are included in pages, not published alone"


def test_snippets_extension_itself_is_limited_to_docs_snippets(project_copy):
    """Second layer: mkdocs.yml's pymdownx.snippets refuses what the page check would have caught."""
    (project_copy / "docs/snippets").mkdir()
    (project_copy / "docs/snippets/note.md").write_text("A note.\n", encoding="utf-8")
    config = load_config(str(project_copy / "mkdocs.yml"))
    md = markdown.Markdown(extensions=["pymdownx.snippets"],
                           extension_configs={"pymdownx.snippets": config.mdx_configs["pymdownx.snippets"]})
    assert "Contributing" in md.convert('--8<-- "CONTRIBUTING.md"')
    assert "A note." in md.reset().convert('--8<-- "note.md"')
    for bad in ["mkdocs.yml", "../mkdocs.yml", "../../mkdocs.yml", "../../.git/config", "/etc/passwd",
                "https://example.org/x"]:
        with pytest.raises(SnippetMissingError):
            md.reset().convert(f'--8<-- "{bad}"')


@pytest.mark.slow
def test_symbolic_links_fail_the_build_naming_each(project_copy, tmp_path):
    os.symlink("/etc/passwd", project_copy / "docs/guide/passwd.md")
    os.symlink("/etc", project_copy / "data/etc")
    os.symlink("../mkdocs.yml", project_copy / "overrides/settings.html")
    output = failing_build(project_copy, tmp_path)
    for link, target in [("docs/guide/passwd.md", "/etc/passwd"), ("data/etc", "/etc"),
                         ("overrides/settings.html", "../mkdocs.yml")]:
        assert output.count(f"{link}: is a symbolic link (to {target})") == 1, output[-3000:]
    assert "Traceback" not in output


# --- Raw HTML ----------------------------------------------------------------------------------

REFUSED_HTML = {
    "<script>alert(1)</script>": "<script> is not allowed",
    '<script src="https://example.org/x.js"></script>': "<script> is not allowed",
    '<iframe src="https://example.org"></iframe>': "<iframe> is not allowed",
    '<object data="x.swf"></object>': "<object> is not allowed",
    '<embed src="x.swf">': "<embed> is not allowed",
    '<form action="https://example.org"><input name="q"></form>': "<form> is not allowed",
    '<meta http-equiv="refresh" content="0; url=https://example.org">': "<meta> is not allowed",
    '<base href="https://example.org/">': "<base> is not allowed",
    '<link rel="stylesheet" href="https://example.org/x.css">': "<link> is not allowed",
    "<style>body { display: none }</style>": "<style> is not allowed",
    '<img src="x.png" alt="x" onerror="alert(1)">': "the event-handler attribute onerror= on <img>",
    '<details ontoggle="alert(1)"><summary>x</summary>y</details>': "the event-handler attribute ontoggle=",
    "[click](javascript:alert(1))": 'href="javascript:alert(1)" on <a>: javascript: links are not allowed',
    '<a href="&#106;avascript:alert(1)">x</a>': 'href="javascript:alert(1)" on <a>',
    "![x](data:image/svg+xml;base64,PHN2Zz4=)": "data: links are not allowed",
    '<a href="vbscript:msgbox(1)">x</a>': "vbscript: links are not allowed",
    "[x](https://example.org){: onclick=\"alert(1)\" }": "the event-handler attribute onclick= on <a>",
    'Hidden **words**{: style="display: none" }': 'style="display: none" on <strong> is not allowed',
    '<span style="font-size:0">hidden</span>': 'style="font-size:0" on <span> is not allowed',
}


@pytest.mark.slow
def test_raw_html_that_could_run_or_mislead_fails_the_build(project_copy, tmp_path):
    lines = {append(project_copy, PAGE, html): message for html, message in REFUSED_HTML.items()}
    output = failing_build(project_copy, tmp_path)
    expect_lines(output, PAGE, lines)


def test_html_policy_sees_every_refused_case_in_html():
    assert html_policy.problems('<svg><a xlink:href="javascript:alert(1)">x</a></svg>')
    assert html_policy.problems('<a href=" java\tscript:alert(1)">x</a>')
    assert html_policy.problems('<img srcset="a.png 1x, data:image/png;base64,AA 2x">')
    assert html_policy.problems('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>')
    for kept in ['<td style="text-align: center;">x</td>', '<li style="--start: 3; --span: 1">',
                 '<a href="../x/#y">', '<a href="mailto:a@example.org">', '<input type="checkbox" disabled>']:
        assert html_policy.problems(kept) == [], kept


ALLOWED_MARKDOWN = f"""\
<details><summary>More</summary>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br>H<sub>2</sub>O, x<sup>2</sup>.</details>

The <abbr title="Machine learning">ML</abbr> stack.
{{: .lead #intro-note }}

| Lane | Source |
| :--- | :---: |
| Builder | {CITE} |

!!! note "Cited"
    {CITE}

- [x] Done [Evaluation](../wiki/evaluation.md) and [mail](mailto:hello@example.org)
"""


@pytest.mark.slow
def test_html_authors_need_and_the_sites_own_markup_build(project_copy, tmp_path):
    append(project_copy, PAGE, ALLOWED_MARKDOWN)
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out/guide/interviews/index.html").read_text(encoding="utf-8")
    for kept in ["<details><summary>More</summary>", "<kbd>Ctrl</kbd>", "<sub>2</sub>", "<sup>2</sup>",
                 '<abbr title="Machine learning">', 'class="lead" id="intro-note"', 'style="text-align: center;"']:
        assert kept in html, kept


# --- Page-side mistakes that used to pass silently ---------------------------------------------

@pytest.mark.slow
def test_silent_page_mistakes_fail_with_page_and_line(project_copy, tmp_path):
    heading = append(project_copy, PAGE, f"## What to build first {CITE}")
    setext = append(project_copy, PAGE, f"Another heading {CITE}\n---------------")
    missing = append(project_copy, PAGE, f"See [the guide]({SITE_URL}guide/interview/).")
    existing = append(project_copy, PAGE, f"See [the guide]({SITE_URL}guide/interviews/#preparation).")
    blank_header = append(project_copy, PAGE, "| | Batch | Online |\n| --- | --- | --- |\n| Latency | hours | ms |")
    path = project_copy / "docs/wiki/mlops.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nrender_macros: false\n", 1),
                    encoding="utf-8")
    path = project_copy / "docs/wiki/evaluation.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nignore_macros: true\n", 1),
                    encoding="utf-8")
    output = failing_build(project_copy, tmp_path)
    lost = 'a citation in a heading is lost from its episode\'s "Cited on" list'
    expect_lines(output, PAGE, {
        heading: lost, setext: lost,
        missing: f"link {SITE_URL}guide/interview/ points at this site, but no page is at '/guide/interview/'; "
                 "did you mean [text](interviews.md)?",
        blank_header: "a table column has an empty header, which screen readers announce as blank",
    })
    assert f"{PAGE}:{existing}:" not in output, "a full URL to a page that exists is not an error"
    expect_lines(output, "docs/wiki/mlops.md", {2: "render_macros: false would publish every {{ cite(...) }}"})
    expect_lines(output, "docs/wiki/evaluation.md", {2: "ignore_macros is not supported; remove it"})


@pytest.mark.slow
def test_code_is_never_run_and_a_pipe_in_a_cited_title_keeps_its_table(project_copy, tmp_path):
    data = project_copy / "data/episodes/from-software-engineer-to-machine-learning.yml"
    episode = yaml.safe_load(data.read_text(encoding="utf-8"))
    chapter = next(c for c in episode["chapters"] if c["title"].startswith("Lesson 1 - Take Action"))
    chapter["title"] = chapter["title"].replace("Lesson 1 - ", "Lesson 1 | ")
    data.write_text(yaml.safe_dump(episode, allow_unicode=True, sort_keys=False), encoding="utf-8")
    append(project_copy, PAGE, "Before the code:\n\n    {{ indented_code() }}\n    {% if x %}\n\n"
                               "<pre>{{ in_pre }}\n{% endraw %}</pre>\n\n"
                               f"| Lane | Source |\n| --- | --- |\n| Builder | {CITE} |\n")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out/guide/interviews/index.html").read_text(encoding="utf-8")
    assert "{{ indented_code() }}\n{% if x %}" in html and "<pre>{{ in_pre }}\n{% endraw %}</pre>" in html
    row = html[html.index("<td>Builder</td>"):]
    row = row[: row.index("</tr>")]
    assert row.count("<td") == 2, f"the citation's '|' split the row:\n{row}"
    assert 'title="Lesson 1 &#124; Take Action' in row


def test_indented_code_is_told_apart_from_indented_content():
    page = ("Text\n\n    {{ code }}\n\n- item\n\n    {{ cite('a') }}\n\n!!! note\n\n    {{ cite('b') }}\n\n"
            "Para\n    {{ cite('c') }}\n")
    protected = protect_code(page)
    assert "{% raw %}    {{ code }}{% endraw %}" in protected
    for kept in ["    {{ cite('a') }}", "    {{ cite('b') }}", "    {{ cite('c') }}"]:
        assert f"{kept}" in protected and f"{{% raw %}}{kept}" not in protected
    assert len(protected.split("\n")) == len(page.split("\n")), "line numbers must not move"
