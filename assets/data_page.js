// The Data page: dcc.Upload silently drops a file above its max_size, sending nothing to the
// server. Say so next to the drop zone, in the page's language (the text is in the layout).
(function () {
    function check(zone, files) {
        var box = zone.closest(".data-upload");
        if (!box || !files) {
            return;
        }
        var limit = Number(box.getAttribute("data-max-bytes"));
        var tooLarge = Array.prototype.some.call(files, function (file) {
            return limit > 0 && file.size > limit;
        });
        var alert = box.querySelector(".data-too-large");
        if (alert) {
            alert.hidden = !tooLarge;
        }
    }
    document.addEventListener("change", function (event) {
        var target = event.target;
        if (target && target.type === "file" && target.closest(".data-upload")) {
            check(target, target.files);
        }
    }, true);
    document.addEventListener("drop", function (event) {
        var zone = event.target && event.target.closest && event.target.closest(".data-upload");
        if (zone && event.dataTransfer) {
            check(zone, event.dataTransfer.files);
        }
    }, true);
})();
