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
        setTitle: function (title) {
            if (typeof title === "string" && title) {
                document.title = title;
            }
            return window.dash_clientside.no_update;
        }
    }
});
