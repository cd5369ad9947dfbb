"""The locks in requirements/ are current with pyproject.toml, and what is installed is what they say.

`make serve` installs requirements/serve.txt; `make test`, CI and deploy
install requirements/test.txt (the same versions plus the test tools). After a
change to pyproject.toml, `make lock` regenerates both; until then these tests
fail. Everything here is offline: the dependency graph comes from the metadata
of the installed packages.
"""

import importlib.metadata
import re
import tomllib

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from .conftest import ROOT

LOCKS = {"serve": ROOT / "requirements" / "serve.txt", "test": ROOT / "requirements" / "test.txt"}
REGENERATE = "run `make lock` after changing pyproject.toml"


def locked(lock_text: str) -> dict[str, Version]:
    """Name -> pinned version of every requirement of a lock that applies to this Python and platform."""
    pins = {}
    for line in lock_text.splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$", line)
        if match:
            name, version, marker = match.groups()
            if marker is None or Requirement(f"{name}; {marker}").marker.evaluate():
                pins[canonicalize_name(name)] = Version(version)
    return pins


def project_requirements(profile: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["dependencies"] + (project["optional-dependencies"]["test"] if profile == "test" else [])
    return [Requirement(text) for text in names]


def applies(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({**default_environment(), "extra": extra}) for extra in extras or {""})


def installed_closure(roots: list[Requirement]) -> set[str]:
    """Every distribution the roots need here, walked through installed metadata (extras included)."""
    seen: dict[str, set[str]] = {}
    todo = [(root, {""}) for root in roots]
    while todo:
        requirement, parent_extras = todo.pop()
        if not applies(requirement, parent_extras):
            continue
        name = canonicalize_name(requirement.name)
        extras = set(requirement.extras) | {""}
        if name in seen and extras <= seen[name]:
            continue
        seen[name] = seen.get(name, set()) | extras
        try:
            needs = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            needs = []  # not installed: reported as missing from the lock, or by the install check
        for text in needs:
            todo.append((Requirement(text), extras))
    return set(seen)


@pytest.fixture(scope="module", params=sorted(LOCKS))
def lock(request):
    return request.param, locked(LOCKS[request.param].read_text(encoding="utf-8"))


def test_every_direct_requirement_is_locked_within_its_range(lock):
    profile, pins = lock
    for requirement in project_requirements(profile):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is in pyproject.toml but not in {LOCKS[profile].name}: {REGENERATE}"
        assert requirement.specifier.contains(pins[name], prereleases=False), (
            f"{LOCKS[profile].name} pins {name}=={pins[name]}, outside {requirement}: {REGENERATE}")


def test_lock_holds_exactly_what_pyproject_needs(lock):
    profile, pins = lock
    needed = installed_closure(project_requirements(profile))
    assert not needed - set(pins), f"needed but not locked: {sorted(needed - set(pins))}: {REGENERATE}"
    assert not set(pins) - needed, f"locked but needed by nothing: {sorted(set(pins) - needed)}: {REGENERATE}"


def test_installed_versions_are_the_locked_ones(lock):
    profile, pins = lock
    wrong = {name: f"{importlib.metadata.version(name)} installed, {version} locked"
             for name, version in pins.items() if Version(importlib.metadata.version(name)) != version}
    assert not wrong, f"reinstall with `make {profile if profile == 'serve' else 'test'}`: {wrong}"


def test_serve_lock_is_the_test_lock_without_the_test_tools():
    serve, test = (locked(LOCKS[p].read_text(encoding="utf-8")) for p in ("serve", "test"))
    assert {name: test.get(name) for name in serve} == serve, "serve.txt and test.txt disagree on a version"
    assert "pytest" not in serve and "playwright" not in serve, "make serve would install the test tools"


def test_no_mkdocs_2_and_no_prerelease_installed():
    """MkDocs 2 drops the plugin API this site is built on; a pre-release is nobody's tested version."""
    assert Version(importlib.metadata.version("mkdocs")).major == 1, "MkDocs 2 is installed; the site needs MkDocs 1"
    names = set(locked(LOCKS["test"].read_text(encoding="utf-8"))) | {"mkdocs"}
    prereleases = {name: importlib.metadata.version(name) for name in sorted(names)
                   if Version(importlib.metadata.version(name)).is_prerelease}
    assert not prereleases, f"pre-releases installed: {prereleases}"


def test_lock_parser_reads_pins_markers_and_hash_lines():
    text = ("# header\nmkdocs==1.6.1 \\\n    --hash=sha256:ab \\\n    # via x\n"
            "colorama==0.4.6 ; sys_platform == 'win32' \\\n    --hash=sha256:cd\n"
            "pymdown-extensions==13.1 ; python_full_version >= '3.0' \\\n")
    assert locked(text) == {"mkdocs": Version("1.6.1"), "pymdown-extensions": Version("13.1")} | (
        {"colorama": Version("0.4.6")} if default_environment()["sys_platform"] == "win32" else {})
