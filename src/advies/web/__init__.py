"""`advies web`: the same product in the browser, on this computer only.

A second thin face beside `advies.cli` (neither imports the other): pages and an HTTP API over the
same library functions the commands call. Starlette serves it, uvicorn runs it on 127.0.0.1, the
templates are Jinja2 and htmx (shipped in static/, never fetched) only enhances forms that work
without JavaScript. Errors reach the user through `advies.error_handling`, as at the command line.

Modules: `command` (the `advies web` command, registered as an entry point), `server` (start and
stop), `app` (the routes), `access` (token, cookie, Host, Origin, CSRF and the security headers),
`rendering` (templates and error pages), and one module per part of the product.
"""
