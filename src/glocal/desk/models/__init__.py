from glocal.desk.models.answers import CannedAnswer, CannedAnswerText, ReviewStatus
from glocal.desk.models.case import Case, Message, ReferralAgency, Resident, Topic
from glocal.desk.models.interpreters import Appointment, Interpreter
from glocal.desk.models.people import DeskMember, FormSubmission, SupportGrant

__all__ = [
    "Appointment",
    "CannedAnswer",
    "CannedAnswerText",
    "Case",
    "DeskMember",
    "FormSubmission",
    "Interpreter",
    "Message",
    "ReferralAgency",
    "Resident",
    "ReviewStatus",
    "SupportGrant",
    "Topic",
]
