"""Plain data built from a region's effective rules: the checklist, schedule, escalation chain, comparison and coverage."""
