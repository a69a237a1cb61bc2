"""The programme's progress as views: the figures (`derive.progress`), the charts
drawn from them, and the overdue, due-soon and review-due lists in pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from c2c_registry import derive
from c2c_registry.derive import Progress
from c2c_registry.model import Registry
from c2c_registry.urls import PROGRESS_LISTS, Urls

from .charts import bar_chart, stacked_bar_chart
from .paging import Page
from .register import paged


@dataclass
class ProgressViews:
    """What /progress/ and its lists show, and the home page's figures."""

    figures: Progress
    charts: dict[str, Markup]  # by_status, by_stage, upstream
    lists: dict[str, list[Page]]  # "overdue", "due-soon", "review-due" -> their pages, page 1 first


def progress_views(registry: Registry, today: date, due_soon_days: int, urls: Urls, size: int) -> ProgressViews:
    figures = derive.progress(registry, today, due_soon_days)
    items: dict[str, list[Any]] = {"overdue": figures.overdue, "due-soon": figures.due_soon,
                                  "review-due": figures.review_due}
    assert set(items) == set(PROGRESS_LISTS)
    return ProgressViews(figures, progress_charts(registry, figures),
                         {name: paged(items[name], urls.progress_list(name), size, urls) for name in PROGRESS_LISTS})


def progress_charts(registry: Registry, figures: Progress) -> dict[str, Markup]:
    stages = registry.vocab["stages"]
    return {
        "by_status": bar_chart(
            "Actions by status", [(s.replace("-", " ").capitalize(), n) for s, n in figures.by_status.items()],
            keys=list(figures.by_status),
        ),
        "by_stage": stacked_bar_chart(
            "Actions by stage and status",
            [(stages[st].name, counts) for st, counts in figures.by_stage.items()],
        ),
        "upstream": stacked_bar_chart(
            "Prevention, crisis and after crisis",
            [(kind.capitalize(), counts) for kind, counts in figures.upstream.items()],
        ),
    }
