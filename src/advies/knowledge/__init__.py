"""The knowledge base: loading rules/ into models, the rule conditions, where the shipped data lives
and the cache of the checked result.

May import `advies.case` (reading YAML, atomic writing) and `advies.errors`; nothing above.
"""
