"""A transaction's view of the database: the repositories bound to one open connection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storage.certificates import Certificates
from storage.cohorts import Cohorts
from storage.coordination import Coordination
from storage.dashboard import DashboardAccess
from storage.db import Conn
from storage.events import Events
from storage.held import HeldTexts
from storage.inbox import Inbox
from storage.learners import Learners
from storage.meta import Meta
from storage.outbox import Outbox
from storage.pending import PendingReplies
from storage.people import CoordinatorInvites
from storage.personal import PersonalData
from storage.progress import Journal, Progress
from storage.tips import Tips


class Tx:
    """The repositories bound to one open transaction, each made when first used: a handler uses two
    or three of them, and opens a transaction or a read several times an update."""

    learners: Learners
    cohorts: Cohorts
    progress: Progress
    outbox: Outbox
    journal: Journal
    inbox: Inbox
    meta: Meta
    coordination: Coordination
    events: Events
    pending: PendingReplies
    dashboard: DashboardAccess
    certificates: Certificates
    personal: PersonalData
    held: HeldTexts
    tips: Tips
    coordinator_invites: CoordinatorInvites

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    def __getattr__(self, name: str) -> Any:
        kind = _REPOSITORIES.get(name)
        if kind is None:
            raise AttributeError(name)
        repository = kind(self.conn)
        setattr(self, name, repository)
        return repository


_REPOSITORIES: dict[str, Callable[[Conn], Any]] = {
    name: globals()[kind] for name, kind in Tx.__annotations__.items()}
