"""Every renderer: plain data (checklist, report, schedule, chain) in, text or bytes out.

A renderer loads no plugin and opens no database."""
