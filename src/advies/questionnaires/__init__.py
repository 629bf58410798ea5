"""The questionnaires: their model (loaded from questionnaires/), the flow that decides what to
ask next, the questionary adapter (the only module that calls questionary), the intake and the
manager's self-check.

May import `advies.report` (its terminal text) and everything below it.
"""
