"""Plain dataclasses and rules of a visit record. No storage, no Qt: usable anywhere."""

from wvisit.domain.addendum import Addendum
from wvisit.domain.attachment import Attachment, AttachmentKind
from wvisit.domain.child import (
    Category,
    Child,
    ChronologyEvent,
    KeyPerson,
    LegalStatus,
    PlanCategory,
    PlanItem,
    Strike,
)
from wvisit.domain.oversight import Outcome, Oversight
from wvisit.domain.records import from_record, to_record
from wvisit.domain.sitting import Sitting
from wvisit.domain.visit import Location, Visit, VisitStatus, VisitType, missing_for_finalise
from wvisit.domain.voice import Expressed, VoiceEntry

__all__ = [
    "Addendum",
    "Attachment",
    "AttachmentKind",
    "Category",
    "Child",
    "ChronologyEvent",
    "Expressed",
    "KeyPerson",
    "LegalStatus",
    "Location",
    "Outcome",
    "Oversight",
    "PlanCategory",
    "PlanItem",
    "Sitting",
    "Strike",
    "Visit",
    "VisitStatus",
    "VisitType",
    "VoiceEntry",
    "from_record",
    "missing_for_finalise",
    "to_record",
]
