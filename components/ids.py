"""Every component id in one place, so a typo fails at import instead of silently."""

# shell
URL = "url"
NAVBAR_LINKS = "navbar-links"
NAVBAR_TOGGLER = "navbar-toggler"
NAVBAR_COLLAPSE = "navbar-collapse"
LANGUAGE_LINKS = "language-links"
QUERY_STORE = "query-store"
URL_SYNC = "url-sync"
SKIP_LINK = "skip-link"
PAGE_CONTENT = "page-content"
ACCOUNT_MENU = "account-menu"
TITLE_STORE = "title-store"
TITLE_SYNC = "title-sync"

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

# adding data on the project page
MY_INDICATOR = "my-indicator"
MY_INDICATOR_HINT = "my-indicator-hint"
MY_PERIOD_END = "my-period-end"
MY_NUMBER_FIELDS = "my-number-fields"
MY_VALUE = "my-value"
MY_SHARE_FIELDS = "my-share-fields"
MY_NUMERATOR = "my-numerator"
MY_DENOMINATOR = "my-denominator"
MY_TEXT_FIELDS = "my-text-fields"
MY_TEXT = "my-text"
MY_SOURCE = "my-source"
MY_SAVE = "my-save"
MY_FEEDBACK = "my-feedback"
MY_STORY_PERIOD_END = "my-story-period-end"
MY_STORY_TITLE = "my-story-title"
MY_STORY_TEXT = "my-story-text"
MY_STORY_SAVE = "my-story-save"
MY_STORY_FEEDBACK = "my-story-feedback"
MY_SAVED = "my-saved"
MY_MEASUREMENTS = "my-measurements"
MY_STORIES = "my-stories"

# projects (tiles)
PROJECTS_SUBTITLE = "projects-subtitle"
PROJECTS_SEARCH = "projects-search"
PROJECTS_SORT = "projects-sort"
PROJECTS_COUNT = "projects-count"
PROJECTS_GRID = "projects-grid"
PROJECTS_PAGER = "projects-pager"
PROJECTS_ERROR = "projects-error"

# project page
PROJECT_ID = "project-id"
PROJECT_HEADER = "project-header"
PROJECT_ERROR = "project-error"
PROJECT_CHARTS = "project-charts"
PROJECT_TABLE = "project-table"
PROJECT_STORIES = "project-stories"
PROJECT_CHANGE_LOGIC = "project-change-logic"
PROJECT_ENTRY = "project-entry"
PROJECT_BODY = "project-body"

# change-logic page
CL_SUBTITLE = "cl-subtitle"
CL_ERROR = "cl-error"
CL_REQUESTED = "cl-requested"
CL_GRAPH_STAGES = "cl-graph-stages"
CL_GRAPH_STATUS = "cl-graph-status"
CL_GRAPH_EVIDENCE = "cl-graph-evidence"
CL_WEAK_LINKS = "cl-weak-links"
CL_PROJECT = "cl-project"
CL_PROJECT_LOGIC = "cl-project-logic"
CL_URL_KEEP = "cl-url-keep"

# change-logic diagram (components.change_logic_diagram): one per id prefix and project.
# Pattern-matching ids, so the diagram may be drawn by any callback on any page.
DIAGRAM_GRAPH = "cl-diagram-graph"
DIAGRAM_STEP = "cl-diagram-step"
DIAGRAM_DETAILS = "cl-diagram-details"


def diagram_part(part: str, prefix: str, project_id) -> dict:
    """The id of one part of a change-logic diagram (``DIAGRAM_GRAPH``, ``DIAGRAM_STEP`` or
    ``DIAGRAM_DETAILS``) for ``prefix`` and a project id (or a MATCH wildcard)."""
    return {"kind": part, "prefix": prefix, "project": project_id}


# funders side by side
FUNDERS_PICK = "funders-pick"
FUNDERS_ALL = "funders-all"  # show every funder, not the default few
FUNDERS_SUBTITLE = "funders-subtitle"
FUNDERS_ERROR = "funders-error"
FUNDERS_MONEY = "funders-money"
FUNDERS_THEMES = "funders-themes"
FUNDERS_STATUS = "funders-status"
FUNDERS_STAGES = "funders-stages"
FUNDERS_EVIDENCE = "funders-evidence"
FUNDERS_TREND = "funders-trend"
FUNDERS_OUTCOMES = "funders-outcomes"
FUNDERS_PAIRS = "funders-pairs"
FUNDERS_PAIR = "funders-pair"
FUNDERS_PAIR_STORE = "funders-pair-store"
FUNDERS_SINCE_DATE = "funders-since-date"
FUNDERS_SINCE = "funders-since"

# network and its presentation mode
NETWORK_SUBTITLE = "network-subtitle"
NETWORK_ERROR = "network-error"
NETWORK_HEADLINE = "network-headline"
NETWORK_THEMES = "network-themes"
NETWORK_STAGES = "network-stages"
NETWORK_TIMELINE = "network-timeline"
NETWORK_FUNDERS = "network-funders"
NETWORK_STORIES = "network-stories"
NETWORK_SINCE_DATE = "network-since-date"
NETWORK_SINCE = "network-since"
NETWORK_PRESENT_LINK = "network-present-link"
PRESENT_QUERY = "present-query"
PRESENT_DECK = "present-deck"
PRESENT_KEY = "present-key"
PRESENT_INDEX = "present-index"
PRESENT_TIMER = "present-timer"
PRESENT_COUNTER = "present-counter"
PRESENT_FULLSCREEN = "present-fullscreen"
PRESENT_EXIT = "present-exit"
PRESENT_SYNC = "present-sync"

# since the last meeting, on the Portfolio
# A pattern-matching id: callbacks find it with ALL, so pages without it raise nothing.
PORTFOLIO_SINCE_DATE = {"type": "since-date", "page": "portfolio"}
PORTFOLIO_SINCE = "portfolio-since"
# the board pack (a PDF of the Portfolio)
PACK_BUTTON = "pack-button"
PACK_DOWNLOAD = "pack-download"
PACK_MESSAGE = "pack-message"

# data page (imports)
DATA_TEMPLATE_BUTTON = "data-template-button"
DATA_TEMPLATE_DOWNLOAD = "data-template-download"
DATA_UPLOAD = "data-upload"
DATA_INTRO = "data-intro"
DATA_FILE_NAME = "data-file-name"
DATA_CHECK = "data-check"
DATA_IMPORT = "data-import"
DATA_REPORT = "data-report"
DATA_DONE = "data-done"
DATA_HISTORY = "data-history"
