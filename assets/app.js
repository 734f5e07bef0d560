// Keep the address bar in step with the filters without reloading the page, so that a
// copied link reproduces the view. replaceState does not trigger the page router.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    filantrimpact: {
        syncUrl: function (state) {
            if (!state || !state.search) {
                return window.dash_clientside.no_update;
            }
            var target = window.location.pathname + state.search;
            if (target !== window.location.pathname + window.location.search) {
                window.history.replaceState(window.history.state, "", target);
            }
            document.documentElement.lang = state.lang;
            return state.search;
        },
        // The phone menu: the button opens and closes it; going to another page closes it.
        toggleMenu: function (clicks, pathname, isOpen) {
            var triggered = window.dash_clientside.callback_context.triggered_id;
            return triggered === "navbar-toggler" ? !isOpen : false;
        },
        setTitle: function (title) {
            if (typeof title === "string" && title) {
                document.title = title;
            }
            return window.dash_clientside.no_update;
        }
    }
});
