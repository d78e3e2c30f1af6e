"""Nanchang, Jiangxi: 洪教健字〔2019〕1号 and its two annexes."""
