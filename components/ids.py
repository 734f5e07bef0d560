"""Every component id in one place, so a typo fails at import instead of silently."""

# shell
URL = "url"
NAVBAR_LINKS = "navbar-links"
LANGUAGE_LINKS = "language-links"
QUERY_STORE = "query-store"
URL_SYNC = "url-sync"
SKIP_LINK = "skip-link"

# filter bar
LANG_STORE = "lang-store"
FILTER_FUNDER = "filter-funder"
FILTER_THEME = "filter-theme"
FILTER_SUB_THEME = "filter-sub-theme"
FILTER_REGION = "filter-region"
FILTER_YEAR_FROM = "filter-year-from"
FILTER_YEAR_TO = "filter-year-to"
FILTER_RESET = "filter-reset"
FILTER_NOTICE = "filter-notice"

# portfolio
PORTFOLIO_SUBTITLE = "portfolio-subtitle"
PORTFOLIO_ERROR = "portfolio-error"
KPI_PROJECTS = "kpi-projects"
KPI_MONEY = "kpi-money"
KPI_PEOPLE = "kpi-people"
KPI_PROGRESS = "kpi-progress"
KPI_STATUS = "kpi-status"
GRAPH_THEMES = "graph-themes"
GRAPH_STATUS = "graph-status"
GRAPH_TIMELINE = "graph-timeline"
UNIT_TABLE = "unit-table"
