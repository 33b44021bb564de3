"""Read models: what a screen or a command shows, built from the store as typed dataclasses (the
caseload, the review queue and team timeliness, the sync status). They read; they never change."""
