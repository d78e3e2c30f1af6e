"""Henan Province: 教基〔2021〕330号."""
