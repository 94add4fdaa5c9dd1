"""The repositories bound to one open transaction: what every unit of work is given."""

from __future__ import annotations

from storage.certificates import Certificates
from storage.cohorts import Cohorts
from storage.coordination import Coordination
from storage.dashboard import DashboardAccess
from storage.db import Conn
from storage.events import Events
from storage.exports import CohortExport
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
    """The repositories bound to one open transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.learners = Learners(conn)
        self.cohorts = Cohorts(conn)
        self.progress = Progress(conn)
        self.outbox = Outbox(conn)
        self.journal = Journal(conn)
        self.inbox = Inbox(conn)
        self.meta = Meta(conn)
        self.coordination = Coordination(conn)
        self.events = Events(conn)
        self.pending = PendingReplies(conn)
        self.dashboard = DashboardAccess(conn)
        self.certificates = Certificates(conn)
        self.personal = PersonalData(conn)
        self.export = CohortExport(conn)
        self.held = HeldTexts(conn)
        self.tips = Tips(conn)
        self.coordinator_invites = CoordinatorInvites(conn)
