/*
 * Troubleshooting FAQ: narrow the questions as the visitor types.
 *
 * Progressive enhancement only: without JavaScript the same form submits
 * ?q= and the server filters (faq/models.py, filter_categories). Matching
 * is the same on both sides: every word must occur in the question or its
 * answer, ignoring case and accents. The result count is announced through
 * the aria-live status element.
 */
(function () {
    "use strict";

    var form = document.querySelector("[data-faq-filter]");
    if (!form) {
        return;
    }
    var input = form.querySelector("input[name='q']");
    var status = document.getElementById("faq-count");
    var noMatch = document.querySelector("[data-faq-no-match]");
    var categories = Array.prototype.slice.call(document.querySelectorAll("[data-faq-category]"));
    var announceTimer = null;

    function normalise(text) {
        return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    // The server may already have filtered the list (?q=); a browser-side
    // filter can only narrow what was rendered, so typing a broader query
    // than the server's would miss questions. Reload without ?q= in that case.
    var serverQuery = input.value;

    var questions = Array.prototype.slice.call(document.querySelectorAll("[data-faq-question]")).map(function (el) {
        var answer = el.querySelector(".faq-question__answer");
        var title = el.querySelector("h3");
        return {
            element: el,
            text: normalise((title ? title.textContent : "") + " " + (answer ? answer.textContent : "")),
        };
    });

    function announce(count, query) {
        if (!status) {
            return;
        }
        window.clearTimeout(announceTimer);
        // Wait until typing pauses, so screen readers are not flooded.
        announceTimer = window.setTimeout(function () {
            if (!query) {
                status.textContent = "";
                return;
            }
            var template = count === 1 ? status.dataset.templateOne : status.dataset.templateMany;
            status.textContent = template.replace("__count__", String(count));
        }, 400);
    }

    function applyFilter() {
        var query = normalise(input.value.trim());
        var words = query.split(/\s+/).filter(Boolean);
        var shown = 0;
        questions.forEach(function (item) {
            var match = words.every(function (word) {
                return item.text.indexOf(word) !== -1;
            });
            item.element.hidden = !match;
            if (match) {
                shown += 1;
            }
        });
        categories.forEach(function (category) {
            category.hidden = !category.querySelector("[data-faq-question]:not([hidden])");
        });
        if (noMatch) {
            noMatch.hidden = shown !== 0;
        }
        announce(shown, query);
    }

    input.addEventListener("input", function () {
        if (serverQuery && normalise(input.value).indexOf(normalise(serverQuery)) === -1) {
            // Broader than what the server returned: fetch the full list again.
            serverQuery = "";
            form.submit();
            return;
        }
        applyFilter();
    });
})();
