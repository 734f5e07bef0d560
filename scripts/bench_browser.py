"""Page loads in headless Chromium (Debian's chromium and chromedriver, through selenium):
seconds from navigation until the last callback of the page has answered, cold (the app's
cache emptied first) and warm (the same address again)."""

from __future__ import annotations

import shutil
import time

from dashboard.pages import NOT_FOUND, PAGES
from data_access import accounts
from data_access.demo import DEMO_ACCOUNTS

QUIET_SECONDS = 0.4  # no callback in flight, none started, for this long: settled
TIMEOUT_SECONDS = 60
# The goals (seconds): cold is the app's cache emptied; warm is the same address again.
GOAL_COLD_S = 1.5
GOAL_WARM_S = 1.0

# Counts Dash's callback requests as they go out and come back (installed before any page
# script runs); performance.now() is milliseconds since the navigation started.
COUNT_CALLBACKS = """
(() => {
  const state = {inflight: 0, done: 0, last: 0};
  window.__benchCallbacks = state;
  const original = window.fetch.bind(window);
  window.fetch = (...args) => {
    const url = String((args[0] && args[0].url) || args[0]);
    if (!url.includes('_dash-update-component')) return original(...args);
    state.inflight += 1;
    return original(...args).then(async (response) => {
      try { await response.clone().arrayBuffer(); } catch (e) {}
      return response;
    }).finally(() => {
      state.inflight -= 1; state.done += 1; state.last = performance.now();
    });
  };
})();
"""


def browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise SystemExit("--browser needs selenium: make test installs it") from None

    options = webdriver.ChromeOptions()
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--window-size=1280,900",
    ):
        options.add_argument(arg)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if driver_path:
        return webdriver.Chrome(options=options, service=Service(driver_path))
    return webdriver.Chrome(options=options)


def settled_seconds(drv) -> float | None:
    """Seconds from navigation to the last callback answer, once nothing has been in flight
    and nothing is loading for QUIET_SECONDS; None when the page never settles."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    quiet_since = None
    while time.monotonic() < deadline:
        state = drv.execute_script(
            "const s = window.__benchCallbacks || {inflight: 1, done: 0, last: 0};"
            "return [s.inflight, s.done, s.last,"
            " document.querySelectorAll('[data-dash-is-loading=\"true\"]').length];"
        )
        inflight, done, last, loading = state
        if inflight or loading or not done:
            quiet_since = None
        elif quiet_since is None or quiet_since[1] != done:
            quiet_since = (time.monotonic(), done)
        elif time.monotonic() - quiet_since[0] >= QUIET_SECONDS:
            return last / 1000
        time.sleep(0.05)
    return None


def _log_in(drv, base: str, login: str, password: str) -> None:
    drv.delete_all_cookies()
    drv.get(f"{base}/login")
    drv.find_element("css selector", "input[name=username]").send_keys(login)
    field = drv.find_element("css selector", "input[name=password]")
    field.send_keys(password)
    field.submit()
    deadline = time.monotonic() + 20
    while "/login" in drv.current_url and time.monotonic() < deadline:
        time.sleep(0.05)


def measure(app, base: str, logins, log) -> list[dict]:
    """Per account and page open to it: cold and warm seconds until settled."""
    engine = app.server.extensions["filantrimpact"]["engine"]
    cache = app.server.extensions["filantrimpact"].get("cache")
    pages = sorted((p for p in PAGES if p is not NOT_FOUND), key=lambda p: p.order)
    rows = []
    drv = browser()
    try:
        drv.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_CALLBACKS})
        for number, login in enumerate(logins):
            viewer = accounts.authenticate(engine, login, DEMO_ACCOUNTS[login]).viewer
            _log_in(drv, base, login, DEMO_ACCOUNTS[login])
            if number == 0:
                # A browser's very first visit also fetches and compiles the app's scripts
                # (Plotly's alone is 4.6 MB): shown on its own, the pages below are measured
                # as a returning visitor's, with the scripts in the browser's cache.
                if cache is not None:
                    cache.clear()
                drv.get(f"{base}/?lang=nl")
                seconds = settled_seconds(drv)
                rows.append(
                    {
                        "login": login,
                        "role": viewer.role,
                        "page": "/ (first visit)",
                        "cold_s": seconds,
                        "warm_s": None,
                        "first_visit": True,
                    }
                )
                log(f"    browser {login:<14}first visit of /: {seconds}")
            for page in pages:
                if not page.open_to(viewer):
                    continue
                timings = {}
                for run in ("cold", "warm"):
                    if run == "cold" and cache is not None:
                        cache.clear()
                    drv.get(f"{base}{page.path}?lang=nl")
                    timings[f"{run}_s"] = settled_seconds(drv)
                rows.append({"login": login, "role": viewer.role, "page": page.path, **timings})
                log(f"    browser {login:<14}{page.path:<14}{timings}")
    finally:
        drv.quit()
    return rows
