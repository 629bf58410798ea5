"""The engine: the durable_rules adapter (the only module that imports durable) and its patterns,
the evaluation of a case into an advice, the advice model and its shared parts, and what-if.

May import `advies.knowledge`, `advies.case` and `advies.errors`.
"""
