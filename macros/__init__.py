"""The site's macros: registered here, implemented in plain modules beside this one.

mkdocs-macros imports this package (`module_name: macros` in mkdocs.yml) and
calls define_env; each macro adds only what MkDocs knows (the current page)
to a pure function from citations.py, matrix.py, roadmaps.py or listings.py.
"""

from .codeprotect import protect_code


def define_env(env):
    from . import build
    from .citations import citation_html, resolve_citation
    from .errors import MacroUsageError, SiteError
    from .listings import episode_list_html, guest_list_html, topic_list_html
    from .matrix import role_matrix_html
    from .roadmaps import roadmap_html
    from .urls import Linker

    def context():
        state = build.current()
        return state, Linker(env.page.url, state.use_directory_urls)

    def where():
        return f"docs/{env.page.file.src_uri}"

    def fail(error):
        raise type(error)(f"{where()}: {error}") from None

    @env.macro
    def cite(episode, *times):
        """Cite an episode at one or more chapter starts: cite("slug", "17:25", "39:06-51:21")."""
        state, linker = context()
        try:
            spans = resolve_citation(state.data.episodes_by_slug, episode, times)
        except SiteError as error:
            fail(error)
        return citation_html(spans, linker, state.data.guests_by_id)

    @env.macro
    def role_matrix():
        """The skills x role-lanes table from data/roles.yml."""
        state, linker = context()
        return role_matrix_html(state.data.roles, linker, lambda ref: cite(ref.episode, ref.at))

    @env.macro
    def roadmap(roadmap_id):
        """A roadmap from data/roadmaps.yml: roadmap("six-month")."""
        state, _ = context()
        found = state.data.roadmap(roadmap_id)
        if found is None:
            known = ", ".join(r.id for r in state.data.roadmaps)
            fail(MacroUsageError(f"unknown roadmap '{roadmap_id}'; roadmaps in data/roadmaps.yml: {known}"))
        return roadmap_html(found, lambda ref: cite(ref.episode, ref.at))

    @env.macro
    def episode_list():
        """All episodes in season and episode order."""
        state, linker = context()
        return episode_list_html(state.data, linker)

    @env.macro
    def guest_list():
        """All guests from A to Z."""
        state, linker = context()
        return guest_list_html(state.data, linker)

    @env.macro
    def topic_list():
        """Every topic of the episodes from A to Z, with counts of episodes and guide pages."""
        state, linker = context()
        return topic_list_html(state.data, linker, state.pages_by_tag)


def on_pre_page_macros(env):
    """Code blocks and inline code are shown as written, never run as macros."""
    env.markdown = protect_code(env.markdown)
