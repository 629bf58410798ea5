"""The written advice and every other rendering: one document model built from the case and the
advice, its four renderers (Markdown, HTML, Word, PDF), the terminal text and the rule listing.

May import `advies.engine` and everything below it. `render.render_report` is the entry point;
this package imports nothing itself, so a command that renders only text never loads the rest.
"""
