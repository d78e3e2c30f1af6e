"""Qu County, Dazhou, Sichuan: 渠府办〔2022〕129号."""
