"""The `advies` command (typer): thin commands over the library, registered in `app.py`.

The top layer: may import every package; nothing imports it. Errors reach the user through
`advies.error_handling`, which a web interface shares.
"""
