"""The case: its model and validation, reading it from YAML with the line of every fact, writing it
back atomically, and the Dutch explanations of broken YAML and JSON.

The bottom layer: imports only `advies.errors`. What checking a case needs of the knowledge base
(the fact catalogue) it names as a protocol in `model.py`, so the knowledge base can sit above it.
"""
