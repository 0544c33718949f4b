"""The workflow domain: lifecycle state machine, SLA clocks and escalation ladder, acknowledgement links,
who may see what. Pure code: no AWS, no clock of its own, testable without moto."""
