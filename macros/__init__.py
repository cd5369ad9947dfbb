"""The site's macros: registered here, implemented in plain modules beside this one.

mkdocs-macros imports this package (`module_name: macros` in mkdocs.yml) and
calls define_env; each macro adds only what MkDocs knows (the current page)
to a pure function from citations.py, matrix.py, roadmaps.py or listings.py.

The macros are all a page can use: hooks.py replaces the plugin's Jinja with
PageEnvironment (jinja_policy.py), which sees SITE_MACROS and nothing else.
A macro that fails reports a problem for its page and line and returns
nothing, so the build goes on and reports every bad call at once.
"""

import functools
import traceback

from .codeprotect import protect_code

SITE_MACROS: dict = {}    # name -> macro: the only names a page's Jinja can use
SITE_FILTERS: dict = {}   # name -> filter: none yet


def define_env(env):
    from . import build
    from .citations import citation_html, resolve_citation
    from .errors import MacroUsageError, SiteError
    from .jinja_policy import calling_template_line
    from .listings import episode_list_html, guest_list_html, topic_list_html
    from .matrix import role_matrix_html
    from .roadmaps import roadmap_html
    from .sources import PageSource
    from .urls import Linker

    SITE_MACROS.clear()

    def context():
        state = build.current()
        return state, Linker(env.page.url, state.use_directory_urls)

    def site_macro(function):
        """Register a macro that reports its failure (page and line) instead of stopping the build."""
        @functools.wraps(function)
        def reported(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except SiteError as error:
                message = str(error)
            except TypeError as error:  # called with the wrong arguments
                message = str(error).replace(function.__qualname__, function.__name__)
            except Exception as error:  # a bug in macros/: say where, without a traceback
                origin = traceback.extract_tb(error.__traceback__)[-1]
                message = (f"{function.__name__}() failed: {type(error).__name__}: {error} "
                           f"({origin.filename}:{origin.lineno})")
            line = calling_template_line()
            source = PageSource.of(env.page)
            build.current().report(source.path, source.body_line(line) if line else None, message)
            return ""

        SITE_MACROS[function.__name__] = reported
        return env.macro(reported)

    @site_macro
    def cite(episode, *times):
        """Cite an episode at one or more chapter starts: cite("slug", "17:25", "39:06-51:21")."""
        state, linker = context()
        spans = resolve_citation(state.data.episodes_by_slug, episode, times)
        return citation_html(spans, linker, state.data.guests_by_id)

    @site_macro
    def role_matrix():
        """The skills x role-lanes table from data/roles.yml."""
        state, linker = context()
        return role_matrix_html(state.data.roles, linker, lambda ref: cite(ref.episode, ref.at))

    @site_macro
    def roadmap(roadmap_id):
        """A roadmap from data/roadmaps.yml: roadmap("six-month")."""
        state, _ = context()
        found = state.data.roadmap(roadmap_id)
        if found is None:
            known = ", ".join(r.id for r in state.data.roadmaps)
            raise MacroUsageError(f"unknown roadmap '{roadmap_id}'; roadmaps in data/roadmaps.yml: {known}")
        return roadmap_html(found, lambda ref: cite(ref.episode, ref.at))

    @site_macro
    def episode_list():
        """All episodes in season and episode order."""
        state, linker = context()
        return episode_list_html(state.data, linker)

    @site_macro
    def guest_list():
        """All guests from A to Z."""
        state, linker = context()
        return guest_list_html(state.data, linker)

    @site_macro
    def topic_list():
        """Every topic of the episodes from A to Z, with counts of episodes and guide pages."""
        state, linker = context()
        return topic_list_html(state.data, linker, state.pages_by_tag)


def use_page_environment(plugin) -> None:
    """Render every page of the macros plugin with PageEnvironment (called by hooks.on_pre_build)."""
    from . import build
    from .jinja_policy import PageEnvironment
    from .sources import PageSource

    def report(template_source, line, message):
        page = PageSource.of(plugin.page)
        build.current().report(page.path, page.template_line(template_source, line, plugin.markdown), message)

    # The plugin offers no setter: its environment lives in `_env` (mkdocs-macros 1.x).
    if not hasattr(plugin, "_env"):
        raise RuntimeError("mkdocs-macros changed: it no longer keeps its Jinja environment in `_env`; "
                           "update macros.use_page_environment")
    plugin._env = PageEnvironment(SITE_MACROS, SITE_FILTERS, report, plugin.env.undefined)


def on_pre_page_macros(env):
    """Code is shown as written, never run as macros; a written page cannot switch the macros off."""
    from . import build
    from .page_checks import front_matter_problems
    from .sources import PageSource

    if not env.page.file.generated_by:  # generated pages are rendered by the hook, not by Jinja
        for key, message in front_matter_problems(env.page.meta):
            source = PageSource.of(env.page)
            build.current().report(source.path, source.front_matter_line(key), message)
            env.page.meta.pop("ignore_macros", None)  # the plugin would stop the build with a traceback
    env.markdown = protect_code(env.markdown)
