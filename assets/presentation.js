// Presentation mode (/network/present): keys and a presenter remote step through the slides.
// Remotes send ArrowRight/ArrowLeft, PageDown/PageUp or Space; Esc leaves; F toggles full
// screen. Keys go into the "present-key" store; a clientside callback moves the deck.
(function () {
    "use strict";

    var STEPS = {
        ArrowRight: 1, PageDown: 1, " ": 1, Spacebar: 1, ArrowDown: 1,
        ArrowLeft: -1, PageUp: -1, ArrowUp: -1, Backspace: -1,
        Home: "first", End: "last"
    };

    function presenting() {
        return document.querySelector(".presentation-root");
    }

    function typing(target) {
        return target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    }

    function send(step) {
        if (window.dash_clientside && window.dash_clientside.set_props) {
            window.dash_clientside.set_props("present-key", {data: {step: step, at: Date.now()}});
        }
    }

    function enterFullscreen() {
        var element = document.documentElement;
        if (!document.fullscreenElement && element.requestFullscreen) {
            // Refused without a user gesture: then the slide simply fills the window.
            element.requestFullscreen().catch(function () {});
        }
    }

    function leaveFullscreen() {
        if (document.fullscreenElement && document.exitFullscreen) {
            document.exitFullscreen().catch(function () {});
        }
    }

    document.addEventListener("keydown", function (event) {
        if (!presenting() || typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        if (event.key === "Escape" || event.key === "Esc") {
            event.preventDefault();
            leaveFullscreen();
            var exit = document.getElementById("present-exit");
            if (exit) {
                exit.click();
            }
            return;
        }
        if (event.key === "f" || event.key === "F") {
            event.preventDefault();
            if (document.fullscreenElement) {
                leaveFullscreen();
            } else {
                enterFullscreen();
            }
            return;
        }
        if (Object.prototype.hasOwnProperty.call(STEPS, event.key)) {
            event.preventDefault();
            send(STEPS[event.key]);
        }
    });

    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest && event.target.closest("#present-fullscreen");
        if (button) {
            enterFullscreen();
        }
        var exit = event.target && event.target.closest && event.target.closest("#present-exit");
        if (exit) {
            leaveFullscreen();
        }
    });

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        filantrimpactPresent: {
            step: function (key, ticks, index, request) {
                var total = request && Array.isArray(request.slides) ? request.slides.length : 1;
                var current = typeof index === "number" ? index : 0;
                var triggered = window.dash_clientside.callback_context.triggered_id;
                if (triggered === "present-timer") {
                    current = (current + 1) % total;  // a timer loops through the deck
                } else if (triggered === "present-key" && key) {
                    if (key.step === "first") {
                        current = 0;
                    } else if (key.step === "last") {
                        current = total - 1;
                    } else if (typeof key.step === "number") {
                        current = Math.max(0, Math.min(total - 1, current + key.step));
                    }
                }
                return [
                    current,
                    {transform: "translateX(" + (-100 * current) + "vw)"},
                    (current + 1) + " / " + total
                ];
            }
        }
    });
})();
