"""Hand-made portfolios for tests: a few rows per table, each with only what a case needs."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy import Engine, insert

from data_access import rollups
from data_access.models import (
    ChangeLogicElement,
    ChangeLogicLink,
    EvidenceSource,
    Funder,
    Grant,
    Indicator,
    Measurement,
    Organisation,
    Project,
)

TODAY = dt.date(2026, 6, 30)


class Portfolio:
    """Inserts rows straight into the tables and hands back their ids."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._ids = itertools.count(1)
        self._organisation: int | None = None

    def _insert(self, model, **values) -> int:
        values.setdefault("id", next(self._ids))
        with self.engine.begin() as conn:
            conn.execute(insert(model), [values])
            if model is Measurement:
                # Writers keep the derived data current, as the importers do.
                rollups.refresh(conn)
        return values["id"]

    def funder(self, name: str, *, kind: str = "family", named: bool = True) -> int:
        return self._insert(Funder, name=name, kind=kind, named_to_network=named)

    def project(
        self,
        name: str,
        *,
        theme: str = "people",
        sub_theme: str = "education",
        region: str = "antwerpen",
        start: dt.date = dt.date(2024, 1, 1),
        end: dt.date | None = dt.date(2028, 1, 1),
        visibility: str = "network",
    ) -> int:
        if self._organisation is None:
            self._organisation = self._insert(Organisation, name="vzw Testhuis")
        return self._insert(
            Project,
            organisation_id=self._organisation,
            name=name,
            summary="",
            theme=theme,
            sub_theme=sub_theme,
            region=region,
            start_date=start,
            end_date=end,
            status="running",
            visibility=visibility,
            lead="",
        )

    def grant(
        self, funder_id: int, project_id: int, amount: float, *, awarded: dt.date | None = None
    ) -> int:
        return self._insert(
            Grant,
            funder_id=funder_id,
            project_id=project_id,
            amount=Decimal(str(amount)),
            currency="EUR",
            amount_eur=Decimal(str(amount)),
            awarded_on=awarded or dt.date(2024, 1, 1),
        )

    def indicator(
        self,
        project_id: int,
        *,
        baseline: float | None = 0.0,
        target: float | None = 100.0,
        direction: str = "increase",
        unit: str = "persons",
        kind: str = "number",
        accumulation: str = "cumulative",
        summable: bool = True,
        baseline_date: dt.date = dt.date(2024, 1, 1),
        target_date: dt.date = dt.date(2028, 1, 1),
        stage: str = "outcome",
        element: int | None = None,
    ) -> int:
        """An indicator on ``element``, or on a new element of ``stage`` made for it."""
        if element is None:
            element = self.element(project_id, stage)
        return self._insert(
            Indicator,
            element_id=element,
            project_id=project_id,
            name="Indicator",
            unit=unit,
            direction=direction,
            measure_kind=kind,
            accumulation=accumulation,
            summable=summable,
            baseline_value=baseline,
            baseline_date=baseline_date,
            target_value=target,
            target_date=target_date,
        )

    def element(
        self,
        project_id: int,
        stage: str = "outcome",
        statement: str = "Deelnemers vinden werk",
        position: int = 0,
    ) -> int:
        """A change-logic step; its evidence basis follows from the sources given to it."""
        element = self._insert(
            ChangeLogicElement,
            project_id=project_id,
            stage=stage,
            statement=statement,
            evidence="assumption",
            position=position,
        )
        return element

    def link(self, from_element: int, to_element: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(ChangeLogicLink),
                [{"from_element_id": from_element, "to_element_id": to_element}],
            )

    def source(
        self,
        project_id: int,
        kind: str = "research",
        *,
        element: int | None = None,
        link: tuple[int, int] | None = None,
        citation: str = "Steunpunt Werk (2023). Doorstroom naar werk.",
        url: str | None = None,
        year: int | None = 2023,
    ) -> int:
        """An evidence source on an element or a link; the bases are refreshed, as writers do."""
        values = dict(
            id=next(self._ids),
            project_id=project_id,
            element_id=element,
            from_element_id=link[0] if link else None,
            to_element_id=link[1] if link else None,
            kind=kind,
            citation=citation,
            url=url,
            year=year,
        )
        with self.engine.begin() as conn:
            conn.execute(insert(EvidenceSource), [values])
            rollups.refresh(conn, [project_id])
        return values["id"]

    def measure(
        self,
        indicator_id: int,
        period_end: dt.date,
        value: float | None = None,
        *,
        numerator: float | None = None,
        denominator: float | None = None,
        text: str | None = None,
    ) -> int:
        if numerator is not None and denominator:
            value = 100.0 * numerator / denominator
        return self._insert(
            Measurement,
            indicator_id=indicator_id,
            period_end=period_end,
            value=value,
            numerator=numerator,
            denominator=denominator,
            text=text,
            source="test",
            entered_by="test",
        )


def three_projects(engine: Engine, this_year: int) -> None:
    """Three running projects in three themes, two funders ("Fonds Noord" with two of them),
    each with one indicator measured at 150 of 400 at the end of last year."""
    portfolio = Portfolio(engine)
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Fonds Zuid")
    start, end = dt.date(this_year - 2, 1, 1), dt.date(this_year + 2, 1, 1)
    for name, theme, sub_theme, funder, amount in [
        ("Buurtkeuken", "people", "health", north, 120_000),
        ("Repair Café", "environment", "circular", south, 80_000),
        ("Taalcafé", "society", "inclusion", north, 45_500),
    ]:
        project = portfolio.project(name, theme=theme, sub_theme=sub_theme, start=start, end=end)
        portfolio.grant(funder, project, amount, awarded=start)
        indicator = portfolio.indicator(
            project, baseline=0, target=400, baseline_date=start, target_date=end
        )
        portfolio.measure(indicator, dt.date(this_year - 1, 12, 31), 150)
