"""What the notices app tells others: delivery listens to send e-mails."""

from django.dispatch import Signal

# Sent with `notice` and `kind` ("alert" for the first publication, "update" for a later
# version, "cancel") after the change is saved, inside its transaction.
notice_released = Signal()
