"""Dadukou District, Chongqing: 渡教发〔2020〕86号."""
