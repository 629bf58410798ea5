"""Batches: many cases at once from JSON Lines or CSV, read, evaluated by worker processes and
written in input order.

May import `advies.engine` and everything below it.
"""
