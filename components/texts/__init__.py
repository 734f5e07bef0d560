"""Translation tables by subject, merged into ``components.i18n.TEXTS``."""
