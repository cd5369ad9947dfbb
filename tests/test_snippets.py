"""Every code block on the site runs, so none of them rots.

- python: a page's blocks run in order in one fresh interpreter (a later block
  may use what an earlier one defined), on the CPU, in a scratch directory;
  then every `test_*` function the page defines is called, so the tests the
  guide shows really pass. Validation code must raise, not `assert`: asserts
  vanish under `python -O`, so they are allowed only inside `test_*` functions.
- json, yaml: parsed. make: every target dry-run with `make -n`.
- sh: shown, not run, but every `make TARGET` in it must be a target of the
  Makefile (dry-run with `make -n`).
- text, markdown: shown, not run (file trees, copyable templates).
A block in any other language, or with none, fails: add a runner here first.
"""

import ast
import json
import os
import subprocess
import sys
import textwrap
from collections import defaultdict

import pytest
import yaml

from .code_blocks import CodeBlock, code_blocks, site_code_blocks
from .conftest import ROOT

DISPLAY_ONLY = {"text", "markdown"}
RUNNABLE = {"python", "json", "yaml", "make", "sh"}
BLOCKS = site_code_blocks(ROOT)

# Runs in the child interpreter: each block compiled under its own docs/page:line
# name, so a traceback points at the page, then the page's test_* functions.
CHILD = textwrap.dedent("""
    import json, sys
    namespace = {"__name__": "__snippet__"}
    for where, code in json.load(sys.stdin):
        exec(compile(code, where, "exec"), namespace)
    for name, value in list(namespace.items()):
        if name.startswith("test_") and callable(value):
            value()
            print("passed", name)
""")


def run_python(blocks: list[CodeBlock], scratch) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg",
           "CUDA_VISIBLE_DEVICES": "", "PYTHONDONTWRITEBYTECODE": "1"}
    payload = json.dumps([(block.where, block.code) for block in blocks])
    return subprocess.run([sys.executable, "-c", CHILD], input=payload, cwd=scratch, env=env,
                          capture_output=True, text=True, timeout=180)


def asserts_outside_tests(block: CodeBlock) -> list[int]:
    """Lines of `assert` statements that are not inside a test_* function."""
    tree = ast.parse(block.code, filename=block.where)
    allowed = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
            allowed.update(id(inner) for inner in ast.walk(node))
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Assert) and id(node) not in allowed]


def python_pages() -> dict[str, list[CodeBlock]]:
    pages = defaultdict(list)
    for block in BLOCKS:
        if block.language == "python":
            pages[block.page].append(block)
    return dict(pages)


def test_the_site_has_code_blocks_to_run():
    # Guards the collector: a parser that finds nothing would pass every test below.
    assert len(python_pages()) >= 5, python_pages().keys()


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.where)
def test_every_block_names_a_language_with_a_runner(block):
    assert block.language in RUNNABLE | DISPLAY_ONLY, (
        f"{block.where}: a ```{block.language or '(no language)'} block; the snippet test can run "
        f"{sorted(RUNNABLE)} and shows {sorted(DISPLAY_ONLY)} as they are: name one of these")


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.where)
def test_a_blank_line_follows_every_block(block):
    assert not block.text_follows, (f"{block.where}: put a blank line after this block's closing fence; "
                                    "without it the block is wrapped in a paragraph (invalid HTML)")


@pytest.mark.parametrize("page", sorted(python_pages()))
def test_python_blocks_of_a_page_run(page, tmp_path):
    blocks = python_pages()[page]
    result = run_python(blocks, tmp_path)
    assert result.returncode == 0, f"{page}: a code block failed\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.language == "python"], ids=lambda b: b.where)
def test_python_blocks_check_with_raise_not_assert(block):
    lines = asserts_outside_tests(block)
    assert not lines, (f"{block.where}: `assert` at block line(s) {lines} vanishes under python -O; "
                       "raise an exception for checks that must hold in production (asserts belong in test_* functions)")


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.language in {"json", "yaml"}], ids=lambda b: b.where)
def test_data_blocks_parse(block):
    try:
        # A YAML block may be a page's front matter, fenced by `---` lines: one document.
        values = ([json.loads(block.code)] if block.language == "json"
                  else [d for d in yaml.safe_load_all(block.code) if d is not None])
    except (ValueError, yaml.YAMLError) as error:
        pytest.fail(f"{block.where}: the {block.language} block does not parse: {error}")
    assert len(values) == 1 and isinstance(values[0], (dict, list)), (
        f"{block.where}: expected one mapping or list")


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.language == "make"], ids=lambda b: b.where)
def test_make_blocks_dry_run_every_target(block, tmp_path):
    makefile = tmp_path / "Makefile"
    makefile.write_text(block.code, encoding="utf-8")
    targets = [line.split(":", 1)[0] for line in block.code.splitlines()
               if line and not line[0].isspace() and ":" in line and "=" not in line.split(":", 1)[0]]
    assert targets, f"{block.where}: no target found"
    for target in targets:
        result = subprocess.run(["make", "-n", "-f", str(makefile), target, "SINCE=2024-01-01"],
                                cwd=tmp_path, capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, f"{block.where}: `make -n {target}` fails:\n{result.stderr}"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.language == "sh"], ids=lambda b: b.where)
def test_make_commands_in_shell_blocks_are_real_targets(block):
    commands = [line.split("#", 1)[0].split() for line in block.code.splitlines()]
    for words in (c for c in commands if c and c[0] == "make"):
        targets = [w for w in words[1:] if not w.startswith("-") and "=" not in w] or [""]
        variables = [w for w in words[1:] if "=" in w]
        for target in targets:
            result = subprocess.run(["make", "-n", "-C", str(ROOT), *([target] if target else []), *variables],
                                    capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, f"{block.where}: `make {target}` is not a working target:\n{result.stderr}"


# The harness itself: it must find blocks where superfences does and fail on a broken one.

def test_collector_finds_indented_fences_and_their_language():
    text = "Intro\n\n!!! tip\n    ```python title=\"x.py\"\n    x = 1\n    ```\n\n~~~~yaml\na: 1\n~~~~\n"
    found = code_blocks(text, "docs/p.md")
    assert [(b.line, b.language, b.code) for b in found] == [(4, "python", "x = 1\n"), (8, "yaml", "a: 1\n")]


def test_collector_rejects_an_unclosed_fence():
    with pytest.raises(ValueError, match=r"docs/p.md:1: a code fence is opened and never closed"):
        code_blocks("```python\nx = 1\n", "docs/p.md")


def test_runner_reports_the_failing_block_and_runs_shown_tests(tmp_path):
    good = CodeBlock("docs/p.md", 3, "python", "def test_ok():\n    assert 1 + 1 == 2\n")
    bad = CodeBlock("docs/p.md", 9, "python", "def test_wrong():\n    assert 1 + 1 == 3\n")
    assert run_python([good], tmp_path).returncode == 0
    failed = run_python([good, bad], tmp_path)
    assert failed.returncode != 0 and 'docs/p.md:9' in failed.stderr


def test_assert_outside_a_test_function_is_flagged():
    block = CodeBlock("docs/p.md", 1, "python", "def check(x):\n    assert x\n\ndef test_x():\n    assert True\n")
    assert asserts_outside_tests(block) == [2]
