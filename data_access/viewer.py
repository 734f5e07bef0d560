"""Who is asking: every query takes a Viewer and sees only what that viewer may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from data_access.vocabulary import ROLES


@dataclass(frozen=True)
class Viewer:
    """A role and the funders or projects it covers.

    What each role may see, in detail or in aggregate, is decided in ``data_access.scope``.
    """

    role: str
    funder_ids: frozenset[int] = field(default_factory=frozenset)
    project_ids: frozenset[int] = field(default_factory=frozenset)
    # Who it is, for "entered by" and the navbar; not part of what the viewer may see.
    name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; expected one of {', '.join(ROLES)}")

    @classmethod
    def admin(cls) -> Viewer:
        return cls("admin")

    @classmethod
    def funder(cls, *funder_ids: int) -> Viewer:
        return cls("funder", funder_ids=frozenset(funder_ids))

    @classmethod
    def project(cls, *project_ids: int) -> Viewer:
        return cls("project", project_ids=frozenset(project_ids))

    @classmethod
    def network(cls) -> Viewer:
        return cls("network")
