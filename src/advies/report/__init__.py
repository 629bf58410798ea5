"""The written go/no-go advice (`advies rapport`): one document model, four formats."""

from .render import FORMATEN, render_report

__all__ = ["FORMATEN", "render_report"]
