"""The coach's cases over time: the record of each advice given (and whether today's rules would
decide otherwise), and the overview of the case folder with each case's stage.

May import `advies.questionnaires` (a case's stage follows its intake) and everything below it.
"""
