"""The Data page: the empty template out, a template file in (checked, or imported), and
the import history.

Callbacks are public endpoints: each asks who is asking, and only administrators and project
leads get anything done. The importer itself checks what a lead may write (measurements and
stories of their own projects), so a forged request is refused whole, writing nothing.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
import uuid
from dataclasses import dataclass

import dash
from dash import Input, Output, State, dcc
from sqlalchemy.exc import SQLAlchemyError

from components import data_page as view
from components import ids
from components.i18n import normalise_language, t
from dashboard.page import AppContext
from data_access import importer
from data_access.importer.history import import_history
from data_access.importer.readers import MAX_BYTES
from data_access.viewer import Viewer

log = logging.getLogger(__name__)

ROLES = ("admin", "project")
# A data URL carries base64: four characters for three bytes, plus its "data:...;base64," head.
MAX_CONTENTS = MAX_BYTES * 4 // 3 + 4 + 200


@dataclass(frozen=True)
class Importer:
    """Whoever imports, as the importer records them: their rights and their login."""

    viewer: Viewer
    login: str


def who_is_asking(context: AppContext) -> Importer:
    viewer = context.viewer_for_request()
    login = viewer.name or viewer.role
    if context.accounts_enabled:
        from dashboard import auth

        account = auth.current_account()
        if account is not None:
            login = account.login
    return Importer(viewer, login)


def may_import(viewer: Viewer) -> bool:
    return viewer.role in ROLES


def clicked(n_clicks) -> bool:
    """Whether a click count (from the browser, so anything) is a real click."""
    return isinstance(n_clicks, int) and not isinstance(n_clicks, bool) and n_clicks > 0


def decode(contents, filename) -> tuple[str, bytes] | str:
    """The file name and bytes of an upload, or the key of what is wrong with it."""
    if not isinstance(contents, str) or not contents or not isinstance(filename, str):
        return "data.upload.choose_first"
    if len(contents) > MAX_CONTENTS:
        return "data.upload.too_large"
    head, _, encoded = contents.partition(",")
    if not head.startswith("data:") or not head.endswith(";base64"):
        return "data.upload.unreadable"
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return "data.upload.unreadable"
    return filename.replace("\\", "/").rsplit("/", 1)[-1][:200] or "upload", data


def import_outcome(engine, who: Importer, contents, filename, dry_run: bool, lang: str):
    """The report of checking or importing an upload, as page content; whether it wrote."""
    if not may_import(who.viewer):
        return view.message("data.not_allowed", lang, "danger"), False
    decoded = decode(contents, filename)
    if isinstance(decoded, str):
        values = {"maximum": view.size_limit()} if decoded == "data.upload.too_large" else {}
        return view.message(decoded, lang, **values), False
    name, data = decoded
    report = importer.run(engine, importer.Source(name, data), who, dry_run=dry_run)
    return view.report_view(report, lang), report.status == "imported"


def template_bytes(lang: str) -> bytes:
    target = io.BytesIO()
    importer.write_template(target, lambda key: t(key, lang), lang)
    return target.getvalue()


def register(app: dash.Dash, context: AppContext) -> None:
    engine, settings = context.engine, context.settings

    def language(lang) -> str:
        return normalise_language(lang, settings.language)

    @app.callback(
        Output(ids.DATA_TEMPLATE_DOWNLOAD, "data"),
        Input(ids.DATA_TEMPLATE_BUTTON, "n_clicks"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def download_template(n_clicks, lang):
        if not clicked(n_clicks) or not may_import(context.viewer_for_request()):
            return dash.no_update
        lang = language(lang)
        return dcc.send_bytes(template_bytes(lang), t("data.template.filename", lang))

    @app.callback(
        output={
            "name": Output(ids.DATA_FILE_NAME, "children"),
            "check": Output(ids.DATA_CHECK, "disabled"),
            "run": Output(ids.DATA_IMPORT, "disabled"),
            "report": Output(ids.DATA_REPORT, "children", allow_duplicate=True),
        },
        inputs={"filename": Input(ids.DATA_UPLOAD, "filename")},
        state={"lang": State(ids.LANG_STORE, "data")},
        prevent_initial_call=True,
    )
    def choose_file(filename, lang):
        """A new file: its name shown, the actions offered, the last report gone."""
        lang = language(lang)
        allowed = may_import(context.viewer_for_request())
        filename = filename if isinstance(filename, str) and allowed else None
        none = filename is None
        return {"name": view.chosen_file(filename, lang), "check": none, "run": none,
                "report": None}  # fmt: skip

    @app.callback(
        output={
            "report": Output(ids.DATA_REPORT, "children"),
            "done": Output(ids.DATA_DONE, "data"),
        },
        inputs={
            "check": Input(ids.DATA_CHECK, "n_clicks"),
            "run": Input(ids.DATA_IMPORT, "n_clicks"),
        },
        state={
            "contents": State(ids.DATA_UPLOAD, "contents"),
            "filename": State(ids.DATA_UPLOAD, "filename"),
            "lang": State(ids.LANG_STORE, "data"),
        },
        running=[
            (Output(ids.DATA_CHECK, "disabled"), True, False),
            (Output(ids.DATA_IMPORT, "disabled"), True, False),
        ],
        prevent_initial_call=True,
    )
    def check_or_import(check, run, contents, filename, lang):
        lang = language(lang)
        trigger = dash.ctx.triggered_id
        if trigger not in (ids.DATA_CHECK, ids.DATA_IMPORT):
            return {"report": dash.no_update, "done": dash.no_update}
        if not clicked(check if trigger == ids.DATA_CHECK else run):
            return {"report": dash.no_update, "done": dash.no_update}
        who = who_is_asking(context)
        try:
            report, _ = import_outcome(
                engine, who, contents, filename, trigger == ids.DATA_CHECK, lang
            )
        except SQLAlchemyError:
            log.exception("import of %r failed", filename if isinstance(filename, str) else "")
            report = view.message("data.failed", lang, "danger")
        # A new token each time: the history reloads (a refused file is in it too).
        done = uuid.uuid4().hex if may_import(who.viewer) else dash.no_update
        return {"report": report, "done": done}

    @app.callback(
        output={
            "intro": Output(ids.DATA_INTRO, "children"),
            "history": Output(ids.DATA_HISTORY, "children"),
        },
        inputs={"done": Input(ids.DATA_DONE, "data")},
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def show_history(done, lang):
        lang = language(lang)
        who = who_is_asking(context)
        role = who.viewer.role
        if not may_import(who.viewer):
            return {"intro": None, "history": None}
        intro = t(f"data.subtitle.{role}", lang)
        try:
            history = import_history(engine, who.viewer, who.login)
        except SQLAlchemyError:
            log.exception("import history failed")
            return {"intro": intro, "history": view.message("data.history.failed", lang)}
        return {"intro": intro, "history": view.history_view(history, lang, role != "admin")}
