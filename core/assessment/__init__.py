"""Checking schools against a region's rules: metrics, facts files, waivers, evaluation and the assess pipeline."""
