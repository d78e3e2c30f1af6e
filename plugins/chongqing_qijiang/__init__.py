"""Qijiang District, Chongqing: reply to CPPCC proposal No. 049 (2023-06-26)."""
